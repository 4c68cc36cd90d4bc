import Foundation

/// Renders the rule docs' small Markdown dialect for a terminal: bold headings, dimmed code fences with the
/// code indented, `code` spans highlighted. Without colour it prints the Markdown unchanged.
enum TerminalMarkdown {
    static func render(_ markdown: String, color: Bool) -> String {
        guard color else { return markdown }
        var output = ""
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") || line.hasPrefix("~~~~") {
                inFence.toggle()
                continue
            }
            if inFence {
                output += "    \u{1B}[36m\(line)\u{1B}[0m\n"
            } else if line.hasPrefix("<!--") {
                continue
            } else if line.hasPrefix("#") {
                output += "\u{1B}[1m\(line.drop { $0 == "#" || $0 == " " })\u{1B}[0m\n"
            } else {
                output += spans(String(line)) + "\n"
            }
        }
        return output
    }

    /// Highlights `code` spans.
    private static func spans(_ line: String) -> String {
        var output = ""
        var open = false
        for character in line {
            if character == "`" {
                output += open ? "\u{1B}[0m" : "\u{1B}[33m"
                open.toggle()
            } else {
                output.append(character)
            }
        }
        return open ? output + "\u{1B}[0m" : output
    }

    static var stdoutIsColorTerminal: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
