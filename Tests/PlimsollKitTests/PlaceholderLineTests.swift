@testable import PlimsollRules
@testable import RepositoryModel
import Testing

/// `TemplatePlaceholderRule.candidateLines`: the lines of a range (split at `\n`) that hold `<<`, `TODO:` or a
/// `{{` that does not follow a `$` (a `${{` expression is never a placeholder).
@Suite struct PlaceholderLineTests {
    static func lines(_ text: String, from start: Int = 0, dropLast: Int = 0) -> [String] {
        let bytes = Array(text.utf8)
        let range = start..<(bytes.count - dropLast)
        return bytes.withUnsafeBufferPointer { TemplatePlaceholderRule.candidateLines($0, range) }
            .map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test(arguments: [
        ("image: <<IMAGE>>\nname: app\n", ["image: <<IMAGE>>"]),
        ("a\n# TODO: name\nb", ["# TODO: name"]),
        ("tags: {{version}}\nrun: ${{ github.sha }}\n", ["tags: {{version}}"]),
        ("${{ a }} and {{ b }}", ["${{ a }} and {{ b }}"]),
        ("$${{ a }}", []),
        ("< <\n{ {\nTODO\nTO DO:", []),
        ("x <<\r\ny", ["x <<\r"]),
        ("é <<ü>>\n", ["é <<ü>>"]),
        ("<<", ["<<"]),
        ("", []),
    ])
    func candidateLines(_ text: String, _ expected: [String]) {
        #expect(Self.lines(text) == expected)
    }

    @Test(arguments: [
        ("ghcr.io/acme/app", false), ("ghcr.io/${{ github.repository }}", false), ("ghcr.io/acme/{{ name }}", true),
        ("ghcr.io/${{ github.owner }}/{{app}}", true), ("ghcr.io/acme/<<TODO:component>>", true), ("TODO: name", true),
        ("type=raw,value=latest,enable={{is_default_branch}}", true),
    ])
    func placeholders(_ text: String, _ holds: Bool) {
        #expect(TemplatePlaceholderRule.holdsPlaceholder(text) == holds)
        #expect(TemplatePlaceholderRule.holdsBlank(text) == (text.contains("TODO:") || text.contains("<<")))
    }

    @Test func subranges() {
        // A range that starts or ends inside a line sees only its own bytes.
        #expect(Self.lines("a <<\nb <<\nc", from: 2) == ["<<", "b <<"])
        #expect(Self.lines("a <<\nb <<\nc", from: 4) == ["b <<"])
        #expect(Self.lines("a <<\nb <<", dropLast: 1) == ["a <<"])
    }
}
