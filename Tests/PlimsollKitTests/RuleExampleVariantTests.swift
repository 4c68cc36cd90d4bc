import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

/// Every documented example again, written as users' files also are: with CRLF line ends, with a line of
/// non-ASCII text above the code, and under a suppression comment. The rule must say the same thing at the same
/// place (one line lower below an inserted line), and a suppression must silence it. All examples are ASCII and
/// LF, so without these variants no rule example would run a byte-versus-character or CR path.
@Suite("Rule example variants")
struct RuleExampleVariantTests {
    @Test("CRLF line ends give the same findings, messages and notes", arguments: ExampleCase.all)
    func crlf(_ testCase: ExampleCase) throws {
        let original = try ExampleScan(rule: testCase.rule, example: testCase.example)
        var example = testCase.example
        example.files = example.files.map { ($0.path, $0.content.replacingLineEnds(with: "\r\n")) }
        let variant = try ExampleScan(rule: testCase.rule, example: example)
        #expect(variant.findings.map(Seen.init) == original.findings.map(Seen.init))
    }

    @Test("a line of non-ASCII text above the code moves the findings one line down", arguments: ExampleCase.all)
    func nonASCIILine(_ testCase: ExampleCase) throws {
        let original = try ExampleScan(rule: testCase.rule, example: testCase.example)
        let (example, inserted) = Self.inserting("# ünïcödé ✓ 😀 ∑ — text before the code", into: testCase.example)
        let variant = try ExampleScan(rule: testCase.rule, example: example)
        let found = variant.findings.map { Placed($0, shiftedAt: nil) }
        let shifted = original.findings.map { Placed($0, shiftedAt: inserted[$0.path]) }
        // A finding about a whole file or its first line (a missing '#!') stands at 1:1 whatever the line holds.
        let unmoved = original.findings.map { Placed($0, shiftedAt: nil) }
        #expect(found.count == shifted.count, "\(found) against \(shifted)")
        for (index, place) in found.enumerated() where index < shifted.count {
            #expect(place == shifted[index] || (place == unmoved[index] && place.line == 1 && place.column == 1))
        }
    }

    @Test("a suppression comment silences every finding in its file", arguments: ExampleCase.all.filter(\.triggers))
    func suppressed(_ testCase: ExampleCase) throws {
        let id = testCase.rule.description.id
        guard !Self.unsuppressible.contains(id) else { return }
        let original = try ExampleScan(rule: testCase.rule, example: testCase.example)
        let (example, inserted) = Self.inserting("# plimsoll global ignore=\(id) checked by the variant test", into: testCase.example)
        let variant = try ExampleScan(rule: testCase.rule, example: example)
        #expect(variant.findings.count == original.findings.count)
        for finding in variant.findings where inserted[finding.path] != nil {
            #expect(finding.suppression != nil, "\(finding.path):\(finding.span.lowerBound): \(finding.message)")
        }
    }

    /// PL004 and PL005 review suppression comments themselves; PL003 reports files Plimsoll does not read, so a
    /// comment in them is never seen. (A finding at a path that does not exist, such as a missing layout file,
    /// has no file to hold a comment: the test checks the findings in the files it could comment.)
    static let unsuppressible: Set<String> = ["PL003", "PL004", "PL005"]

    /// `line` inserted into every file that takes `#` comments, after what must stay first (a `#!` line, a
    /// Dockerfile's parser directives); the 1-based line it now occupies, by path.
    static func inserting(_ line: String, into example: RuleExample) -> (RuleExample, [String: Int]) {
        var example = example
        var inserted: [String: Int] = [:]
        example.files = example.files.map { file in
            guard takesHashComments(file.path) else { return file }
            var lines = file.content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let unmarked = lines.map { $0.filter { $0 != RuleExample.marker } }
            var index = 0
            if unmarked.first?.hasPrefix("#!") == true { index = 1 }
            if isDockerfile(file.path) {
                while index < lines.count, isParserDirective(unmarked[index]) { index += 1 }
            }
            lines.insert(line, at: index)
            inserted[file.path] = index + 1
            return (file.path, lines.joined(separator: "\n"))
        }
        return (example, inserted)
    }

    static func takesHashComments(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".yml") || name.hasSuffix(".yaml") || name.hasSuffix(".sh") || name == "Makefile"
            || name == ".dockerignore" || name == "Pipfile" || isDockerfile(path)
    }

    static func isDockerfile(_ path: String) -> Bool {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return name.contains("dockerfile") || name.contains("containerfile")
    }

    /// `# name=value` at the top of a Dockerfile (BuildKit stops looking at the first other line).
    static func isParserDirective(_ line: String) -> Bool {
        guard line.hasPrefix("#") else { return false }
        let body = line.dropFirst().drop { $0 == " " }
        let name = body.prefix { $0.isLetter }
        return !name.isEmpty && body.dropFirst(name.count).drop { $0 == " " }.hasPrefix("=")
    }
}

/// What a reader sees of a finding: where, what and why.
private struct Seen: Equatable, CustomStringConvertible {
    let path: String
    let line: Int
    let column: Int
    let message: String
    let notes: [String]

    init(_ finding: Finding) {
        path = finding.path
        // Offsets differ by the CRs before the finding; lines and columns must not.
        line = finding.span.lowerBound.line
        column = finding.span.lowerBound.column
        message = finding.message
        notes = finding.notes
    }

    var description: String { "\(path):\(line):\(column): \(message) \(notes)" }
}

/// Where a finding is, with its line moved down when a line was inserted at or above it. Messages may quote
/// line numbers, so only the place and the rule are compared.
private struct Placed: Equatable, CustomStringConvertible {
    let path: String
    let line: Int
    let column: Int
    let rule: String

    init(_ finding: Finding, shiftedAt inserted: Int?) {
        path = finding.path
        let line = finding.span.lowerBound.line
        self.line = inserted.map { line >= $0 ? line + 1 : line } ?? line
        column = finding.span.lowerBound.column
        rule = finding.ruleID
    }

    var description: String { "\(rule) \(path):\(line):\(column)" }
}

extension String {
    fileprivate func replacingLineEnds(with ending: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)
    }
}
