import PlimsollCore
import Testing
import WorkflowModel

/// The action data shipped in `Resources/known-actions.yml` loads, and its reader rejects a broken file with a
/// position instead of guessing.
@Suite("Known actions data")
struct KnownActionsDataTests {
    @Test func shippedDataLoads() {
        let data = KnownActions.data
        #expect(data.actions.count == 6)
        #expect(data.deprecatedRuntimes == ["node12", "node16", "node20"])
        for action in data.actions.values {
            #expect(action.majors.last?.major == action.current, "\(action.name)")
            #expect(!action.source.isEmpty && !action.checked.isEmpty, "\(action.name)")
            #expect(action.majors.allSatisfy { !$0.source.isEmpty }, "\(action.name)")
        }
        // `like:` and `plus:` build on earlier lists.
        #expect(KnownActions.inputs(for: ActionReference("docker/build-push-action@v7")!)?.contains("call") == true)
        #expect(KnownActions.inputs(for: ActionReference("docker/build-push-action@v7")!)?.contains("annotations") == true)
        #expect(KnownActions.inputs(for: ActionReference("docker/login-action@v3")!) == ["registry", "username", "password", "logout", "ecr"])
    }

    @Test func olderMajorsAreCheckedAgainstTheOldestListWhereAllowed() {
        let older = KnownActions.checkedInputs(for: ActionReference("docker/build-push-action@v3")!)
        #expect(older?.major == 5)
        #expect(KnownActions.checkedInputs(for: ActionReference("docker/build-push-action@v1")!) == nil)
        #expect(KnownActions.checkedInputs(for: ActionReference("actions/checkout@v1")!) == nil)
        #expect(KnownActions.runtime(ofAction: "docker/build-push-action", major: 3) == "node16")
    }

    @Test(arguments: [
        ("actions:\n  a/b:\n    current: 2\n    source: s\n    checked: d\n    majors:\n      1: {runtime: node12, source: s}\n",
         "'deprecated-runtimes' is missing"),
        ("deprecated-runtimes: {runtimes: [node12], source: s}\nactions:\n  a/b:\n    current: 2\n    source: s\n    checked: d\n    majors:\n      1: {runtime: node12, source: s}\n",
         "a/b: 'current' is not the newest major listed"),
        ("deprecated-runtimes: {runtimes: [node12], source: s}\nactions:\n  a/b:\n    current: 1\n    source: s\n    checked: d\n    majors:\n      1: {runtime: node12, source: s, inputs: {like: 3}}\n",
         "'like: 3' names no earlier list"),
        ("deprecated-runtimes: {runtimes: [node12], source: s}\nactions:\n  a/b:\n    current: 1\n    source: s\n    checked: d\n    majors:\n      2: {runtime: node12, source: s}\n      1: {runtime: node12, source: s}\n",
         "majors must be listed oldest first"),
    ])
    func brokenDataIsRejectedWithAPosition(text: String, message: String) {
        switch KnownActions.read(SourceFile(path: "x.yml", text: text)) {
        case .success: Issue.record("accepted: \(text)")
        case .failure(let error):
            #expect(error.message == message)
            #expect(error.location.line >= 1)
        }
    }
}

@Suite("Whole-value expressions")
struct WholeExpressionTests {
    @Test(arguments: [
        ("${{ github.sha }}", " github.sha "), ("  ${{x}} ", "x"), ("${{ a }}-${{ b }}", nil), ("v${{ x }}", nil),
        ("${{ x }}v", nil), ("plain", nil), ("${{}}", ""), ("${{ '}}' }}", " '}}' "),
    ] as [(String, String?)])
    func whole(text: String, inner: String?) {
        #expect(text.wholeExpression == inner)
    }
}
