#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of one file plus a table of line starts, so byte offsets turn into line and column on demand.
///
/// Construction is O(n) in the file size; each lookup is O(log lines), plus at most two 512-byte blocks counted
/// when the file holds non-ASCII text.
public struct SourceFile: Sendable {
    /// Path relative to the scanned root, with `/` separators.
    public let path: String
    /// The raw bytes (UTF-8, possibly invalid).
    public let bytes: [UInt8]
    /// 0-based UTF-8 byte offset of the first byte of each line. Lines end at `\n`, `\r\n` or a lone `\r`.
    public let lineStarts: [Int]

    /// Number of UTF-8 continuation bytes (`10xxxxxx`) before each `blockSize`-byte block, plus a final entry with
    /// the total; empty when the file has none (pure ASCII), so a column is then a byte distance.
    /// Makes `location(ofOffset:)` O(log lines + blockSize) however long the line is.
    let continuationsBefore: [Int32]
    /// Per 0-based line: true when it holds a continuation byte (so its columns are not byte distances). Empty
    /// when the file has none.
    let lineHasContinuation: [Bool]
    static let blockShift = 9
    static var blockSize: Int { 1 << blockShift }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        // Nearly every file is ASCII with `\n` line ends: its lines start after each `\n`, found by the C
        // library's `memchr` many bytes at a time.
        if bytes.withUnsafeBufferPointer(Self.isASCIIWithoutCarriageReturn) {
            self.lineStarts = Self.startsAfterNewlines(bytes)
            self.continuationsBefore = []
            self.lineHasContinuation = []
            return
        }
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        // 0-based indices of the lines holding a UTF-8 continuation byte, in order.
        var continuationLines: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte >= 0x20 {
                    if byte & 0xC0 == 0x80, continuationLines.last != starts.count - 1 {
                        continuationLines.append(starts.count - 1)
                    }
                } else if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D {
                    if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        self.lineStarts = starts
        if continuationLines.isEmpty {
            self.continuationsBefore = []
            self.lineHasContinuation = []
        } else {
            self.continuationsBefore = Self.continuationTable(bytes)
            var flags = [Bool](repeating: false, count: starts.count)
            for line in continuationLines { flags[line] = true }
            self.lineHasContinuation = flags
        }
    }

    /// True when no byte is `\r` or above 0x7F: 16 bytes at a time, OR-ing bytes for the high bit and keeping
    /// the least difference from `\r`.
    private static func isASCIIWithoutCarriageReturn(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        var ored = SIMD16<UInt8>(repeating: 0)
        var least = SIMD16<UInt8>(repeating: 0xFF)
        var index = 0
        while index + 16 <= count {
            let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            ored |= block
            least = pointwiseMin(least, block ^ carriageReturn)
            index += 16
        }
        if ored.max() >= 0x80 || least.min() == 0 { return false }
        while index < count {
            if base[index] >= 0x80 || base[index] == 0x0D { return false }
            index += 1
        }
        return true
    }

    /// 0, then the offset after each `\n`.
    private static func startsAfterNewlines(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < buffer.count, let found = memchr(base + index, 0x0A, buffer.count - index) {
                index = base.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(index)
            }
        }
        return starts
    }

    private static func continuationTable(_ bytes: [UInt8]) -> [Int32] {
        let blocks = bytes.count >> blockShift + 1
        var table: [Int32] = []
        table.reserveCapacity(blocks + 1)
        var total: Int32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            for _ in 0..<blocks {
                table.append(total)
                let end = min(index + blockSize, buffer.count)
                while index < end {
                    if buffer[index] & 0xC0 == 0x80 { total += 1 }
                    index += 1
                }
            }
        }
        table.append(total)
        return table
    }

    /// Continuation bytes in `bytes[0..<offset]`.
    private func continuations(before offset: Int) -> Int {
        let block = offset >> Self.blockShift
        var count = Int(continuationsBefore[block])
        if continuationsBefore[block + 1] == continuationsBefore[block] { return count }
        bytes.withUnsafeBufferPointer { buffer in
            var index = block << Self.blockShift
            while index < offset {
                if buffer[index] & 0xC0 == 0x80 { count += 1 }
                index += 1
            }
        }
        return count
    }

    /// True when some byte is a UTF-8 continuation byte (`10xxxxxx`): otherwise every byte is one scalar.
    package var hasContinuationBytes: Bool { !lineHasContinuation.isEmpty }

    /// The 1-based scalar column of `offset` on 0-based line `line` (`lineStarts[line] <= offset`).
    @inline(__always)
    package func column(ofOffset offset: Int, line: Int) -> Int {
        let lineStart = lineStarts[line]
        if lineHasContinuation.isEmpty || !lineHasContinuation[line] { return offset - lineStart + 1 }
        if offset >> Self.blockShift == lineStart >> Self.blockShift {
            // Same block: count directly (at most one block).
            var column = 1
            bytes.withUnsafeBufferPointer { buffer in
                var index = lineStart
                while index < offset {
                    if buffer[index] & 0xC0 != 0x80 { column += 1 }
                    index += 1
                }
            }
            return column
        }
        return offset - lineStart - (continuations(before: offset) - continuations(before: lineStart)) + 1
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
        let column = column(ofOffset: offset, line: low)
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
