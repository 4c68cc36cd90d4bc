@testable import PlimsollRules
@testable import RepositoryModel
import Testing

/// GitHub filter patterns made of literals, `*` and `**` are matched without a Regex; they must agree with the
/// Regex translation on every pattern and name.
@Suite struct TagGlobTests {
    @Test func starPatternsAgreeWithRegex() {
        let patterns = [
            "main", "master", "v*", "v*.*.*", "*", "**", "releases/**", "releases/*", "*-rc*", "v1.2.3", "a.b",
            "feature/**/x", "**/x", "(x)", "{a}", "^v$", "a|b", "x\\y", "", "é*", "*\u{301}", "v**3", "***", "a**b", "a*b",
            // Literal names, matched by text: canonically equivalent spellings and line breaks included.
            "é", "e\u{301}", "a\nb", "a\r\nb", "main ", "v?\u{301}", "*\u{301}x", "[a]\u{301}",
        ]
        let names = [
            "main", "master", "v1.2.3", "1.2.3", "v1", "releases/v1", "releases/a/b", "feature/a/b/x", "x", "a.b",
            "axb", "(x)", "{a}", "^v$", "a|b", "x\\y", "", "é1", "e\u{301}1", "a\nb", "v3", "v1/3", "e\u{301}", "a\r\nb", "a\rb", "a\u{0B}b",
        ]
        for pattern in patterns {
            for name in names {
                #expect(WorkflowTriggers.glob(pattern, name) == WorkflowTriggers.regexGlob(pattern, name), "\(pattern) \(name)")
            }
        }
    }
}
