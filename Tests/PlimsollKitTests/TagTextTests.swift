@testable import PlimsollRules
@testable import RepositoryModel
import Testing

/// The tag rules' byte-level paths for ASCII text must agree with the Character-level definitions.
@Suite struct TagTextTests {
    static let pieces = [
        "", "ghcr.io/", "owner", "/app", ":", "@", "sha256:abc", "${{", " env.IMAGE ", "}}", "${", "X", "}", "$(", ")",
        "`", "$TAG", "\r\n", "\r", "\n", " ", "latest", "{", "$", "_a9", "é",
    ]

    @Test func asciiPathsAgreeWithCharacterLevel() {
        var checked = 0
        for text in concatenations(Self.pieces, Self.pieces, Self.pieces) {
            let fast = ImageReferenceText.split(text)
            let slow = ImageReferenceText.splitByCharacters(text)
            #expect(fast.name == slow.name && fast.tag == slow.tag && fast.digest == slow.digest, "\(text)")
            #expect(ImageReferenceText.mask(text) == ImageReferenceText.maskByCharacters(text))
            #expect(ImageReferenceText.isOpaque(text) == ImageReferenceText.isOpaqueByCharacters(text))
            #expect(ImageReferenceText.maskVariables(text) == ImageReferenceText.maskVariablesByCharacters(text))
            let evaluate: (String) -> String? = { $0.contains("env") ? "value" : nil }
            #expect(
                MetadataCSV.substituteExpressions(text, evaluate)
                    == MetadataCSV.substituteExpressionsByCharacters(text, evaluate))
            checked += 1
        }
        #expect(checked == Self.pieces.count * Self.pieces.count * Self.pieces.count)
    }

    @Test func shellResolutionOnBytesAgreesWithCharacterLevel() {
        let environment = StepEnvironment(values: ["X": "Value", "HOME": "/h", "Y": "${{ github.actor }}", "é": "e"])
        let pieces = [
            "", "$", "{", "}", "{{", "X", "HOME", ",,", "a", "_", " ", "é", "\r\n", "${", "$X", "${X}", "${X,,}",
            "${Y,,}", "$GITHUB_SHA", "${Z}",
        ]
        for text in concatenations(pieces, pieces, pieces) {
            #expect(environment.resolveShell(text) == environment.resolveShellByCharacters(text), "\(text)")
        }
    }

    @Test func expressionBodiesOnBytesAgreeWithCharacterLevel() {
        let pieces = ["", "$", "{", "{{", "${{", "}", "}}", " a ", "x", "é", "\r\n", "${{ env.X }}", "$${{"]
        for text in concatenations(pieces, pieces, pieces, ["", "}}", "${{"]) {
            #expect(
                MetadataLink.expressionBodies(in: text).map(String.init)
                    == MetadataLink.expressionBodiesByCharacters(in: text).map(String.init), "\(text)")
        }
    }
}
