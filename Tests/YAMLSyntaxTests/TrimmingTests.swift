import PlimsollCore
import Testing

/// `trimmingWhitespace()` decides most strings on bytes; it must agree with the Character-level definition.
@Suite struct TrimmingTests {
    static func reference(_ text: String) -> String {
        String(text.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }

    @Test func agreesWithCharacterLevelTrim() {
        let pieces = [
            "", " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{85}", "\u{A0}", "\u{2028}",
            "\u{3000}", "a", "é", "e\u{301}", "\u{301}", "\u{600}", "${{ x }}", "v1.2.3", "ü", "👍🏽", "\u{200D}",
        ]
        var checked = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = a + b + c
                    #expect(text.trimmingWhitespace() == Self.reference(text), "\(text.unicodeScalars.map(\.value))")
                    let sub = ("x" + text + "y").dropFirst().dropLast()
                    #expect(sub.trimmingWhitespace() == Self.reference(String(sub)))
                    checked += 1
                }
            }
        }
        #expect(checked == pieces.count * pieces.count * pieces.count)
    }
}
