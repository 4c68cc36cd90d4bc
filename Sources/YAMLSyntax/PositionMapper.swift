import PlimsollCore

/// Turns libyaml marks into `SourceLocation`s of the file.
///
/// libyaml's `index` counts decoded characters (Unicode scalars) after the byte-order mark, not bytes. A cursor
/// walks the bytes from the previous mark, so converting all marks of a file costs O(file size) in total;
/// marks arrive nearly in order. The line comes from the `SourceFile` line table (so it agrees with
/// `SourceFile.location(ofOffset:)` even where libyaml also counts U+0085/U+2028/U+2029 as line breaks), and the
/// column is libyaml's whenever both agree on the line, else counted from the line table.
struct PositionMapper {
    let file: SourceFile
    let encoding: RawEncoding
    let bomLength: Int
    private var charIndex = 0
    private var byteOffset: Int
    /// Copied out of `file` once: every node asks for two locations, and reaching into the file each time
    /// (retaining its arrays, recomputing the flag) cost more than the arithmetic.
    private let lineStarts: [Int]
    private let byteCount: Int
    /// UTF-8 without any multi-byte character: a character index is a byte offset.
    private let oneBytePerCharacter: Bool

    init(file: SourceFile, encoding: RawEncoding) {
        self.file = file
        self.encoding = encoding
        lineStarts = file.lineStarts
        byteCount = file.bytes.count
        oneBytePerCharacter = encoding == .utf8 && !file.hasContinuationBytes
        let b = file.bytes
        switch encoding {
        case .utf8:
            bomLength = (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
        case .utf16LittleEndian:
            bomLength = (b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE) ? 2 : 0
        case .utf16BigEndian:
            bomLength = (b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF) ? 2 : 0
        }
        byteOffset = bomLength
    }

    /// The byte offset of character `index` (clamped to the file).
    mutating func byteOffset(ofCharacter index: Int) -> Int {
        if oneBytePerCharacter {
            // Every byte counts as one character in the walk below (no BOM either: its bytes are continuations).
            return min(bomLength + max(index, 0), byteCount)
        }
        let bytes = file.bytes
        let count = bytes.count
        if index < charIndex / 2 {
            charIndex = 0
            byteOffset = bomLength
        }
        switch encoding {
        case .utf8:
            while charIndex < index, byteOffset < count {
                byteOffset += 1
                while byteOffset < count, bytes[byteOffset] & 0xC0 == 0x80 { byteOffset += 1 }
                charIndex += 1
            }
            while charIndex > index, byteOffset > bomLength {
                byteOffset -= 1
                while byteOffset > bomLength, bytes[byteOffset] & 0xC0 == 0x80 { byteOffset -= 1 }
                charIndex -= 1
            }
        case .utf16LittleEndian, .utf16BigEndian:
            let highIndex = encoding == .utf16LittleEndian ? 1 : 0
            func isHighSurrogate(_ at: Int) -> Bool {
                at + 1 < count && (bytes[at + highIndex] & 0xFC) == 0xD8
            }
            func isLowSurrogate(_ at: Int) -> Bool {
                at >= 0 && at + 1 < count && (bytes[at + highIndex] & 0xFC) == 0xDC
            }
            while charIndex < index, byteOffset < count {
                byteOffset += isHighSurrogate(byteOffset) ? 4 : 2
                charIndex += 1
            }
            while charIndex > index, byteOffset > bomLength {
                byteOffset -= isLowSurrogate(byteOffset - 2) ? 4 : 2
                charIndex -= 1
            }
            byteOffset = min(max(byteOffset, bomLength), count)
        }
        return byteOffset
    }

    /// Every node asks for two of these. The common case (a file with one byte per character, libyaml's line
    /// agreeing with the line table) is inlined into the loader; the call and the struct accesses cost more than
    /// its arithmetic. Anything else takes `anyLocation`, which gives the same answer for the common case.
    @inline(__always)
    mutating func location(_ mark: RawMark) -> SourceLocation {
        if oneBytePerCharacter {
            let offset = min(bomLength + max(mark.index, 0), byteCount)
            let guess = mark.line - 1
            if guess >= 0, guess < lineStarts.count, lineStarts[guess] <= offset,
                guess + 1 == lineStarts.count || lineStarts[guess + 1] > offset, !(mark.line == 1 && bomLength > 0)
            {
                return SourceLocation(line: mark.line, column: mark.column, offset: offset)
            }
        }
        return anyLocation(mark)
    }

    @inline(never)
    private mutating func anyLocation(_ mark: RawMark) -> SourceLocation {
        let offset = byteOffset(ofCharacter: mark.index)
        if encoding != .utf8 {
            return SourceLocation(line: mark.line, column: mark.column, offset: offset)
        }
        let starts = lineStarts
        let guess = mark.line - 1
        let line = guess >= 0 && guess < starts.count && starts[guess] <= offset
            && (guess + 1 == starts.count || starts[guess + 1] > offset) ? mark.line : lineNumber(ofOffset: offset)
        if line == mark.line, !(line == 1 && bomLength > 0) {
            return SourceLocation(line: line, column: mark.column, offset: offset)
        }
        return file.location(ofOffset: offset)
    }

    /// A location for a raw byte offset (reader errors).
    func location(ofByteOffset offset: Int) -> SourceLocation {
        if encoding != .utf8 {
            return SourceLocation(line: 1, column: 1, offset: min(offset, file.bytes.count))
        }
        return file.location(ofOffset: offset)
    }

    private func lineNumber(ofOffset offset: Int) -> Int {
        let starts = file.lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}
