import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attack 4: the job summary is Markdown GitHub renders. Compared as Characters, CR LF and a `<` with a
/// combining mark got past the escaping, so a file name could add table rows or raw HTML to the summary.
@Suite("Adversarial: Markdown job summary")
struct MarkdownInjectionTests {
    static let hostile = "a\r\n| x | y |\r\n<\u{338}img src=x onerror=alert(1)>\u{2028}# head\u{85}`code`\u{1B}[31m\u{202E}"

    @Test("a cell holds no line break, no raw tag opener, no control character")
    func cell() {
        let escaped = MarkdownText.cell(Self.hostile)
        for scalar in escaped.unicodeScalars {
            #expect(![0x0A, 0x0D, 0x85, 0x2028, 0x1B, 0x202E].contains(scalar.value), "\(scalar.value)")
            #expect(scalar != "<" && scalar != ">")
        }
        #expect(escaped.contains("&lt;\u{338}img"))
        #expect(escaped.contains("\\| x \\| y \\|"))
        #expect(MarkdownText.cell("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test("a code span holds no backquote, pipe or line break")
    func codeSpan() {
        let escaped = MarkdownText.codeSpan(Self.hostile)
        #expect(!escaped.unicodeScalars.contains { ["`", "|", "\r", "\n", "\u{2028}", "\u{85}", "\u{1B}"].contains($0) })
    }

    @Test("a finding in a file with a hostile name stays in its table row")
    func report() throws {
        let path = ".github/workflows/w\(Self.hostile).yml"
        let result = try Scanner().scan(InMemoryRepositorySource(files: [path: Array("on: [\n".utf8)]), root: ".")
        #expect(result.findings.contains { $0.path == path })
        let markdown = MarkdownReporter.report(result, options: ReportOptions())
        #expect(!markdown.unicodeScalars.contains { $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{85}" }, "\(markdown)")
        // Outside code spans (where `<` is text) no tag can open.
        let outsideCode = markdown.split(separator: "`").enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(!outsideCode.contains { $0.unicodeScalars.contains("<") }, "\(markdown)")
        // Every line of the findings table is a row of four cells: no injected row or heading.
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let table = try #require(lines.firstIndex { $0.hasPrefix("| Severity") })
        for line in lines[table...].prefix { !$0.isEmpty } {
            var unescapedPipes = 0
            var previous: Unicode.Scalar = " "
            for scalar in line.unicodeScalars {
                if scalar == "|" && previous != "\\" { unescapedPipes += 1 }
                previous = previous == "\\" && scalar == "\\" ? " " : scalar
            }
            #expect(unescapedPipes == 5, "\(line)")
        }
    }
}
