/// Escaping for XML 1.0 attribute values and text (Checkstyle and JUnit reports): repository text must reach the
/// consumer as text. The five markup characters become entities; characters XML 1.0 does not allow at all
/// (C0 controls other than TAB, LF and CR, U+FFFE, U+FFFF, lone surrogates cannot occur in a String) become
/// U+FFFD, since no escape can write them; in attributes TAB, LF and CR are written as character references so
/// that attribute-value normalization keeps them.
enum XMLText {
    static func escape(_ text: String, attribute: Bool = true) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&apos;".unicodeScalars)
            case "\t", "\n", "\r":
                if attribute {
                    output.append(contentsOf: "&#\(scalar.value);".unicodeScalars)
                } else {
                    output.append(scalar)
                }
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    output.append("\u{FFFD}")
                } else {
                    output.append(scalar)
                }
            }
        }
        return String(output)
    }
}
