import Plot
import PlimsollCore

/// The dashboard's small pieces of text and addresses. Untrusted text (names, paths, messages, teams, reasons)
/// only ever becomes a text node; attribute values are built from constants, numbers, hashes and addresses
/// checked character by character here.
enum DashboardText {
    /// Untrusted text as a text node: control and bidirectional characters made visible, and `&` escaped
    /// first, because Plot leaves anything that looks like an entity (`&lt;`) alone.
    static func untrusted<Context>(_ text: String) -> Node<Context> {
        .text(TerminalText.sanitize(text).replacingOccurrences(of: "&", with: "&amp;"))
    }

    /// A SARIF level as a severity; anything else (a hand-edited shard) as a note.
    static func severity(_ level: String) -> Severity { Severity(rawValue: level) ?? .note }

    /// `path:line`, as shown.
    static func location(_ path: String, line: Int?) -> String { path + (line.map { ":\($0)" } ?? "") }

    /// `https://github.com/<owner>/<name>/blob/<commit>/<path>#L<line>` for a repository on GitHub scanned at a
    /// known commit; nil otherwise, or when any part is not what GitHub and git would write (the URL goes into
    /// an attribute, which Plot does not escape): the owner and name in GitHub's characters, the commit as hex,
    /// every path byte outside `[A-Za-z0-9._~/-]` percent-encoded.
    static func blobURL(gitHub: String?, commit: String?, path: String, line: Int?) -> String? {
        guard let gitHub, let commit, !path.isEmpty else { return nil }
        let parts = gitHub.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy(isGitHubName),
            [40, 64].contains(commit.utf8.count), commit.utf8.allSatisfy(isHexDigit)
        else { return nil }
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "/"), UInt8(ascii: "-"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return "https://github.com/\(gitHub)/blob/\(commit)/\(encoded)" + (line.map { "#L\($0)" } ?? "")
    }

    private static func isGitHubName(_ part: Substring) -> Bool {
        !part.isEmpty && part != "." && part != ".."
            && part.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// `1 repository`, `2 repositories`.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }

    /// A state as a class name and `data-state` value (no space).
    static func token(_ state: OrgRecord.State) -> String {
        state == .notApplicable ? "not-applicable" : state.rawValue
    }
}
