import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attacks 5 and 16: repository text reaches standard error (configuration errors quote keys) and the
/// GitHub log (`--format github`). A newline there started a workflow command (`::add-mask::`,
/// `::stop-commands::`) in the Action's log; ESC and BEL reached the terminal; bidi controls reordered a line.
@Suite("Adversarial: terminal and GitHub log escaping")
struct LogInjectionTests {
    /// Every scalar that must not reach a terminal or runner log as it is.
    static let forbidden: Set<UInt32> = [0x1B, 0x07, 0x0D, 0x85, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202E, 0x200E, 0x200F, 0x061C, 0x2066]
    static let hostile = "x\u{1B}]0;title\u{7}\u{85}::error::forged\u{2028}::add-mask::\u{202A}\u{202B}\u{202C}\u{200E}\u{200F}\u{61C}\u{2066}\u{202E}y"

    @Test("the text reporter's escaping shows every bidi control")
    func terminal() {
        let shown = TerminalText.sanitize(Self.hostile)
        #expect(!shown.unicodeScalars.contains { Self.forbidden.contains($0.value) })
        #expect(shown.contains("\\u{202A}") && shown.contains("\\u{200E}") && shown.contains("\\u{61C}"))
    }

    @Test("a log line never starts a workflow command and holds no control")
    func logLine() {
        let line = LogText.line("plimsoll: error: .plimsoll.yml:2:1: unknown key 'a\n::stop-commands::x\u{1B}[2J'")
        #expect(!line.contains("\n"))
        #expect(!line.unicodeScalars.contains { Self.forbidden.contains($0.value) })
        #expect(LogText.line("  ::error::x") == "  \\x3A:error::x")
        #expect(LogText.lines("usage\n::warning::y\nok") == "usage\n\\x3A:warning::y\nok")
    }

    @Test("--format github escapes ESC, BEL, NEL, U+2028 and bidi controls")
    func githubAnnotations() throws {
        let path = ".github/workflows/w\(Self.hostile).yml"
        let result = try Scanner().scan(InMemoryRepositorySource(files: [path: Array("on: [\n".utf8)]), root: ".")
        let output = GitHubActionsReporter.report(result, options: ReportOptions())
        #expect(!output.isEmpty)
        #expect(!output.unicodeScalars.contains { Self.forbidden.contains($0.value) })
        for line in output.split(separator: "\n") { #expect(line.hasPrefix("::error") || line.hasPrefix("::warning") || line.hasPrefix("::notice")) }
        #expect(output.contains("\\x1B]0;title\\x07\\x85%3A%3Aerror%3A%3Aforged\\u{2028}"))
    }

    @Test("a configuration key with a newline: stderr holds no workflow command and no control",
          .enabled(if: FileManager.default.fileExists(atPath: TestPaths.binary.path)))
    func configurationError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".plimsoll.yml", "layout: src-docker\n\"a\\n::add-mask::x\\n::stop-commands::t\\e[2J\\a\": 1\n")
        let run = try ProcessRunner.plimsoll(["scan", "."], in: directory.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown key"))
        for line in run.stderr.split(separator: "\n") {
            #expect(!line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::"), "\(line)")
        }
        #expect(!run.stderr.unicodeScalars.contains { Self.forbidden.contains($0.value) })
    }
}
