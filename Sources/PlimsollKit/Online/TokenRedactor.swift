/// Removes a secret from any text that may reach a terminal, a report or a file. Every error message of the
/// online layer passes through one, so a server that echoes a header back cannot leak the token.
public struct TokenRedactor: Sendable {
    public static let mask = "[redacted]"
    private let secrets: [String]

    public init(_ secrets: [String?]) {
        // Longest first, so a token that contains another secret is masked whole. Very short values are not
        // secrets worth masking and would garble ordinary text.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public func callAsFunction(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacing(secret, with: Self.mask)
        }
        return text
    }
}
