import PlimsollCore

/// GitHub Actions workflow commands, one line per finding, which GitHub turns into pull-request annotations.
/// Every property and message is escaped as the runner requires, so no file name or message can end the
/// command early or start a new one.
public enum GitHubActionsReporter: Reporter {
    public static let identifier = "github"
    public static let summary = "GitHub Actions annotations (::error file=…::message)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        var output = ""
        for finding in result.activeFindings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            let start = finding.span.lowerBound
            let end = finding.span.upperBound
            let properties = [
                ("file", finding.path),
                ("line", String(start.line)),
                ("col", String(start.column)),
                ("endLine", String(max(end.line, start.line))),
                ("endColumn", String(max(end.column, start.column))),
                ("title", "\(finding.ruleID) \(title(for: finding.ruleID, in: result))"),
            ]
            .map { "\($0)=\(escapeProperty($1))" }
            .joined(separator: ",")
            let message = ([finding.message] + finding.notes).joined(separator: "\n")
            output += "::\(command) \(properties)::\(escapeData(message))\n"
        }
        return output
    }

    private static func title(for ruleID: String, in result: ScanResult) -> String {
        result.rules.first { $0.id == ruleID }?.title ?? ruleID
    }

    /// Message escaping (the runner's `escapeData`): `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Property escaping (the runner's `escapeProperty`): also `:` and `,`, which delimit properties.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
