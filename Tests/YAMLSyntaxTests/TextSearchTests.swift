import PlimsollCore
import Testing

/// `containsText` searches bytes where it can; it must agree with the Character-level `contains` the rules
/// called before. This module imports Foundation, whose `contains` (NSString semantics) would shadow that one
/// here, so the reference is `firstRange(of:)`, which the standard `contains` is defined by.
@Suite struct TextSearchTests {
    @Test func agreesWithContains() {
        let pieces = ["", "a", "ab", "${{", "}}", "\r\n", "\r", "\n", "é", "e\u{301}", "\u{301}", " ", "$(", "-x", "👍🏽"]
        let needles = ["ab", "${{", "}}", "a\r", "\na", "\r\n", "\n", "e", "é", "$(", "b$", "x", "\u{301}", "a", "zz"]
        var checked = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = a + b + c
                    for needle in needles {
                        #expect(text.containsText(needle) == (text.firstRange(of: needle) != nil), "\(text.debugDescription) \(needle.debugDescription)")
                        let sub = text.dropFirst(0)
                        #expect(sub.containsText(needle) == (sub.firstRange(of: needle) != nil))
                        // A slice inside a longer string: only the slice's own bytes may be searched.
                        let inner = text.dropFirst().dropLast()
                        #expect(inner.containsText(needle) == (inner.firstRange(of: needle) != nil), "\(inner.debugDescription) \(needle.debugDescription)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == pieces.count * pieces.count * pieces.count * needles.count)
    }
}
