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
}
