/// Makes untrusted text (paths, messages, source lines) safe to print: control characters become visible
/// escapes, so a file name cannot move the cursor, change colours or forge output lines.
enum TerminalText {
    static func sanitize(_ text: String, keepTabs: Bool = false) -> String {
        // Nearly every path, message and source line is printable ASCII: return it untouched without
        // rebuilding it scalar by scalar (non-ASCII text takes the full check below).
        // (Read through the contiguous bytes: `utf8.allSatisfy` cost ten times as many instructions a byte.)
        let isPrintableASCII = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte >= 0x7F {
                if !(keepTabs && byte == 0x09) { return false }
            }
            return true
        }
        if isPrintableASCII == true { return text }
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if keepTabs, scalar == "\t" {
                output.unicodeScalars.append(scalar)
            } else if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                let hex = String(value, radix: 16, uppercase: true)
                output += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else if value == 0x202E || value == 0x202D || (0x2066...0x2069).contains(value) {
                // Bidirectional overrides can make a line read differently from what it is.
                output += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
