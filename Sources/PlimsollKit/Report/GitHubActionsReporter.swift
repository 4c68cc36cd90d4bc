import PlimsollCore

/// GitHub Actions workflow commands, one line per finding, which GitHub turns into pull-request annotations.
/// Every property and message is escaped as the runner requires, so no file name or message can end the
/// command early or start a new one.
public enum GitHubActionsReporter: Reporter {
    public static let identifier = "github"
    public static let summary = "GitHub Actions annotations (::error file=…::message)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        String(decoding: reportBytes(result, options: options), as: UTF8.self)
    }

    /// One workflow command a finding, written as bytes: escaping scalar by scalar into Strings cost ~130,000
    /// instructions a finding, most of a run in a workflow that reports thousands.
    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        let findings = result.activeFindings
        let titles = Dictionary(result.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var output = ReportBuffer(capacity: 256 * findings.count)
        for finding in findings {
            output.append(literal: "::")
            switch finding.severity {
            case .error: output.append(literal: "error")
            case .warning: output.append(literal: "warning")
            case .note: output.append(literal: "notice")
            }
            let start = finding.span.lowerBound
            let end = finding.span.upperBound
            output.append(literal: " file=")
            appendEscaped(finding.path, property: true, to: &output)
            output.append(literal: ",line=")
            output.append(number: start.line)
            output.append(literal: ",col=")
            output.append(number: start.column)
            output.append(literal: ",endLine=")
            output.append(number: max(end.line, start.line))
            output.append(literal: ",endColumn=")
            output.append(number: max(end.column, start.column))
            output.append(literal: ",title=")
            let title = finding.ruleID + " " + (titles[finding.ruleID] ?? finding.ruleID)
            appendEscaped(title, property: true, to: &output)
            output.append(literal: "::")
            appendEscaped(finding.message, property: false, to: &output)
            for note in finding.notes {
                output.append(literal: "%0A")
                appendEscaped(note, property: false, to: &output)
            }
            output.append(literal: "\n")
        }
        return output.bytes
    }

    /// `escapeData(text)` (or `escapeProperty(text)`) appended as bytes. Every byte the escapes replace is ASCII,
    /// and no byte of a multi-byte UTF-8 sequence is, so escaping bytes is escaping scalars.
    private static func appendEscaped(_ text: String, property: Bool, to output: inout ReportBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let escaped: StaticString
                switch bytes[index] {
                case UInt8(ascii: "%"): escaped = "%25"
                case UInt8(ascii: "\r"): escaped = "%0D"
                case UInt8(ascii: "\n"): escaped = "%0A"
                case UInt8(ascii: ":") where property: escaped = "%3A"
                case UInt8(ascii: ",") where property: escaped = "%2C"
                default: continue
                }
                output.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(literal: escaped)
                runStart = index + 1
            }
            output.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Escapes a workflow command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var output = ReportBuffer(capacity: text.utf8.count)
        appendEscaped(text, property: false, to: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Escapes a workflow command's property value: as a message, and `:` and `,` too.
    static func escapeProperty(_ text: String) -> String {
        var output = ReportBuffer(capacity: text.utf8.count)
        appendEscaped(text, property: true, to: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
