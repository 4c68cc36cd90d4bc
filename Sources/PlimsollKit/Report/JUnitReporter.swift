import PlimsollCore

/// JUnit XML, for the test-report views of CI systems (GitLab, Jenkins, Azure, CircleCI): each rule is a test
/// class; a rule with no finding is one passing test case, and each finding of a rule is a failing test case
/// named by its place, with the message, notes and fix. Suppressed findings are skipped test cases.
public enum JUnitReporter: Reporter {
    public static let identifier = "junit"
    public static let summary = "JUnit XML (CI test-report views: a test class per rule, a failure per finding)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        var cases: [String] = []
        var failures = 0
        var skipped = 0
        let rules = result.rules.isEmpty ? Array(Set(result.findings.map(\.ruleID))).sorted() : result.rules.map(\.id)
        for rule in rules {
            let description = result.rules.first { $0.id == rule }
            let findings = result.findings.filter { $0.ruleID == rule }
            let className = "plimsoll.\(rule)"
            if findings.isEmpty {
                let name = description.map { "\(rule) \($0.name)" } ?? rule
                cases.append("    <testcase classname=\"\(className)\" name=\"\(XMLText.escape(name))\"/>\n")
                continue
            }
            for finding in findings {
                let place = "\(finding.path):\(finding.span.lowerBound.line):\(finding.span.lowerBound.column)"
                var text = "    <testcase classname=\"\(className)\" name=\"\(XMLText.escape("\(rule) \(place)"))\""
                text += " file=\"\(XMLText.escape(finding.path))\" line=\"\(finding.span.lowerBound.line)\">\n"
                if let suppression = finding.suppression {
                    skipped += 1
                    text += "      <skipped message=\"\(XMLText.escape(suppression.justification))\"/>\n"
                } else {
                    failures += 1
                    var body = "\(place): \(finding.severity.rawValue)[\(rule)] \(finding.message)"
                    body += finding.notes.map { "\n  note: \($0)" }.joined()
                    if let fix = description?.fix { body += "\n  fix: \(fix)" }
                    text += "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(XMLText.escape(finding.message))\">"
                    text += XMLText.escape(body, attribute: false) + "</failure>\n"
                }
                cases.append(text + "    </testcase>\n")
            }
        }
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"Plimsoll\" \(counts)>\n"
        output += "  <testsuite name=\"plimsoll \(XMLText.escape(result.root))\" \(counts)>\n"
        output += cases.joined()
        return output + "  </testsuite>\n</testsuites>\n"
    }
}
