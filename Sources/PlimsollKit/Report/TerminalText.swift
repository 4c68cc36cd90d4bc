/// Makes untrusted text (paths, messages, source lines) safe to print: control characters become visible
/// escapes, so a file name cannot move the cursor, change colours or forge output lines.
enum TerminalText {
    static func sanitize(_ text: String, keepTabs: Bool = false) -> String {
        // Nearly every path, message and source line is printable ASCII: return it untouched without
        // rebuilding it scalar by scalar (non-ASCII text takes the full check below).
        // (Read through the contiguous bytes, which is much cheaper than `utf8.allSatisfy`.)
        let isPrintableASCII = text.utf8.withContiguousStorageIfAvailable { isPrintable($0, keepTabs: keepTabs) }
        if isPrintableASCII == true { return text }
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if keepTabs, scalar == "\t" {
                output.unicodeScalars.append(scalar)
            } else if let escape = visibleEscape(scalar.value) {
                output += escape
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// How a scalar that must not reach a terminal or log as it is gets shown: C0 and C1 controls and DEL as
    /// `\x1B`, the `isHidden` scalars as `\u{202E}`; nil for any other scalar.
    static func visibleEscape(_ value: UInt32) -> String? {
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
            let hex = String(value, radix: 16, uppercase: true)
            return "\\x" + (hex.count < 2 ? "0" : "") + hex
        }
        if isHidden(value) { return "\\u{" + String(value, radix: 16, uppercase: true) + "}" }
        return nil
    }

    /// Bidirectional embeddings, overrides, isolates and marks (U+202A-E, U+2066-9, U+200E/F, U+061C), and the
    /// Unicode line and paragraph separators (U+2028/9).
    static func isHidden(_ value: UInt32) -> Bool {
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether every byte is printable ASCII (0x20-0x7E, and tab when kept), sixteen bytes at a time: the
    /// report asks this of every path, message and source line it prints.
    static func isPrintable(_ bytes: UnsafeBufferPointer<UInt8>, keepTabs: Bool) -> Bool {
        var index = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let space = SIMD16<UInt8>(repeating: 0x20)
            let delete = SIMD16<UInt8>(repeating: 0x7F)
            let tab = SIMD16<UInt8>(repeating: keepTabs ? 0x09 : 0x20)
            while index + 16 <= bytes.count {
                let block = base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                if any(((block .< space) .& (block .!= tab)) .| (block .>= delete)) { return false }
                index += 16
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte >= 0x7F, !(keepTabs && byte == 0x09) { return false }
            index += 1
        }
        return true
    }
}
