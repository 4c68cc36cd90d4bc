import PlimsollCore

/// Checkstyle XML, as Jenkins' warnings-ng, reviewdog and many CI dashboards read it: one `<file>` per path
/// with an `<error>` per finding (`severity` error, warning or info; `source` the rule). Suppressed findings are
/// left out, as Checkstyle's own suppressions are.
public enum CheckstyleReporter: Reporter {
    public static let identifier = "checkstyle"
    public static let summary = "Checkstyle XML (Jenkins warnings-ng, reviewdog)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        var byPath: [(path: String, findings: [Finding])] = []
        for finding in result.activeFindings {
            if let index = byPath.firstIndex(where: { $0.path == finding.path }) {
                byPath[index].findings.append(finding)
            } else {
                byPath.append((finding.path, [finding]))
            }
        }
        for (path, findings) in byPath {
            output += "  <file name=\"\(XMLText.escape(path))\">\n"
            for finding in findings {
                let message = ([finding.message] + finding.notes).joined(separator: "; ")
                output += "    <error line=\"\(finding.span.lowerBound.line)\" column=\"\(finding.span.lowerBound.column)\""
                output += " severity=\"\(severity(finding.severity))\" message=\"\(XMLText.escape(message))\""
                output += " source=\"plimsoll.\(finding.ruleID)\"/>\n"
            }
            output += "  </file>\n"
        }
        return output + "</checkstyle>\n"
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "info"
        }
    }
}
