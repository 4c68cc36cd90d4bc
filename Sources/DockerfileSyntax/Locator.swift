import PlimsollCore

/// Turns byte offsets into `SourceLocation`s for the parser's access pattern: offsets arrive nearly in order, so
/// the last line is a good starting point for the line search. The column comes from the file's block table in
/// constant time, however long the line. Used only during one parse, never shared.
final class Locator {
    private let file: SourceFile
    private let starts: [Int]
    private let byteCount: Int
    private var lastLine = 0

    init(file: SourceFile) {
        self.file = file
        self.starts = file.lineStarts
        self.byteCount = file.bytes.count
    }

    func location(_ rawOffset: Int) -> SourceLocation {
        let offset = max(0, min(rawOffset, byteCount))
        var line = lastLine
        starts.withUnsafeBufferPointer { starts in
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
        }
        lastLine = line
        return SourceLocation(line: line + 1, column: file.column(ofOffset: offset, line: line), offset: offset)
    }

    func span(_ range: Range<Int>) -> SourceSpan {
        let start = location(range.lowerBound)
        let end = location(range.upperBound)
        return start..<max(start, end)
    }
}
