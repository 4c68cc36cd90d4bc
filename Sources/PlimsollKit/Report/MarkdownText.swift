/// Escaping for Markdown that GitHub renders (`$GITHUB_STEP_SUMMARY`): repository text (paths, messages that
/// quote a file) must reach the reader as text, never as Markdown, HTML or a new table row.
///
/// It works on Unicode scalars, because that is what Markdown parsers read: compared as `Character`s, CR LF is
/// one character equal to neither "\r" nor "\n", and `<` followed by a combining mark (U+0338) is one character
/// unequal to "<", so both passed through and opened a new line or an HTML tag.
enum MarkdownText {
    /// Text for a table cell or a link title: ASCII punctuation Markdown gives a meaning is backslash-escaped,
    /// `<`, `>`, `&` and quotes become HTML entities, every line break (CR, LF, NEL, U+2028, U+2029) becomes a
    /// space, and any other control character becomes U+FFFD.
    static func cell(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "!", "~", "{", "}", "$":
                output.append("\\")
                output.append(scalar)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            default:
                if isLineBreak(scalar) {
                    output.append(" ")
                } else if isControl(scalar) {
                    output.append("\u{FFFD}")
                } else {
                    output.append(scalar)
                }
            }
        }
        return String(output)
    }

    /// Text inside a code span (between single backquotes) in a table cell: a backquote would end the span and a
    /// pipe the cell (GitHub splits cells before it reads code spans), so both become `?`, as do line breaks and
    /// control characters. Entities and backslashes are not read inside a code span, so nothing else is needed.
    static func codeSpan(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "`" || scalar == "|" || isLineBreak(scalar) || isControl(scalar) {
                output.append("?")
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// C0 and C1 controls, DEL, and the bidirectional controls that reorder what a reader sees.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
