import Testing

@testable import WorkflowModel

/// `ValueList` splits ASCII values on bytes; the pieces must be the Character-level split's.
@Suite struct ValueListSplitTests {
    static func reference(_ text: String, _ separators: Set<Character>) -> [String] {
        text.split(whereSeparator: { separators.contains($0) }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    @Test func agreesWithCharacterLevelSplit() {
        let pieces = ["", " ", ",", "\n", "\r\n", "\r", "\t", "a", "linux/amd64", " x ", ",,", "é", "e\u{301}", "${{ a }}"]
        let separatorSets: [Set<Character>] = [[",", "\n"], ["\n"], [","], [",", "\r\n"], ["é"]]
        var fast = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = a + b + c
                    for separators in separatorSets {
                        let expected = Self.reference(text, separators)
                        if let pieces = ValueList.asciiPieces(text, separators: separators) {
                            #expect(pieces == expected, "\(text.debugDescription) \(separators)")
                            fast += 1
                        }
                    }
                }
            }
        }
        // Most combinations take the byte path; CR, non-ASCII text and non-ASCII separators do not.
        #expect(fast > pieces.count * pieces.count * pieces.count)
    }
}
