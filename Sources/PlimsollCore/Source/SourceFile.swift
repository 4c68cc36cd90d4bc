/// The text of one file plus a table of line starts, so byte offsets turn into line and column on demand.
///
/// Construction is O(n) in the file size; each lookup is O(log lines + line length).
public struct SourceFile: Sendable {
    /// Path relative to the scanned root, with `/` separators.
    public let path: String
    /// The raw bytes (UTF-8, possibly invalid).
    public let bytes: [UInt8]
    /// 0-based UTF-8 byte offset of the first byte of each line. Lines end at `\n`, `\r\n` or a lone `\r`.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// The location of a 0-based UTF-8 byte offset. Offsets past the end clamp to the end of the file.
    public func location(ofOffset rawOffset: Int) -> SourceLocation {
        let offset = max(0, min(rawOffset, bytes.count))
        // Binary search for the last line start <= offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        var index = lineStart
        while index < offset {
            // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column, offset: offset)
    }

    /// The span covering the UTF-8 byte range.
    public func span(_ range: Range<Int>) -> SourceSpan {
        let start = location(ofOffset: range.lowerBound)
        let end = location(ofOffset: range.upperBound)
        return start..<max(start, end)
    }

    /// The 0-based byte offset of a 1-based line and 1-based scalar column (clamped to the line).
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return line < 1 ? 0 : bytes.count }
        let range = lineByteRange(line)
        var index = range.lowerBound
        var remaining = column - 1
        while remaining > 0, index < range.upperBound {
            index += 1
            while index < range.upperBound, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// Byte range of a 1-based line, without its line terminator.
    public func lineByteRange(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The text of a 1-based line without its terminator; invalid UTF-8 is repaired with U+FFFD.
    public func lineText(_ line: Int) -> String {
        String(decoding: bytes[lineByteRange(line)], as: UTF8.self)
    }

    /// The whole file as a String (invalid UTF-8 repaired with U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
