import Testing

@testable import PlimsollKit

/// Fingerprints collapse a line's whitespace on bytes for ASCII lines; the text must be the Character-level one,
/// or every baseline and SARIF fingerprint would change.
@Suite struct FingerprintTextTests {
    @Test func asciiPathAgreesWithCharacterLevel() {
        let pieces = ["", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "a", "FROM", "x y", "é", "\u{A0}", "#"]
        for line in concatenations(pieces, pieces, pieces) {
            #expect(
                Fingerprint.normalizedLine(line) == Fingerprint.normalizedLineByCharacters(line),
                "\(line.debugDescription)")
        }
    }
}
