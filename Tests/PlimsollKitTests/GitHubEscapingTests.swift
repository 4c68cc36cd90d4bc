import Testing

@testable import PlimsollKit

/// GitHub workflow commands escape `%`, CR and LF in messages, and `:` and `,` too in properties. The reporter
/// escapes bytes; these hold it to the scalar-level definition on every short combination.
@Suite struct GitHubEscapingTests {
    private static func escapedByScalars(_ text: String, property: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            case ":" where property: output += "%3A"
            case "," where property: output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    @Test func bytesAgreeWithScalars() {
        let pieces = ["", "a", "%", "\r", "\n", "\r\n", ":", ",", "::error", "é", "👍🏽", "%0A", "x y"]
        for text in concatenations(pieces, pieces, pieces) {
            #expect(GitHubActionsReporter.escapeData(text) == Self.escapedByScalars(text, property: false))
            #expect(GitHubActionsReporter.escapeProperty(text) == Self.escapedByScalars(text, property: true))
        }
    }
}
