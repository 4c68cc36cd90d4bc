extension StringProtocol {
    /// Whether `needle` occurs in the text: the same answer as `contains(_:)` with a string argument, which
    /// searches Character by Character through the generic string-processing algorithms (about 12,000
    /// instructions a call in the rules' profiles).
    ///
    /// Searches bytes when both sides are ASCII and the needle holds no CR or LF: then no Character spans a
    /// match boundary (CR LF, the only multi-scalar ASCII Character, cannot be split by such a needle), so the
    /// byte answer is the Character answer. Anything else asks `contains(_:)`.
    public func containsText(_ needle: String) -> Bool {
        let pattern = needle.utf8
        guard !pattern.isEmpty,
            pattern.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D })
        else { return contains(needle) }
        let bytes = utf8
        // The whole text must be ASCII, not just the match: a combining mark after it would join its last
        // Character (`"ab\u{301}"` does not contain `"ab"`).
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return contains(needle) }
        let first = pattern.first!
        let count = pattern.count
        var index = bytes.startIndex
        var remaining = bytes.count
        while remaining >= count {
            if bytes[index] == first, bytes[index...].starts(with: pattern) { return true }
            index = bytes.index(after: index)
            remaining -= 1
        }
        return false
    }
}
