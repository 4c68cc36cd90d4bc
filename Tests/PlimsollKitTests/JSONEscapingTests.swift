import Foundation
@testable import PlimsollKit
import Testing

/// Strings in JSON and SARIF reports: escaped where JSON or JavaScript needs it, copied whole elsewhere, and read
/// back unchanged by a real JSON parser.
@Suite struct JSONEscapingTests {
    @Test func escapedStringsReadBackUnchanged() throws {
        let pieces = ["", "a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "é",
                      "\u{E2}", "\u{2027}", "👍🏽", "x y"]
        for text in concatenations(pieces, pieces, pieces) {
            let rendered = JSONValue.string(text).rendered()
            #expect(!rendered.unicodeScalars.contains {
                $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}"
            })
            let parsed = try JSONSerialization.jsonObject(with: Data(rendered.utf8), options: .fragmentsAllowed)
            #expect(parsed as? String == text, "\(text.debugDescription) -> \(rendered)")
        }
        #expect(JSONValue.string("a\"b\\c\n\u{1}\u{2028}").rendered() == #""a\"b\\c\n\u0001\u2028""#)
    }

    /// The sixteen-byte skip finds what a byte-by-byte scan finds: each byte that needs a look, placed at every
    /// offset of texts long enough for whole blocks, from every start.
    @Test func escapeCandidatesMatchTheByteByByteScan() throws {
        let special: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x1F, 0x7F, 0xE2]
        let ordinary: [UInt8] = [0x20, 0x41, 0x7E, 0x80, 0xC3, 0xE1, 0xE3, 0xFF]
        for byte in special + ordinary {
            for offset in 0..<40 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 40)
                bytes[offset] = byte
                bytes.withUnsafeBufferPointer { buffer in
                    for start in [0, 1, 15, 16, 17, offset, min(offset + 1, 40)] where start <= 40 {
                        let expected = special.contains(byte) && offset >= start ? offset : 40
                        let found = JSONValue.firstEscapeCandidate(in: buffer, from: start)
                        #expect(found == expected, "byte \(byte) at \(offset) from \(start)")
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                let parsed = try JSONSerialization.jsonObject(
                    with: Data(JSONValue.string(text).rendered().utf8), options: .fragmentsAllowed)
                #expect(parsed as? String == text)
            }
        }
    }
}
