import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attacks 8, 12 and 13: what the online mode asks for and what its errors show.
@Suite("Adversarial: online requests")
struct OnlineRequestTests {
    static let token = "ghp_" + String(repeating: "S3cr3t", count: 6)

    @Test("a token echoed across the 200th character is masked before the message is cut")
    func redactBeforeTruncating() throws {
        let echoed = String(repeating: "a", count: 190) + Self.token + " tail"
        let body = try JSONSerialization.data(withJSONObject: ["message": echoed])
        let transport = ScriptedTransport([HTTPResponse(status: 422, body: body)])
        let client = GitHubClient(apiURL: URL(string: "https://api.example.com")!, token: Self.token, transport: transport)
        guard case .failure(let error) = client.get("/repos/o/r") else {
            Issue.record("expected a failure")
            return
        }
        let text = error.description
        #expect(!text.contains(Self.token.prefix(8)), "\(text)")
        #expect(text.contains(TokenRedactor.mask.prefix(4)))
    }

    @Test("API path segments: dot segments and non-ASCII are encoded", arguments: [
        ("..", "%2E%2E"), (".", "%2E"), ("a..b", "a..b"), ("tools/app", "tools%2Fapp"), ("é", "%C3%A9"),
        ("../../user", "..%2F..%2Fuser"), ("app_1.0-x~", "app_1.0-x~"), ("a?b#c", "a%3Fb%23c"),
    ])
    func segments(_ text: String, _ encoded: String) {
        #expect(GitHubFactsCollector.segment(text) == encoded)
    }

    @Test("a repository named .. asks for its own path, not its parent's")
    func dotRepository() {
        let transport = ScriptedTransport([])
        let client = GitHubClient(apiURL: URL(string: "https://api.example.com")!, token: nil, transport: transport)
        _ = client.get("/repos/o/" + GitHubFactsCollector.segment("..") + "/actions/permissions/workflow")
        #expect(transport.sent.first?.url.absoluteString == "https://api.example.com/repos/o/%2E%2E/actions/permissions/workflow")
    }
}
