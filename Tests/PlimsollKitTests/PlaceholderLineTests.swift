@testable import PlimsollRules
@testable import RepositoryModel
import Testing

/// `TemplatePlaceholderRule.candidateLines` tests sixteen positions at a time; it must give the lines the plain
/// definition gives: split the range at `\n`, keep the lines that hold `<<`, `TODO:` or a `{{` that does not follow
/// a `$` (a `${{` expression is never a placeholder).
@Suite struct PlaceholderLineTests {
    static func reference(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = Array(bytes[start..<end])
            let holds = ["<<", "{{", "TODO:"].contains { marker in
                let needle = Array(marker.utf8)
                return line.count >= needle.count
                    && (0...(line.count - needle.count)).contains { offset in
                        Array(line[offset..<(offset + needle.count)]) == needle
                            && !(marker == "{{" && offset > 0 && line[offset - 1] == UInt8(ascii: "$"))
                    }
            }
            if holds { lines.append(start..<end) }
            start = end + 1
        }
        return lines
    }

    static func candidates(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { TemplatePlaceholderRule.candidateLines($0, range) }
    }

    @Test func shortInputsAgree() {
        let pieces = ["", "a", "<<", "<", "{{", "{", "TODO:", "TODO", "T", "O", "\n", "x\n", "${{ a }}", "\r\n", "$"]
        for text in concatenations(pieces, pieces, pieces, pieces) {
            let bytes = Array(text.utf8)
            #expect(Self.candidates(bytes, 0..<bytes.count) == Self.reference(bytes, 0..<bytes.count))
        }
    }

    /// Long enough for the sixteen-byte blocks, with markers across block edges, and ranges that start and end
    /// inside the buffer.
    @Test func longInputsAndSubrangesAgree() {
        let alphabet = Array("ab<{TOD:\n x$".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        for length in [0, 1, 15, 16, 17, 19, 20, 21, 31, 32, 33, 47, 64, 100, 257] {
            for _ in 0..<60 {
                let bytes = (0..<length).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return alphabet[Int(state >> 59) % alphabet.count]
                }
                let ranges = [
                    0..<length, min(3, length)..<length, 0..<max(0, length - 5),
                    min(7, length)..<max(min(7, length), length - 2),
                ]
                for range in ranges {
                    #expect(Self.candidates(bytes, range) == Self.reference(bytes, range), "\(bytes) \(range)")
                    checked += 1
                }
            }
        }
        #expect(checked == 15 * 60 * 4)
    }
}
