import Foundation
import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

@Suite("Reporters")
struct ReporterTests {
    /// A result with awkward content: non-ASCII before the span, a path that needs URI escaping, a suppression.
    static let sample: ScanResult = {
        let dockerfile = SourceFile(path: "src/docker/Dockerfile", text: "FROM café😀 AS x\n")
        let span = dockerfile.span(15..<17)  // "AS", after 2- and 4-byte characters
        let odd = SourceFile(path: "dir with space/a,b:c%0A.yml", text: "on: push\n")
        return ScanResult(
            root: ".",
            findings: [
                Finding(
                    ruleID: "PL101", severity: .error, message: "first 'x'", path: dockerfile.path, span: span,
                    notes: ["a note"], lineText: dockerfile.lineText(1),
                    fixes: [
                        Fix(
                            title: "write 'as'", safety: .safe,
                            edits: [
                                FileEdit(path: dockerfile.path, range: 15..<17, replacement: "as"),
                                FileEdit(path: odd.path, range: 0..<0, replacement: "# café\n"),
                            ]),
                        Fix(
                            title: "delete it", safety: .unsafe,
                            edits: [FileEdit(path: dockerfile.path, range: 14..<17, replacement: "")]),
                    ]),
                Finding(
                    ruleID: "PL102", severity: .warning, message: "second\n::error::injected", path: odd.path,
                    span: odd.span(0..<2), lineText: odd.lineText(1)),
                Finding(
                    ruleID: "PL003", severity: .note, message: "kept but suppressed", path: odd.path,
                    span: odd.span(4..<8), lineText: odd.lineText(1),
                    suppression: Suppression(kind: .inSource, justification: "known")),
            ],
            filesScanned: 2,
            rules: RuleRegistry.descriptions)
    }()

    /// Thousands of findings are rendered in slices on several threads; the text must not depend on how many.
    @Test("the text report is the same for any number of workers, with and without colour")
    func textReportSlices() {
        var findings: [Finding] = []
        for index in 0..<2_503 {
            let sample = Self.sample.findings[index % 2]
            var finding = sample
            finding.message = "\(sample.message) \(index)"
            finding.notes = index % 3 == 0 ? ["note \(index)"] : []
            findings.append(finding)
        }
        let result = ScanResult(root: ".", findings: findings, filesScanned: 2, rules: RuleRegistry.descriptions)
        for useColor in [false, true] {
            let serial = TextReporter.report(result, options: ReportOptions(useColor: useColor, workers: 1))
            #expect(serial.components(separatedBy: "\n").count > 7_000)
            for workers in [2, 3, 8] {
                let sliced = TextReporter.report(result, options: ReportOptions(useColor: useColor, workers: workers))
                #expect(sliced == serial)
            }
        }
    }

    @Test("SARIF validates against GitHub's and OASIS's schemas and sarif-tools reads it",
        .enabled(if: TestPaths.python != nil, "needs the Python tools `make test` installs"))
    func sarifValidates() throws {
        let python = try #require(TestPaths.python)
        let directory = try TemporaryDirectory()
        let log = try directory.write(
            "out.sarif", SARIFReporter.report(Self.sample, options: ReportOptions(rootURI: "file:///repo/")))
        for schema in ["sarif-schema-2.1.0.json", "sarif-schema-2.1.0.oasis-errata01.json"] {
            let validation = try ProcessRunner.run(
                python,
                [
                    TestPaths.packageRoot.appendingPathComponent("Tests/Integration/validate_sarif.py").path,
                    TestPaths.fixtures.appendingPathComponent("sarif/\(schema)").path, log.path,
                ])
            #expect(validation.status == 0, "\(schema): \(validation.stdout)\(validation.stderr)")
        }
        let sarif = python.deletingLastPathComponent().appendingPathComponent("sarif")
        let summary = try ProcessRunner.run(sarif, ["summary", log.path])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("error: 1"), "\(summary.stdout)")
        #expect(summary.stdout.contains("warning: 1"), "\(summary.stdout)")
    }

    @Test("SARIF columns count code points and paths are URI references")
    func sarifPositions() throws {
        let text = SARIFReporter.report(Self.sample, options: ReportOptions())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try #require(location["region"] as? [String: Int])
        // "FROM café😀 AS x": "AS" starts at code point 12 (1-based), after 4 multi-byte bytes.
        #expect(region["startColumn"] == 12)
        #expect(region["endColumn"] == 14)
        let uri = (results[1]["locations"] as? [[String: Any]])?.first
            .flatMap { $0["physicalLocation"] as? [String: Any] }
            .flatMap { $0["artifactLocation"] as? [String: Any] }?["uri"] as? String
        #expect(uri == "dir%20with%20space/a%2Cb%3Ac%250A.yml")
        #expect(results[2]["suppressions"] != nil)
        #expect(results[0]["ruleIndex"] as? Int == Self.sample.rules.firstIndex { $0.id == "PL101" })
    }

    @Test("SARIF and JSON carry each finding's fixes, as byte regions and replacement text")
    func fixesTravel() throws {
        let sarif = SARIFReporter.report(Self.sample, options: ReportOptions())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let fixes = try #require(results[0]["fixes"] as? [[String: Any]])
        #expect(fixes.count == 2)
        #expect((fixes[0]["description"] as? [String: String])?["text"] == "write 'as' (safe)")
        let changes = try #require(fixes[0]["artifactChanges"] as? [[String: Any]])
        #expect(changes.count == 2)
        let first = try #require((changes[0]["replacements"] as? [[String: Any]])?.first)
        #expect(first["deletedRegion"] as? [String: Int] == ["byteOffset": 15, "byteLength": 2])
        #expect((first["insertedContent"] as? [String: String])?["text"] == "as")
        #expect((changes[1]["artifactLocation"] as? [String: String])?["uri"] == "dir%20with%20space/a%2Cb%3Ac%250A.yml")
        // A deletion inserts nothing.
        let deletion = try #require(
            ((fixes[1]["artifactChanges"] as? [[String: Any]])?.first?["replacements"] as? [[String: Any]])?.first)
        #expect(deletion["insertedContent"] == nil)
        #expect(results[1]["fixes"] == nil)

        let json = JSONReporter.report(Self.sample, options: ReportOptions())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        let jsonFixes = try #require(findings[0]["fixes"] as? [[String: Any]])
        #expect(jsonFixes.map { $0["safety"] as? String } == ["safe", "unsafe"])
        let edit = try #require((jsonFixes[0]["edits"] as? [[String: Any]])?.last)
        #expect(edit["path"] as? String == "dir with space/a,b:c%0A.yml")
        #expect(edit["start"] as? Int == 0 && edit["end"] as? Int == 0)
        #expect(edit["replacement"] as? String == "# café\n")
        #expect(edit["creates"] == nil, "an edit of an existing file creates nothing")
        #expect(findings[1]["fixes"] == nil)
    }

    @Test("GitHub annotations cannot be broken out of")
    func githubEscaping() {
        let output = GitHubActionsReporter.report(Self.sample, options: ReportOptions())
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        // Suppressed findings are not annotated; every other finding is exactly one line.
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
        #expect(lines[1].contains("file=dir with space/a%2Cb%3Ac%250A.yml,"))
        #expect(lines[1].hasSuffix("::second%0A::error::injected"))
        #expect(lines[0].contains("line=1,col=12,endLine=1,endColumn=14"))
    }

    @Test("text shows the span under the source line and a summary")
    func textSnippet() {
        let output = TextReporter.report(Self.sample, options: ReportOptions())
        let expected = """
            src/docker/Dockerfile:1:12: error[PL101] first 'x'
             1 | FROM café😀 AS x
               |            ^~
                = note: a note
            dir with space/a,b:c%0A.yml:1:1: warning[PL102] second\\x0A::error::injected
             1 | on: push
               | ^~
            1 error, 1 warning, 0 notes in 2 files (1 suppressed)

            """
        #expect(output == expected)
    }

    @Test("fingerprints ignore line numbers but tell repeated lines apart")
    func fingerprints() {
        func finding(line: Int, text: String) -> Finding {
            let location = SourceLocation(line: line, column: 1, offset: 0)
            return Finding(ruleID: "PL101", severity: .error, message: "m", path: "a", span: location..<location, lineText: text)
        }
        let before = Fingerprint.compute([finding(line: 3, text: "FROM x"), finding(line: 9, text: "FROM  x")])
        let after = Fingerprint.compute([finding(line: 30, text: "FROM x"), finding(line: 90, text: "FROM x")])
        #expect(before == after)
        #expect(before[0] != before[1])
    }
}
