/// Byte-level text helpers for the tag rules' hot paths. They apply only to ASCII text, where every Character
/// is one byte (or CR LF, which no needle here contains), so a byte search gives the answer the Character-level
/// search gives; other text keeps the Character-level code.
enum ASCIIText {
    /// The UTF-8 bytes of `text` when it is all ASCII (and holds no carriage return unless allowed), else nil.
    static func bytes(_ text: String, allowCarriageReturn: Bool) -> [UInt8]? {
        let bytes = Array(text.utf8)
        for byte in bytes where byte >= 0x80 || (!allowCarriageReturn && byte == 0x0D) { return nil }
        return bytes
    }

    /// The offset of the first occurrence of `needle` in `haystack` (offsets of the base array).
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0] {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
