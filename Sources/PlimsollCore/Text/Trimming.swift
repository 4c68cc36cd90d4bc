extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (no Foundation needed).
    ///
    /// Hot in the rules (every tag, label and list item is trimmed), so the common case is decided on UTF-8
    /// bytes: when the whitespace cut at each end is ASCII and borders an ASCII byte, the Character boundaries
    /// are exactly the byte boundaries (no ASCII scalar extends or prepends to a grapheme, and CR LF is whitespace
    /// on both sides), so the result equals the Character-level trim. Anything else (non-ASCII whitespace, a
    /// combining mark after the cut) takes the Character-level path.
    public func trimmingWhitespace() -> String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        let endIndex = utf8.endIndex
        while start < endIndex, Self.isASCIIWhitespace(utf8[start]) { start = utf8.index(after: start) }
        if start == endIndex { return "" }
        if utf8[start] >= 0x80 { return slowTrimmingWhitespace() }
        // One forward pass (the view is only a Collection here): the last byte that is not ASCII whitespace.
        var last = start
        var index = utf8.index(after: start)
        while index < endIndex {
            if !Self.isASCIIWhitespace(utf8[index]) { last = index }
            index = utf8.index(after: index)
        }
        if utf8[last] >= 0x80 { return slowTrimmingWhitespace() }
        let end = utf8.index(after: last)
        return String(self[start..<end])
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        // Tab, line feed, vertical tab, form feed, carriage return, space: the ASCII scalars with White_Space.
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private func slowTrimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
