import PlimsollCore

/// GitLab Code Quality JSON (`artifacts:reports:codequality`): an array of issues with `description`,
/// `check_name`, `fingerprint` (unique per issue), `severity` (info, minor, major, critical, blocker) and
/// `location.path` / `location.lines.begin`, as GitLab's Code Quality documentation specifies. Suppressed findings
/// are left out.
public enum GitLabReporter: Reporter {
    public static let identifier = "gitlab"
    public static let summary = "GitLab Code Quality JSON (merge request widget)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        String(decoding: reportBytes(result, options: options), as: UTF8.self)
    }

    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        let fingerprints = Fingerprint.compute(result.findings)
        var issues: [JSONValue] = []
        for (finding, fingerprint) in zip(result.findings, fingerprints) where finding.suppression == nil {
            let description = ([finding.message] + finding.notes).joined(separator: "; ")
            issues.append([
                "description": .string("\(finding.ruleID): \(description)"),
                "check_name": .string(finding.ruleID),
                "fingerprint": .string(fingerprint),
                "severity": .string(severity(finding.severity)),
                "location": [
                    "path": .string(finding.path),
                    "lines": ["begin": .int(finding.span.lowerBound.line), "end": .int(finding.span.upperBound.line)],
                ],
            ])
        }
        return JSONValue.array(issues).renderedBytes(terminator: UInt8(ascii: "\n"))
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .note: "info"
        }
    }
}
