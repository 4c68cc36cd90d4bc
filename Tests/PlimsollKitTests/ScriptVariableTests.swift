@testable import RepositoryModel
import Testing

@testable import PlimsollRules

/// What a script leaves in a variable, by its literal assignments and the branches a run decides.
@Suite("Script variables")
struct ScriptVariableTests {
    static let pullRequest = ["GITHUB_REF": "refs/pull/1/merge", "GITHUB_EVENT_NAME": "pull_request"]
    static let tag = ["GITHUB_REF": "refs/tags/v1.2.3", "GITHUB_EVENT_NAME": "push"]

    static let release = """
        VERSION=unknown
        if [[ $GITHUB_REF =~ refs/tags/* ]]; then
          VERSION=${GITHUB_REF#refs/tags/}
        fi
        # Determine the release type.
        if [[ $GITHUB_REF =~ refs/tags/* ]]; then
            IS_RELEASE=yes
        else
            IS_RELEASE=no
        fi
        echo "is_release=${IS_RELEASE}" >> $GITHUB_OUTPUT
        """

    @Test(arguments: [
        (release, "IS_RELEASE", pullRequest, ["no"]),
        (release, "IS_RELEASE", tag, ["yes"]),
        (release, "IS_RELEASE", [:], ["yes", "no"]),
        (release, "VERSION", pullRequest, ["unknown"]),
        (release, "VERSION", tag, nil),
        ("A=1\nif [ \"$GITHUB_EVENT_NAME\" = \"push\" ]\nthen\n  A=2\nfi\n", "A", pullRequest, ["1"]),
        ("A=1\nif [ \"$GITHUB_EVENT_NAME\" = \"push\" ]\nthen\n  A=2\nfi\n", "A", [:], ["1", "2"]),
        ("if [[ $GITHUB_REF == refs/heads/* ]]; then A=main\nelif [[ $GITHUB_REF == refs/pull/* ]]; then A=pr\nelse A=x\nfi\n",
         "A", pullRequest, ["pr"]),
        ("if [[ $OTHER == x ]]; then\n  A=1\nfi\n", "A", pullRequest, ["", "1"]),
        ("A=$(date)\n", "A", pullRequest, nil),
        ("case $GITHUB_REF in\n  refs/tags/*) A=1 ;;\nesac\n", "A", pullRequest, nil),
        ("A=1\ncase $REF in\n  dev) B=2 ;;\nesac\n", "A", pullRequest, ["1"]),
        ("A=1\nfor x in a b; do\n  A=$x\ndone\n", "A", pullRequest, nil),
        ("export A=\"yes\"\n", "A", pullRequest, ["yes"]),
        ("if [[ $GITHUB_REF =~ refs/tags/ ]]; then\n  A=1\n", "A", pullRequest, nil),
        ("p=false; [[ \"pull_request\" == push ]] && p=true; echo \"p=$p\" >> $GITHUB_OUTPUT", "p", pullRequest, ["false"]),
        ("p=false; [[ \"push\" == push ]] && p=true", "p", pullRequest, ["true"]),
        ("p=false; [[ $OTHER == push ]] && p=true", "p", pullRequest, ["false", "true"]),
        ("p=false\n[ -f x ] || p=true\n", "p", pullRequest, ["false", "true"]),
        ("p=false\nread -r p\n", "p", pullRequest, nil),
        ("p=false\np+=x\n", "p", pullRequest, nil),
        ("local p=yes\n", "p", pullRequest, ["yes"]),
        // A subshell's assignment stays in the subshell.
        ("p=false\n(p=true)\n", "p", pullRequest, ["false"]),
    ] as [(String, String, [String: String], Set<String>?)])
    func values(script: String, name: String, runner: [String: String], expected: Set<String>?) {
        #expect(ScriptVariable.values(of: name, in: script, runner: runner) == expected)
    }

    @Test("tests joined by && and || inside [[ ]], with sides left as expressions compared by the evaluator")
    func compoundTests() {
        let script = """
            push=false
            if [[ "pull_request" == "pull_request" && "${{ github.event.pull_request.head.repo.full_name }}" == "${{ github.repository }}" ]]; then
              push=true
            fi
            """
        let fork: (String, String) -> Bool? = { _, _ in false }
        #expect(ScriptVariable.values(of: "push", in: script, runner: [:], compare: fork) == ["false"])
        #expect(ScriptVariable.values(of: "push", in: script, runner: [:]) == ["false", "true"])
        let either = "p=no\nif [[ $GITHUB_EVENT_NAME == push || $GITHUB_EVENT_NAME == release ]]; then\n  p=yes\nfi\n"
        #expect(ScriptVariable.values(of: "p", in: either, runner: Self.pullRequest) == ["no"])
        #expect(ScriptVariable.values(of: "p", in: either, runner: Self.tag) == ["yes"])
    }

    @Test func globs() {
        #expect(ScriptVariable.globMatches("refs/tags/*", "refs/tags/v1"))
        #expect(!ScriptVariable.globMatches("refs/tags/*", "refs/pull/1/merge"))
        #expect(ScriptVariable.globMatches("v?.*", "v1.2"))
    }
}
