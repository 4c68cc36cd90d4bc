@testable import RepositoryModel
import Testing

/// Image references as workflows write them, with `${{ }}` and shell variables inside: tables of intended
/// readings, non-ASCII and CR LF included.
@Suite struct ImageReferenceTextTests {
    @Test(arguments: [
        ("ghcr.io/acme/app:1.0", "ghcr.io/acme/app", "1.0", nil),
        ("localhost:5000/app", "localhost:5000/app", nil, nil),
        ("localhost:5000/app:dev@sha256:abc", "localhost:5000/app", "dev", "sha256:abc"),
        ("ghcr.io/${{ github.repository }}:${{ env.TAG }}", "ghcr.io/${{ github.repository }}", "${{ env.TAG }}", nil),
        ("${IMAGE:-app}:latest", "${IMAGE:-app}", "latest", nil),
        ("ghcr.io/é/app:ü", "ghcr.io/é/app", "ü", nil),
        ("app", "app", nil, nil),
        ("", "", nil, nil),
    ] as [(String, String, String?, String?)])
    func split(_ text: String, _ name: String, _ tag: String?, _ digest: String?) {
        let parts = ImageReferenceText.split(text)
        #expect(parts.name == name && parts.tag == tag && parts.digest == digest)
    }

    @Test func mask() {
        #expect(ImageReferenceText.mask("a:${{ b:c }}:d") == "a:xxxxxxxxxx:d")
        #expect(ImageReferenceText.mask("${X:-y}/z") == "xxxxxxx/z")
        #expect(ImageReferenceText.mask("é${{ü}}") == "é" + String(repeating: "x", count: 7))  // byte for byte
        #expect(ImageReferenceText.maskVariables("$REGISTRY/$Owner_1/app:$é") == "x/x/app:$é")
        #expect(ImageReferenceText.maskVariables("$ a") == "$ a")
    }

    @Test(arguments: [
        ("${{ steps.meta.outputs.tags }}", true),
        ("$(cat tags)", true),
        ("`cat tags`", true),
        ("$TAGS", true),
        ("$REGISTRY/app", false),
        ("ghcr.io/acme/app:${{ env.V }}", false),
        ("${{ a }}-${{ b }}", true),  // references only
        ("v${{ a }}", false),
        (" \r\n$TAGS\r\n", true),
    ])
    func isOpaque(_ text: String, _ expected: Bool) {
        #expect(ImageReferenceText.isOpaque(text) == expected)
    }

    @Test func shellVariables() {
        let environment = StepEnvironment(values: ["X": "Value", "Y": "${{ github.actor }}", "é": "e"])
        let cases: [(String, String)] = [
            ("$X/${X}/${X,,}", "Value/Value/value"),
            ("${Y,,}", "${{ toLower(github.actor) }}"),
            ("$GITHUB_SHA", "${{ github.sha }}"),
            ("$Z ${Z} $ x $", "$Z ${Z} $ x $"),
            ("${{ env.X }}", "${{ env.X }}"),
            ("$é ü$X\r\n", "$é üValue\r\n"),  // shell names are ASCII
            ("${X", "${X"),
        ]
        for (text, expected) in cases {
            #expect(environment.resolveShell(text) == expected, "\(text)")
        }
    }
}
