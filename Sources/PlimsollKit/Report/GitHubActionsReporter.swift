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

    /// One workflow command a finding, written as bytes: escaping scalar by scalar into Strings was most of a
    /// run that reports thousands of findings.
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

    /// `escapeData(text)` (or `escapeProperty(text)`) appended as bytes, with every other control shown as
    /// `TerminalText` shows it: the runner's log passes ESC and BEL to the viewer's terminal emulation, and a NEL
    /// (U+0085) or line separator (U+2028) breaks the line the reader sees. Every byte the escapes replace is
    /// ASCII or the lead byte of a scalar decoded here, so escaping bytes is escaping scalars.
    private static func appendEscaped(_ text: String, property: Bool, to output: inout ReportBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func flush(to end: Int) { output.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
            while index < bytes.count {
                let byte = bytes[index]
                let escaped: StaticString
                switch byte {
                case UInt8(ascii: "%"): escaped = "%25"
                case UInt8(ascii: "\r"): escaped = "%0D"
                case UInt8(ascii: "\n"): escaped = "%0A"
                case UInt8(ascii: ":") where property: escaped = "%3A"
                case UInt8(ascii: ",") where property: escaped = "%2C"
                case 0x00..<0x20, 0x7F, 0xC2, 0xD8, 0xE2:
                    // A control, or the lead byte of C1 controls, U+061C and U+200E-U+2069.
                    let (scalar, length) = decodeScalar(bytes, at: index)
                    if let visible = TerminalText.visibleEscape(scalar) {
                        flush(to: index)
                        output.append(visible)
                        runStart = index + length
                    }
                    index += length
                    continue
                default:
                    index += 1
                    continue
                }
                flush(to: index)
                output.append(literal: escaped)
                index += 1
                runStart = index
            }
            flush(to: bytes.count)
        }
    }

    /// The scalar starting at `index` of valid UTF-8 (a String's bytes) and its length in bytes.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        default:
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
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
