extension StringProtocol {
    /// The text without leading and trailing whitespace (Unicode's White_Space, so a no-break space too), as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` would give it, without Foundation.
    @inlinable
    public func trimmingWhitespace() -> String {
        withUTF8Bytes { bytes in
            let (start, end) = Self.whitespaceTrimmedBounds(bytes)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// The byte bounds of `bytes` without whitespace at either end; `(0, 0)` for blank text.
    @inlinable
    public static func whitespaceTrimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var start = 0
        var end = bytes.count
        while start < end {
            let length = UTF8Text.whitespaceLength(at: start, in: bytes)
            if length == 0 { break }
            start += length
        }
        if start == end { return (0, 0) }
        while end > start {
            let length = UTF8Text.whitespaceLength(before: end, in: bytes)
            if length == 0 { break }
            end -= length
        }
        return (start, end)
    }

    /// Whether the text holds a whitespace scalar anywhere.
    @inlinable
    public var containsWhitespace: Bool {
        withUTF8Bytes { bytes in
            // Scalars start at every byte that is not a continuation byte (0b10xxxxxx).
            bytes.indices.contains { bytes[$0] & 0xC0 != 0x80 && UTF8Text.whitespaceLength(at: $0, in: bytes) > 0 }
        }
    }

    /// The text with each run of whitespace made one space and the ends trimmed (`a \t b ` → `a b`).
    @inlinable
    public func collapsingWhitespace() -> String {
        withUTF8Bytes { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let length = UTF8Text.whitespaceLength(at: index, in: bytes)
                if length > 0 {
                    pendingSpace = !result.isEmpty
                    index += length
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
