import PlimsollCore

/// The human format: `path:line:col: severity[ID] message`, the source line with the span underlined, notes,
/// and a one-line summary — the shape rustc and actionlint users read without thinking.
public enum TextReporter: Reporter {
    public static let identifier = "text"
    public static let summary = "readable findings with source snippets (default)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        let style = Style(enabled: options.useColor)
        let findings = result.activeFindings
        var output = ReportBuffer(capacity: 256 * findings.count + 256)
        for finding in findings {
            let location = "\(TerminalText.sanitize(finding.path)):\(finding.span.lowerBound)"
            output += style.bold(location)
            output += ": "
            output += style.severity(finding.severity)
            output += style.bold("[\(finding.ruleID)]")
            output += " "
            output += TerminalText.sanitize(finding.message)
            output += "\n"
            if let line = finding.lineText, !line.isEmpty {
                snippet(line: line, finding: finding, style: style, into: &output)
            }
            for note in finding.notes {
                output += "    = "
                output += style.dim("note: ")
                output += TerminalText.sanitize(note)
                output += "\n"
            }
        }
        output += summaryLine(result, style: style) + "\n"
        return output.text
    }

    private static func snippet(line: String, finding: Finding, style: Style, into output: inout ReportBuffer) {
        let number = String(finding.span.lowerBound.line)
        let gutter = String(repeating: " ", count: number.count)
        // Columns count Unicode scalars; for ASCII lines (nearly all) a scalar is a byte, so no scalar array.
        let isASCII = line.utf8.allSatisfy { $0 < 0x80 }
        let scalarCount = isASCII ? line.utf8.count : line.unicodeScalars.count
        let start = min(max(finding.span.lowerBound.column - 1, 0), scalarCount)
        let end: Int
        if finding.span.upperBound.line == finding.span.lowerBound.line {
            end = min(max(finding.span.upperBound.column - 1, start + 1), max(scalarCount, start + 1))
        } else {
            end = max(scalarCount, start + 1)
        }
        // Keep tabs in the padding so the marker lines up under tab-indented source.
        let padding: String
        if isASCII {
            padding = String(decoding: line.utf8.prefix(start).map { $0 == 0x09 ? 0x09 : 0x20 }, as: UTF8.self)
        } else {
            padding = String(line.unicodeScalars.prefix(start).map { $0 == "\t" ? "\t" : " " })
        }
        let marker = "^" + String(repeating: "~", count: max(end - start - 1, 0))
        output += " "
        output += style.dim(number + " |")
        output += " "
        output += TerminalText.sanitize(line, keepTabs: true)
        output += "\n "
        output += style.dim(gutter + " |")
        output += " "
        output += padding
        output += style.marker(marker, finding.severity)
        output += "\n"
    }

    static func summaryLine(_ result: ScanResult, style: Style = Style(enabled: false)) -> String {
        let errors = result.count(.error)
        let warnings = result.count(.warning)
        let notes = result.count(.note)
        let files = result.filesScanned == 1 ? "1 file" : "\(result.filesScanned) files"
        var line: String
        if errors + warnings + notes == 0 {
            line = "no findings in \(files)"
        } else {
            line = [plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note")]
                .joined(separator: ", ") + " in \(files)"
        }
        if result.suppressedCount > 0 { line += " (\(result.suppressedCount) suppressed)" }
        return style.bold(line)
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? "1 \(word)" : "\(count) \(word)s"
    }

    struct Style {
        let enabled: Bool

        func bold(_ text: String) -> String { wrap(text, "1") }
        func dim(_ text: String) -> String { wrap(text, "2") }

        func severity(_ severity: Severity) -> String {
            wrap(severity.rawValue, color(severity) + ";1")
        }

        func marker(_ text: String, _ severity: Severity) -> String { wrap(text, color(severity)) }

        private func color(_ severity: Severity) -> String {
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        }

        private func wrap(_ text: String, _ code: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
    }
}
