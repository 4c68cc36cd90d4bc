import Foundation
import PlimsollKit
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
}
