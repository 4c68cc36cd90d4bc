import PlimsollCore

/// The text of one instruction after line continuations are joined, with a map back to the source bytes.
///
/// BuildKit joins continued physical lines with no separator and drops skipped comment and blank lines, so a
/// logical offset does not equal a source offset; `pieces` records where each contiguous run came from.
public struct LogicalLine: Sendable {
    struct Piece: Sendable {
        var logicalStart: Int
        var sourceStart: Int
        /// 0-based physical line the piece lies on (a piece never spans a line break).
        var line: Int
    }

    /// Where a logical byte range came from: its file byte range and the 0-based physical lines of its two ends,
    /// so a span needs no line search.
    struct Place {
        var range: Range<Int>
        var startLine: Int
        var endLine: Int
    }

    /// The joined bytes (UTF-8, possibly invalid).
    public internal(set) var bytes: [UInt8]
    var pieces: [Piece]
    /// 1-based line of the first physical line, as BuildKit counts it.
    public internal(set) var startLine: Int
    /// 1-based line of the last physical line consumed (continuations, skipped lines and heredoc bodies).
    public internal(set) var endLine: Int

    init(startLine: Int) {
        self.bytes = []
        self.pieces = []
        self.startLine = startLine
        self.endLine = startLine
    }

    mutating func append(_ source: [UInt8], _ range: Range<Int>, line: Int) {
        guard !range.isEmpty else { return }
        pieces.append(Piece(logicalStart: bytes.count, sourceStart: range.lowerBound, line: line))
        // Through a buffer pointer, so the append is one memcpy rather than a per-element loop.
        source.withUnsafeBufferPointer { buffer in
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    private func pieceIndex(containing logical: Int, preferPrevious: Bool) -> Int? {
        guard !pieces.isEmpty else { return nil }
        var low = 0
        var high = pieces.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            let start = pieces[mid].logicalStart
            if start < logical || (!preferPrevious && start == logical) { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// UTF-8 byte offset in the file of the logical byte at `logical` (0-based).
    func sourceOffset(start logical: Int) -> Int {
        guard let index = pieceIndex(containing: logical, preferPrevious: false) else { return 0 }
        return pieces[index].sourceStart + (logical - pieces[index].logicalStart)
    }

    /// UTF-8 byte offset in the file just after the logical byte before `logical`.
    func sourceOffset(end logical: Int) -> Int {
        guard let index = pieceIndex(containing: logical, preferPrevious: true) else { return 0 }
        return pieces[index].sourceStart + (logical - pieces[index].logicalStart)
    }

    /// The file byte range (0-based UTF-8 offsets) that a logical byte range came from.
    func sourceRange(_ range: Range<Int>) -> Range<Int> { place(range).range }

    /// The file byte range of a logical range, as `sourceRange` gives it, with the physical lines of its ends.
    func place(_ range: Range<Int>) -> Place {
        if pieces.count == 1 {
            // One contiguous run (most instructions): a plain shift, clamped as the general case clamps.
            let piece = pieces[0]
            let shift = piece.sourceStart - piece.logicalStart
            let start = range.lowerBound + shift
            return Place(range: start..<max(start, range.upperBound + shift), startLine: piece.line, endLine: piece.line)
        }
        guard let first = pieceIndex(containing: range.lowerBound, preferPrevious: false) else {
            return Place(range: 0..<0, startLine: 0, endLine: 0)
        }
        let start = pieces[first].sourceStart + (range.lowerBound - pieces[first].logicalStart)
        let startLine = pieces[first].line
        guard !range.isEmpty, let last = pieceIndex(containing: range.upperBound, preferPrevious: true) else {
            return Place(range: start..<start, startLine: startLine, endLine: startLine)
        }
        let end = pieces[last].sourceStart + (range.upperBound - pieces[last].logicalStart)
        if end < start { return Place(range: start..<start, startLine: startLine, endLine: startLine) }
        return Place(range: start..<end, startLine: startLine, endLine: pieces[last].line)
    }
}
