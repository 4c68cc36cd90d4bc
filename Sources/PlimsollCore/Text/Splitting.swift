extension String {
    /// `split(separator:omittingEmptySubsequences:)` with a one-byte ASCII separator, found on the bytes when the
    /// text is ASCII: there every Character is one byte, CR LF aside, and CR LF neither is nor holds a separator
    /// other than CR or LF (which take the Character-level split).
    public func splitting(onASCII separator: UInt8, omittingEmptySubsequences: Bool = false) -> [Substring] {
        let character = Character(Unicode.Scalar(separator))
        guard separator < 0x80, separator != 0x0A, separator != 0x0D, isASCII else {
            return split(separator: character, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        let offsets: [Int] =
            utf8.withContiguousStorageIfAvailable { bytes in bytes.indices.filter { bytes[$0] == separator } }
            ?? utf8.indices.filter { utf8[$0] == separator }.map { utf8.distance(from: utf8.startIndex, to: $0) }
        var pieces: [Substring] = []
        pieces.reserveCapacity(offsets.count + 1)
        var start = 0
        for end in offsets + [utf8.count] {
            if end > start || !omittingEmptySubsequences {
                pieces.append(self[utf8.index(startIndex, offsetBy: start)..<utf8.index(startIndex, offsetBy: end)])
            }
            start = end + 1
        }
        return pieces
    }
}
