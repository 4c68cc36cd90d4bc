import PlimsollCore

/// Turns byte offsets into `SourceLocation`s faster than `SourceFile.location(ofOffset:)` for the parser's access
/// pattern: offsets arrive nearly in order, so the last answer is a good starting point for both the line search
/// and the column count. Used only during one parse, never shared.
final class Locator {
    private let bytes: [UInt8]
    private let starts: [Int]
    private var lastLine = 0
    private var lastOffset = 0
    private var lastColumn = 1

    init(file: SourceFile) {
        self.bytes = file.bytes
        self.starts = file.lineStarts
    }

    func location(_ rawOffset: Int) -> SourceLocation {
        let offset = max(0, min(rawOffset, bytes.count))
        var line = lastLine
        if starts[line] > offset || (line + 1 < starts.count && starts[line + 1] <= offset) {
            // Gallop forward a few lines, else fall back to binary search.
            var probe = line
            var steps = 0
            while probe + 1 < starts.count, starts[probe + 1] <= offset, steps < 8 { probe += 1; steps += 1 }
            if starts[probe] <= offset, probe + 1 == starts.count || starts[probe + 1] > offset {
                line = probe
            } else {
                var low = 0
                var high = starts.count - 1
                while low < high {
                    let mid = (low + high + 1) / 2
                    if starts[mid] <= offset { low = mid } else { high = mid - 1 }
                }
                line = low
            }
        }
        var column = 1
        var index = starts[line]
        if line == lastLine, lastOffset <= offset, lastOffset >= index {
            column = lastColumn
            index = lastOffset
        }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        lastLine = line
        lastOffset = offset
        lastColumn = column
        return SourceLocation(line: line + 1, column: column, offset: offset)
    }

    func span(_ range: Range<Int>) -> SourceSpan {
        let start = location(range.lowerBound)
        let end = location(range.upperBound)
        return start..<max(start, end)
    }
}
