extension StringProtocol {
    /// The text split at each `separator` byte (an ASCII byte; splitting at LF leaves the CR of a CR LF at the
    /// end of its piece). Like `split(separator:omittingEmptySubsequences:)`, but on bytes.
    @inlinable
    public func splitting(onASCII separator: UInt8, omittingEmptySubsequences: Bool = false) -> [SubSequence] {
        let offsets: [Int] = withUTF8Bytes { bytes in bytes.indices.filter { bytes[$0] == separator } }
        var pieces: [SubSequence] = []
        pieces.reserveCapacity(offsets.count + 1)
        var start = 0
        for end in offsets + [utf8.count] {
            if end > start || !omittingEmptySubsequences { pieces.append(self[index(atByte: start)..<index(atByte: end)]) }
            start = end + 1
        }
        return pieces
    }

    /// The pieces between any of the `separators` bytes (ASCII), each trimmed of whitespace, empty ones dropped:
    /// how a comma- or newline-separated action input (`platforms: linux/amd64, linux/arm64`) is read.
    @inlinable
    public func trimmedPieces(separatedBy separators: [UInt8]) -> [String] {
        withUTF8Bytes { bytes in
            var pieces: [String] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, !separators.contains(bytes[end]) { end += 1 }
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let (low, high) = Self.whitespaceTrimmedBounds(piece)
                if low < high {
                    pieces.append(String(decoding: UnsafeBufferPointer(rebasing: piece[low..<high]), as: UTF8.self))
                }
                start = end + 1
            }
            return pieces
        }
    }
}
