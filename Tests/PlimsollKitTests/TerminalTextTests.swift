import Testing

@testable import PlimsollKit

/// The printable-ASCII test reads sixteen bytes at a time; it must agree with the byte-by-byte definition for
/// every offending byte at every position, with and without tabs kept.
@Suite struct TerminalTextTests {
    @Test func printableTestAgreesWithDefinition() {
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 40] {
            for position in 0..<max(length, 1) {
                for byte: UInt8 in [0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if position < length { bytes[position] = byte }
                    for keepTabs in [false, true] {
                        let expected = bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || (keepTabs && $0 == 0x09) }
                        let answer = bytes.withUnsafeBufferPointer { TerminalText.isPrintable($0, keepTabs: keepTabs) }
                        #expect(answer == expected, "\(length) \(position) \(byte) \(keepTabs)")
                    }
                }
            }
        }
    }

    @Test func controlCharactersBecomeVisible() {
        #expect(TerminalText.sanitize("a\u{1B}[31mb") == "a\\x1B[31mb")
        #expect(TerminalText.sanitize("a\tb") == "a\\x09b")
        #expect(TerminalText.sanitize("a\tb", keepTabs: true) == "a\tb")
        #expect(TerminalText.sanitize("plain text") == "plain text")
    }
}
