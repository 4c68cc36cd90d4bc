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
        /// No UTF-8 continuation byte from the start of the line to the end of the piece, so every column up to
        /// there is a byte distance.
        var bytesAreColumns: Bool
    }

    /// Where a logical byte range came from: its file byte range and the 0-based physical lines of its two ends,
    /// so a span needs no line search.
    struct Place {
        var range: Range<Int>
        var startLine: Int
        var endLine: Int
        /// `Piece.bytesAreColumns` of the pieces the two ends lie in.
        var startBytesAreColumns: Bool
        var endBytesAreColumns: Bool
    }

    /// The joined bytes (UTF-8, possibly invalid).
    public internal(set) var bytes: [UInt8]
    /// The first piece is stored inline and only continuation lines allocate `laterPieces`: most instructions are
    /// one line, and an array per line cost an allocation each.
    private var firstPiece = Piece(logicalStart: 0, sourceStart: 0, line: 0, bytesAreColumns: true)
    private var laterPieces: [Piece] = []
    private(set) var pieceCount = 0
    /// 1-based line of the first physical line, as BuildKit counts it.
    public internal(set) var startLine: Int
    /// 1-based line of the last physical line consumed (continuations, skipped lines and heredoc bodies).
    public internal(set) var endLine: Int

    init(startLine: Int) {
        self.bytes = []
        self.startLine = startLine
        self.endLine = startLine
    }

    func piece(_ index: Int) -> Piece { index == 0 ? firstPiece : laterPieces[index - 1] }

    mutating func addPiece(_ piece: Piece) {
        if pieceCount == 0 { firstPiece = piece } else { laterPieces.append(piece) }
        pieceCount += 1
    }

    mutating func append(_ source: [UInt8], _ range: Range<Int>, line: Int, bytesAreColumns: Bool) {
        guard !range.isEmpty else { return }
        addPiece(Piece(logicalStart: bytes.count, sourceStart: range.lowerBound, line: line,
                       bytesAreColumns: bytesAreColumns))
        // Through a buffer pointer, so the copy is one memcpy rather than a per-element loop; the first piece
        // allocates exactly its size instead of going through the append growth path.
        source.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            if bytes.isEmpty { bytes = Array(slice) } else { bytes.append(contentsOf: slice) }
        }
    }

    private func pieceIndex(containing logical: Int, preferPrevious: Bool) -> Int? {
        guard pieceCount > 0 else { return nil }
        var low = 0
        var high = pieceCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            let start = piece(mid).logicalStart
            if start < logical || (!preferPrevious && start == logical) { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// UTF-8 byte offset in the file of the logical byte at `logical` (0-based).
    func sourceOffset(start logical: Int) -> Int {
        guard let index = pieceIndex(containing: logical, preferPrevious: false) else { return 0 }
        return piece(index).sourceStart + (logical - piece(index).logicalStart)
    }

    /// UTF-8 byte offset in the file just after the logical byte before `logical`.
    func sourceOffset(end logical: Int) -> Int {
        guard let index = pieceIndex(containing: logical, preferPrevious: true) else { return 0 }
        return piece(index).sourceStart + (logical - piece(index).logicalStart)
    }

    /// The file byte range (0-based UTF-8 offsets) that a logical byte range came from.
    func sourceRange(_ range: Range<Int>) -> Range<Int> { place(range).range }

    /// The file byte range of a logical range, as `sourceRange` gives it, with the physical lines of its ends.
    func place(_ range: Range<Int>) -> Place {
        if pieceCount == 1 {
            // One contiguous run (most instructions): a plain shift, clamped as the general case clamps.
            let piece = firstPiece
            let shift = piece.sourceStart - piece.logicalStart
            let start = range.lowerBound + shift
            return Place(range: start..<max(start, range.upperBound + shift), startLine: piece.line, endLine: piece.line,
                         startBytesAreColumns: piece.bytesAreColumns, endBytesAreColumns: piece.bytesAreColumns)
        }
        guard let first = pieceIndex(containing: range.lowerBound, preferPrevious: false) else {
            return Place(range: 0..<0, startLine: 0, endLine: 0, startBytesAreColumns: false, endBytesAreColumns: false)
        }
        let startPiece = piece(first)
        let start = startPiece.sourceStart + (range.lowerBound - startPiece.logicalStart)
        let atStart = Place(range: start..<start, startLine: startPiece.line, endLine: startPiece.line,
                            startBytesAreColumns: startPiece.bytesAreColumns,
                            endBytesAreColumns: startPiece.bytesAreColumns)
        guard !range.isEmpty, let last = pieceIndex(containing: range.upperBound, preferPrevious: true) else {
            return atStart
        }
        let endPiece = piece(last)
        let end = endPiece.sourceStart + (range.upperBound - endPiece.logicalStart)
        if end < start { return atStart }
        return Place(range: start..<end, startLine: startPiece.line, endLine: endPiece.line,
                     startBytesAreColumns: startPiece.bytesAreColumns, endBytesAreColumns: endPiece.bytesAreColumns)
    }
}
