import PlimsollCore

/// Turns the parser's byte offsets into `SourceLocation`s. The parser knows the physical line of every offset
/// it asks about (each piece of a logical line lies on one line, see `LogicalLine.Place`), so there is no line
/// search; the column is a subtraction in a file without multi-byte text and comes from the file's block table
/// otherwise. Used only during one parse, never shared.
final class Locator {
    private let file: SourceFile
    private let lineStarts: [Int]
    /// No UTF-8 continuation byte anywhere: every column is a byte distance.
    private let byteColumns: Bool

    init(file: SourceFile) {
        self.file = file
        self.lineStarts = file.lineStarts
        self.byteColumns = !file.hasContinuationBytes
    }

    /// The location of `offset`, which lies on 0-based physical line `line`.
    @inline(__always)
    func location(_ offset: Int, line: Int) -> SourceLocation {
        let column = byteColumns ? offset - lineStarts[line] + 1 : file.column(ofOffset: offset, line: line)
        return SourceLocation(line: line + 1, column: column, offset: offset)
    }

    func span(_ place: LogicalLine.Place) -> SourceSpan {
        let start = location(place.range.lowerBound, line: place.startLine)
        let end = location(place.range.upperBound, line: place.endLine)
        return start..<max(start, end)
    }
}
