import PlimsollCore

/// Turns the physical lines of a Dockerfile into logical lines the way BuildKit's `parser.Parse` does:
/// BOM, parser directives, comments, line continuations and heredoc bodies.
///
/// Physical lines are the lines of `SourceFile` (`\n`, `\r\n` or a lone `\r`), so every line number agrees with
/// the positions in diagnostics. BuildKit itself only breaks at `\n`; a lone `\r` gets a warning.
struct DockerfileLexer {
    /// BuildKit reads lines with `bufio.Scanner`, whose limit is 64 KiB including the newline.
    static let maxLineLength = 65535

    let file: SourceFile
    let bytes: [UInt8]
    /// The file's line starts and line count, held here: reading them through `file` on every line cost a
    /// cross-module call each.
    private let lineStarts: [Int]
    private let lineCount: Int
    private(set) var escape: UInt8 = UInt8(ascii: "\\")
    private(set) var directives: [ParserDirective] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// 0-based index of the next physical line to read.
    private(set) var lineIndex = 0
    private var directivesDone = false
    private var bomLength = 0

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        self.lineStarts = file.lineStarts
        // A final empty line after the last terminator is not a line BuildKit's scanner reports.
        let count = file.lineStarts.count
        if count > 1, file.lineStarts[count - 1] == file.bytes.count {
            self.lineCount = count - 1
        } else {
            self.lineCount = file.bytes.isEmpty ? 0 : count
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bomLength = 3 }
        checkLoneCarriageReturn()
    }

    var isAtEnd: Bool { lineIndex >= lineCount }

    /// Byte range of a physical line's content, without its terminator (and without the BOM on line 0); what
    /// `SourceFile.lineByteRange(index + 1)` gives.
    private func content(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        let range = start..<end
        if index == 0 { return min(range.lowerBound + bomLength, range.upperBound)..<range.upperBound }
        return range
    }

    private mutating func checkLoneCarriageReturn() {
        // A line that starts right after a `\r` ended with a lone `\r` (after `\r\n` the byte before is `\n`).
        var lone: Int?
        for start in file.lineStarts.dropFirst() where bytes[start - 1] == 0x0D {
            lone = start - 1
            break
        }
        if let index = lone {
            diagnostics.append(.loneCarriageReturn(at: file.span(index..<index + 1)))
        }
    }

    /// Reads one physical line, reporting (and blanking) lines BuildKit's scanner would refuse.
    private mutating func readLine() -> Range<Int> {
        let range = content(lineIndex)
        lineIndex += 1
        if range.count > Self.maxLineLength {
            diagnostics.append(.lineTooLong(at: file.span(range.lowerBound..<range.lowerBound)))
            return range.lowerBound..<range.lowerBound
        }
        return range
    }

    private mutating func handleDirective(_ range: Range<Int>) {
        guard !directivesDone else { return }
        guard let match = DirectiveLine.match(bytes, range) else {
            directivesDone = true
            return
        }
        let name = GoText.lowercased(bytes[match.name])
        guard DirectiveLine.validNames.contains(name) else {
            directivesDone = true
            return
        }
        let value = Array(bytes[match.value]).utf8String
        let span = file.span(range)
        if directives.contains(where: { $0.name == name }) {
            diagnostics.append(.duplicateDirective(name, at: span))
            return
        }
        directives.append(ParserDirective(
            name: name, value: value, span: span,
            nameSpan: file.span(match.name), valueSpan: file.span(match.value)))
        if name == "escape" {
            if value == "\\" || value == "`" {
                escape = bytes[match.value.lowerBound]
            } else {
                diagnostics.append(.invalidEscapeToken(value, at: file.span(match.value)))
            }
        }
    }

    /// `trimContinuationCharacter`: the escape character, then only blanks, not preceded by another escape.
    private func trimContinuation(_ range: Range<Int>) -> (Range<Int>, continues: Bool) {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > range.lowerBound, bytes[end - 1] == escape else { return (range, false) }
        if end - 1 > range.lowerBound, bytes[end - 2] == escape { return (range, false) }
        return (range.lowerBound..<end - 1, true)
    }

    /// The next instruction's logical line, or nil at the end of the file.
    mutating func nextLogicalLine() -> LogicalLine? {
        while lineIndex < lineCount {
            var first = readLine()
            first = GoText.skipLeadingSpace(bytes, first)..<first.upperBound
            handleDirective(first)
            let startLine = lineIndex
            if !first.isEmpty, bytes[first.lowerBound] == UInt8(ascii: "#") { continue }
            var (trimmed, continues) = trimContinuation(first)
            if !continues && trimmed.isEmpty { continue }

            var line = LogicalLine(startLine: startLine)
            // `readLine` has moved past the line it returned: its 0-based index is `lineIndex - 1`.
            line.append(
                bytes, trimmed, line: startLine - 1,
                bytesAreColumns: bytesAreColumns(line: startLine - 1, through: trimmed.upperBound))
            while continues && lineIndex < lineCount {
                let next = readLine()
                // Comment and blank lines are skipped (one scan of the leading space serves both tests).
                let textStart = GoText.skipLeadingSpace(bytes, next)
                if textStart == next.upperBound || bytes[textStart] == UInt8(ascii: "#") { continue }
                (trimmed, continues) = trimContinuation(next)
                line.append(
                    bytes, trimmed, line: lineIndex - 1,
                    bytesAreColumns: bytesAreColumns(line: lineIndex - 1, through: trimmed.upperBound))
            }
            line.endLine = lineIndex
            if line.pieceCount == 0 {
                // Only escape characters: BuildKit still makes an (empty) instruction, which fails later.
                // Its first line's start, not the last line read: skipped comment lines may follow.
                line.addPiece(.init(logicalStart: 0, sourceStart: first.lowerBound, line: startLine - 1,
                                    bytesAreColumns: bytesAreColumns(line: startLine - 1, through: first.lowerBound)))
            }
            return line
        }
        return nil
    }

    /// True when the bytes from the start of 0-based line `index` to `end` (on that line) are ASCII, so columns
    /// up to there are byte distances (see `Locator`; false only sends a column to the file's exact count).
    /// Free for files without multi-byte text.
    private func bytesAreColumns(line index: Int, through end: Int) -> Bool {
        guard file.hasContinuationBytes else { return true }
        return GoText.isASCII(bytes, lineStarts[index]..<end)
    }

    /// Reads a heredoc body up to its terminator line. Returns the body's byte range (terminators included)
    /// and the terminator line's range, or nil when the file ends first.
    mutating func readHeredocBody(name: [UInt8], chomp: Bool) -> (body: Range<Int>, terminator: Range<Int>)? {
        let bodyStart = lineIndex < lineCount ? lineStarts[lineIndex] : bytes.count
        while lineIndex < lineCount {
            let lineStart = lineStarts[lineIndex]
            var candidate = readLine()
            if chomp {
                var start = candidate.lowerBound
                while start < candidate.upperBound, bytes[start] == 0x09 { start += 1 }
                candidate = start..<candidate.upperBound
            }
            if candidate.count == name.count, bytes[candidate].elementsEqual(name) {
                return (bodyStart..<lineStart, content(lineIndex - 1))
            }
        }
        return nil
    }

    /// Byte offset just after the last byte of physical line `line` (1-based), excluding its terminator.
    func endOfLine(_ line: Int) -> Int { file.lineByteRange(line).upperBound }
}
