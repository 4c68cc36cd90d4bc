extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (no Foundation needed).
    ///
    /// Hot in the rules (every tag, label and list item is trimmed), so the common case is decided on UTF-8
    /// bytes: when the whitespace cut at each end is ASCII and borders an ASCII byte, the Character boundaries
    /// are exactly the byte boundaries (no ASCII scalar extends or prepends to a grapheme, and CR LF is whitespace
    /// on both sides), so the result equals the Character-level trim. Anything else (non-ASCII whitespace, a
    /// combining mark after the cut) takes the Character-level path.
    ///
    /// The bytes are read through `withContiguousStorageIfAvailable`: indexing `utf8` from this generic
    /// extension went through unspecialised protocol witnesses for every byte.
    public func trimmingWhitespace() -> String {
        let trimmed = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let (start, end) = ASCIITrim.bounds(bytes) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return (trimmed ?? nil) ?? slowTrimmingWhitespace()
    }

    private func slowTrimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}

/// The byte side of `trimmingWhitespace`, and the one definition of ASCII whitespace the byte paths share.
package enum ASCIITrim {
    /// The bounds of `bytes` without ASCII whitespace at either end; nil when a byte next to a cut (or the only
    /// text) is not ASCII, where only the Character-level trim knows the answer. Empty text gives `(0, 0)`.
    package static func bounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        if start == end { return (0, 0) }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
        return (start, end)
    }

    @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        // Tab, line feed, vertical tab, form feed, carriage return, space: the ASCII scalars with White_Space.
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
