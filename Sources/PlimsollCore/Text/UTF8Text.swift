/// How Plimsoll reads text: as the UTF-8 bytes the tools it models read (a shell, BuildKit, GitHub's expression
/// parser), never Character by Character.
///
/// Every syntax character those tools care about (`$`, braces, quotes, `:`, `/`, `=`, whitespace) is one ASCII
/// byte, and in UTF-8 an ASCII byte never occurs inside a longer character; a valid UTF-8 needle found in valid
/// UTF-8 text starts and ends on Unicode scalar boundaries. So searching, splitting and scanning bytes gives
/// scalar-exact answers for any text, ASCII or not, with one implementation. (Character-level comparison would
/// differ only where a combining mark follows a syntax character, which no tool here treats specially.)
public enum UTF8Text {
    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII scalars with White_Space.
    @inlinable
    public static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `[A-Za-z0-9_]`: a byte of a shell or environment variable name (POSIX names are ASCII).
    @inlinable
    public static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }

    /// The byte with `A`–`Z` mapped to `a`–`z`.
    @inlinable
    public static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The length of the whitespace scalar that starts at `index` (0 when the scalar there is not whitespace).
    /// Whitespace is Unicode's White_Space property, as `Character.isWhitespace` has it for one scalar.
    @inlinable
    public static func whitespaceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return isASCIIWhitespace(lead) ? 1 : 0 }
        return nonASCIIWhitespaceLength(at: index, in: bytes)
    }

    @usableFromInline
    static func nonASCIIWhitespaceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return 0 }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)?.properties.isWhitespace == true ? length : 0
    }

    /// The length of the whitespace scalar that ends just before `end` (0 when it is not whitespace).
    @inlinable
    public static func whitespaceLength(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = end - 1
        // Continuation bytes are 0b10xxxxxx; the scalar starts at the byte before them.
        while start > 0, bytes[start] & 0xC0 == 0x80, end - start < 4 { start -= 1 }
        return whitespaceLength(at: start, in: bytes) == end - start ? end - start : 0
    }

    /// The offset of the first occurrence of `needle` in `bytes` at or after `start`; nil when there is none
    /// (or the needle is empty).
    @inlinable
    public static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0
    ) -> Int? {
        guard let first = needle.first, bytes.count - start >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes: in place for native strings, else from a copy.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }

    /// The text of a byte range of this text, as a String (the range must end on scalar boundaries, as every
    /// range found by searching for ASCII or for a valid UTF-8 needle does).
    @inlinable
    public func string(bytes range: Range<Int>) -> String {
        withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The index of the byte at `offset` from the start.
    @inlinable
    public func index(atByte offset: Int) -> Index {
        utf8.index(startIndex, offsetBy: offset)
    }
}
