import DockerfileSyntax
import PlimsollCore
import Testing

/// `SourceFile.location(ofOffset:)` counts columns with a block table instead of scanning the line: these tests
/// compare it with a direct count on long lines holding multibyte characters, where the two could disagree.
@Suite struct SourceFilePositionTests {
    /// The definition: 1-based line, and 1 + the number of bytes from the line start to `offset` that are not
    /// UTF-8 continuation bytes.
    static func referenceLocation(_ bytes: [UInt8], _ rawOffset: Int) -> PlimsollCore.SourceLocation {
        let offset = max(0, min(rawOffset, bytes.count))
        var line = 1
        var lineStart = 0
        var index = 0
        while index < offset {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        for byte in bytes[lineStart..<offset] where byte & 0xC0 != 0x80 { column += 1 }
        return PlimsollCore.SourceLocation(line: line, column: column, offset: offset)
    }

    static let longMixedLine: String = {
        var text = "RUN echo "
        for index in 0..<700 {
            switch index % 5 {
            case 0: text += "é"
            case 1: text += "€uro "
            case 2: text += "😀"
            case 3: text += String(repeating: "a", count: index % 37)
            default: text += "漢字 "
            }
        }
        return text
    }()

    static let texts: [String] = {
        var texts: [String] = [
            "ENV A=1\n" + longMixedLine + "\nLABEL x=y\n",
            String(repeating: "a", count: 1500) + "é" + String(repeating: "b", count: 1500) + "\r\nRUN ok\rCMD x",
            "ARG ä=1\n" + String(repeating: "x", count: 2000) + "\n" + longMixedLine,
            String(repeating: "ascii only ", count: 300),
        ]
        // Line breaks (LF, CR LF, lone CR) and multibyte characters at every position of sixteen-byte blocks.
        let breaks = ["\n", "\r\n", "\r", "\t"]
        texts.append((0..<90).map { String(repeating: $0 % 7 == 0 ? "é" : "x", count: $0 % 41) + breaks[$0 % 4] }.joined())
        // ASCII with LF line ends only (the memchr path): breaks at every position of sixteen-byte blocks, a line
        // break first and an empty last line.
        let lines: [String] = (0..<90).map { String(repeating: "y", count: $0 % 37) + "\n" }
        texts.append("\n" + lines.joined() + "\n")
        // The same with one CR or one non-ASCII byte at the very end, which takes the byte-by-byte path.
        texts.append(lines.joined() + "\r")
        texts.append(lines.joined() + "é")
        return texts
    }()

    @Test(arguments: texts)
    func everyOffsetMatchesDirectCount(text: String) {
        let file = SourceFile(path: "Dockerfile", text: text)
        let bytes = Array(text.utf8)
        for offset in -1...(bytes.count + 1) {
            #expect(file.location(ofOffset: offset) == Self.referenceLocation(bytes, offset), "offset \(offset)")
        }
    }

    @Test func spansOnALongMultibyteLine() throws {
        let text = "FROM alpine\n" + Self.longMixedLine + " 🐳last\n"
        let file = SourceFile(path: "Dockerfile", text: text)
        let dockerfile = DockerfileParser.parse(file)
        let run = try #require(dockerfile.instructions.last)
        let bytes = Array(text.utf8)
        #expect(run.span.lowerBound == Self.referenceLocation(bytes, run.byteRange.lowerBound))
        #expect(run.span.upperBound == Self.referenceLocation(bytes, run.byteRange.upperBound))
        let argument = try #require(run.arguments.last)
        #expect(argument.span.upperBound.column == Array(Self.longMixedLine.unicodeScalars).count + " 🐳last".unicodeScalars.count + 1)
        #expect(argument.span.upperBound.line == 2)
    }
}
