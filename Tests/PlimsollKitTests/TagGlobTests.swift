@testable import RepositoryModel
import Testing

/// GitHub's branch and tag filter patterns (`*`, `**`, `?`, `+`, `[…]`), matched against ref names, which are
/// bytes: a precomposed `é` and `e` with a combining accent are different branches.
@Suite struct TagGlobTests {
    @Test(arguments: [
        ("main", "main", true), ("main", "main ", false), ("v*", "v1.2.3", true), ("v*", "release/v1", false),
        ("v*.*.*", "v1.2.3", true), ("v*.*.*", "v1.2", false), ("*", "a/b", false), ("**", "a/b", true),
        ("releases/**", "releases/a/b", true), ("releases/*", "releases/a/b", false), ("*-rc*", "v2-rc1", true),
        ("feature/**/x", "feature/a/b/x", true), ("**/x", "x", false), ("a.b", "axb", false), ("(x)", "(x)", true),
        ("a|b", "a", false), ("", "", true), ("v**3", "v1/3", true), ("a*b", "a/b", false),
        ("é*", "é1", true), ("é*", "e\u{301}1", false), ("e\u{301}*", "e\u{301}1", true),
        ("a\nb", "a\nb", true),
        ("v[0-9]+", "v12", true), ("v1?.0", "v.0", true), ("v1?.0", "v1.0", true), ("v?.0", "v1.0", false),  // `?`: zero or one of the one before
        ("$default-branch", "main", true), ("$default-branch", "develop", false),
    ])
    func glob(_ pattern: String, _ name: String, _ matches: Bool) {
        #expect(WorkflowTriggers.glob(pattern, name) == matches)
    }

    /// The byte matcher for `*`/`**` patterns and the Regex that `?`, `+` and `[…]` need agree on ASCII text.
    @Test func starPatternsAgreeWithRegexOnASCII() {
        let patterns = ["main", "v*", "v*.*.*", "*", "**", "releases/**", "releases/*", "*-rc*", "**/x", "***", "a**b"]
        let names = ["main", "v1.2.3", "1.2.3", "releases/v1", "releases/a/b", "x", "a/x", "axb", "", "a\r\nb"]
        for pattern in patterns {
            for name in names {
                #expect(WorkflowTriggers.glob(pattern, name) == WorkflowTriggers.regexGlob(pattern, name), "\(pattern) \(name)")
            }
        }
    }
}
