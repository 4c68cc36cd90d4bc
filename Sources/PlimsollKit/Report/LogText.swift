/// Text for standard error, which a person reads in a terminal and the GitHub Actions runner parses: a line that
/// starts with `::` (after spaces) is a workflow command there (`::add-mask::`, `::stop-commands::`, `::error`).
/// Error messages quote repository text (a `.plimsoll.yml` key, a file name, git's stderr), so every message goes
/// through here on its way out.
public enum LogText {
    /// One message on one line: every control character (newlines included), C1 and bidirectional control is
    /// shown as a visible escape (`TerminalText`), so quoted text can neither start a new line nor move the cursor.
    public static func line(_ text: String) -> String {
        neutralizeCommand(TerminalText.sanitize(text, keepTabs: true))
    }

    /// Several lines of Plimsoll's own text (usage help around a quoted argument): the line breaks stay, each
    /// line is escaped as `line` escapes it.
    public static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// A line the runner would read as a workflow command gets its first colon escaped (`\x3A:`), which no runner
    /// reads and a person still can.
    private static func neutralizeCommand(_ line: String) -> String {
        let start = line.firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
        guard line[start...].hasPrefix("::") else { return line }
        return String(line[..<start]) + "\\x3A" + line[line.index(after: start)...]
    }
}
