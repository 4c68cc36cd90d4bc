import PlimsollCore

/// The human format: `path:line:col: severity[ID] message`, the source line with the span underlined, notes,
/// and a one-line summary — the shape rustc and actionlint users read without thinking.
public enum TextReporter: Reporter {
    public static let identifier = "text"
    public static let summary = "readable findings with source snippets (default)"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        String(decoding: reportBytes(result, options: options), as: UTF8.self)
    }

    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        let style = Style(enabled: options.useColor)
        let findings = result.activeFindings
        // Written piece by piece into byte buffers, numbers and padding included: building a String per piece
        // (interpolations, `String(repeating:)`) was most of the report's cost. Thousands of findings are
        // rendered in slices on the scan's threads (the slices joined in order: the same text): rendering was
        // the serial tail of a finding-heavy scan.
        let slices = findings.count >= 1_000 ? options.workers : 1
        let rendered = ConcurrentMap.map(slices, workers: options.workers, serialBelow: 2) { slice in
            let range = (findings.count * slice / slices)..<(findings.count * (slice + 1) / slices)
            var output = ReportBuffer(capacity: 256 * range.count)
            for finding in findings[range] { render(finding, style: style, into: &output) }
            return output
        }
        var output = ReportBuffer(capacity: rendered.reduce(256) { $0 + $1.count })
        for slice in rendered { output.append(slice) }
        output += summaryLine(result, style: style)
        output.append(literal: "\n")
        return output.bytes
    }

    private static func render(_ finding: Finding, style: Style, into output: inout ReportBuffer) {
        style.begin("1", &output)
        output += TerminalText.sanitize(finding.path)
        output.append(literal: ":")
        output.append(number: finding.span.lowerBound.line)
        output.append(literal: ":")
        output.append(number: finding.span.lowerBound.column)
        style.end(&output)
        output.append(literal: ": ")
        style.begin(Style.color(finding.severity) + ";1", &output)
        output += finding.severity.rawValue
        style.end(&output)
        style.begin("1", &output)
        output.append(literal: "[")
        output += finding.ruleID
        output.append(literal: "]")
        style.end(&output)
        output.append(literal: " ")
        output += TerminalText.sanitize(finding.message)
        output.append(literal: "\n")
        if let line = finding.lineText, !line.isEmpty {
            snippet(line: line, finding: finding, style: style, into: &output)
        }
        for note in finding.notes {
            output.append(literal: "    = ")
            style.begin("2", &output)
            output.append(literal: "note: ")
            style.end(&output)
            output += TerminalText.sanitize(note)
            output.append(literal: "\n")
        }
    }

    private static func snippet(line: String, finding: Finding, style: Style, into output: inout ReportBuffer) {
        let number = finding.span.lowerBound.line
        var digits = 1
        var rest = number
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        // Columns count Unicode scalars; for ASCII lines (nearly all) a scalar is a byte, so no scalar array.
        let isASCII = line.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        } ?? line.utf8.allSatisfy { $0 < 0x80 }
        let scalarCount = isASCII ? line.utf8.count : line.unicodeScalars.count
        let start = min(max(finding.span.lowerBound.column - 1, 0), scalarCount)
        let end: Int
        if finding.span.upperBound.line == finding.span.lowerBound.line {
            end = min(max(finding.span.upperBound.column - 1, start + 1), max(scalarCount, start + 1))
        } else {
            end = max(scalarCount, start + 1)
        }
        output.append(literal: " ")
        style.begin("2", &output)
        output.append(number: number)
        output.append(literal: " |")
        style.end(&output)
        output.append(literal: " ")
        output += TerminalText.sanitize(line, keepTabs: true)
        output.append(literal: "\n ")
        style.begin("2", &output)
        output.append(repeating: UInt8(ascii: " "), count: digits)
        output.append(literal: " |")
        style.end(&output)
        output.append(literal: " ")
        // Keep tabs in the padding so the marker lines up under tab-indented source.
        if isASCII {
            let copied: Void? = line.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes[..<start] { output.append(byte: byte == 0x09 ? 0x09 : 0x20) }
            }
            if copied == nil {
                for byte in line.utf8.prefix(start) { output.append(byte: byte == 0x09 ? 0x09 : 0x20) }
            }
        } else {
            for scalar in line.unicodeScalars.prefix(start) { output.append(byte: scalar == "\t" ? 0x09 : 0x20) }
        }
        style.begin(Style.color(finding.severity), &output)
        output.append(literal: "^")
        output.append(repeating: UInt8(ascii: "~"), count: max(end - start - 1, 0))
        style.end(&output)
        output.append(literal: "\n")
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

        func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

        /// Opens an SGR style (`code` such as "1" or "31;1") when colour is on; `end` closes it.
        func begin(_ code: String, _ output: inout ReportBuffer) {
            guard enabled else { return }
            output.append(literal: "\u{1B}[")
            output += code
            output.append(literal: "m")
        }

        func end(_ output: inout ReportBuffer) {
            if enabled { output.append(literal: "\u{1B}[0m") }
        }

        static func color(_ severity: Severity) -> String {
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        }
    }
}
