import PlimsollCore

/// Turns the parser's byte offsets into `SourceLocation`s. The parser knows the physical line of every offset
/// it asks about, and whether the line holds multi-byte text before it (see `LogicalLine.Place`), so there is
/// no line search, and the column is a subtraction except after multi-byte text, where the file's block table
/// counts it. Used only during one parse, never shared.
final class Locator {
    private let file: SourceFile
    private let lineStarts: [Int]

    init(file: SourceFile) {
        self.file = file
        self.lineStarts = file.lineStarts
    }

    /// The location of `offset`, which lies on 0-based physical line `line`.
    @inline(__always)
    private func location(_ offset: Int, line: Int, bytesAreColumns: Bool) -> SourceLocation {
        let column = bytesAreColumns ? offset - lineStarts[line] + 1 : file.column(ofOffset: offset, line: line)
        return SourceLocation(line: line + 1, column: column, offset: offset)
    }

    func span(_ place: LogicalLine.Place) -> SourceSpan {
        let start = location(place.range.lowerBound, line: place.startLine, bytesAreColumns: place.startBytesAreColumns)
        let end = location(place.range.upperBound, line: place.endLine, bytesAreColumns: place.endBytesAreColumns)
        return start..<max(start, end)
    }
}
