import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

/// The formats other CI systems read, each checked against what its consumer requires.
@Suite("CI report formats")
struct CIReportFormatTests {
    /// The reporters' awkward sample, with markup and a control character in the message.
    static let result: ScanResult = {
        var result = ReporterTests.sample
        result.findings[0].message = "a <tag> & \"quote\" 'x' \u{1B}[31m"
        return result
    }()

    static func xml(_ text: String) throws -> XMLDocument {
        try XMLDocument(data: Data(text.utf8), options: [])
    }

    @Test("checkstyle: well-formed XML, one file element per path, an error per active finding")
    func checkstyle() throws {
        let text = CheckstyleReporter.report(Self.result, options: ReportOptions())
        let document = try Self.xml(text)
        let root = try #require(document.rootElement())
        #expect(root.name == "checkstyle")
        let files = root.elements(forName: "file")
        #expect(files.map { $0.attribute(forName: "name")?.stringValue } == ["src/docker/Dockerfile", "dir with space/a,b:c%0A.yml"])
        let errors = files.flatMap { $0.elements(forName: "error") }
        #expect(errors.count == 2)  // the suppressed note is left out
        let first = try #require(errors.first)
        #expect(first.attribute(forName: "severity")?.stringValue == "error")
        #expect(first.attribute(forName: "source")?.stringValue == "plimsoll.PL101")
        #expect(first.attribute(forName: "line")?.stringValue == "1")
        #expect(first.attribute(forName: "column")?.stringValue == "12")  // code points, as every format counts
        // Markup stays text, the control character is replaced, and the note follows the message.
        #expect(first.attribute(forName: "message")?.stringValue == "a <tag> & \"quote\" 'x' \u{FFFD}[31m; a note")
        #expect(errors[1].attribute(forName: "message")?.stringValue == "second\n::error::injected")
    }

    @Test("junit: a passing test case per clean rule, a failure per finding, a skip per suppression")
    func junit() throws {
        let text = JUnitReporter.report(Self.result, options: ReportOptions())
        let document = try Self.xml(text)
        let suites = try #require(document.rootElement())
        #expect(suites.name == "testsuites")
        let suite = try #require(suites.elements(forName: "testsuite").first)
        let cases = suite.elements(forName: "testcase")
        let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
        let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }
        #expect(failing.count == 2)
        #expect(skipped.count == 1)
        #expect(cases.count == RuleRegistry.descriptions.count - 3 + 3)
        #expect(suite.attribute(forName: "tests")?.stringValue == String(cases.count))
        #expect(suite.attribute(forName: "failures")?.stringValue == "2")
        let failure = try #require(failing.first?.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "error")
        #expect(failure.stringValue?.contains("note: a note") == true)
        #expect(failing.first?.attribute(forName: "classname")?.stringValue == "plimsoll.PL101")
    }

    @Test("gitlab: the fields GitLab Code Quality requires, unique fingerprints, suppressed findings left out")
    func gitlab() throws {
        let data = Data(GitLabReporter.reportBytes(Self.result, options: ReportOptions()))
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.count == 2)
        for issue in issues {
            #expect(issue["description"] is String)
            #expect(issue["check_name"] is String)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect(location["path"] is String)
            #expect(((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 2)
        #expect(issues.map { $0["severity"] as? String } == ["major", "minor"])
    }
}
