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
        var client = GitHubClient(apiURL: URL(string: "https://api.example.com")!, token: nil, transport: transport)
        client.sleep = { _ in }
        _ = client.get("/repos/o/" + GitHubFactsCollector.segment("..") + "/actions/permissions/workflow")
        #expect(transport.sent.first?.url.absoluteString == "https://api.example.com/repos/o/%2E%2E/actions/permissions/workflow")
    }

    @Test("redirects and next pages to other protocols or clear text are never requested", arguments: [
        "file:///etc/passwd", "gopher://127.0.0.1:70/x", "dict://127.0.0.1:2628/d:x", "http://example.com/x",
        "ftp://example.com/x",
    ])
    func otherProtocols(_ target: String) {
        let redirect = ScriptedTransport([HTTPResponse(status: 302, headers: ["Location": target])])
        let client = GitHubClient(apiURL: URL(string: "https://api.example.com")!, token: Self.token, transport: redirect)
        guard case .failure(let error) = client.get("/repos/o/r") else {
            Issue.record("a redirect to \(target) was followed")
            return
        }
        #expect(redirect.sent.count == 1)
        #expect(error.description.contains("refused"))

        let page = ScriptedTransport([HTTPResponse(status: 200, headers: ["Link": "<\(target)>; rel=\"next\""], body: Data("[{}]".utf8))])
        let lister = GitHubClient(apiURL: URL(string: "https://api.example.com")!, token: Self.token, transport: page)
        _ = lister.getAll("/orgs/o/repos")
        #expect(page.sent.map(\.url.absoluteString) == ["https://api.example.com/orgs/o/repos"])
    }

    @Test("http on loopback is allowed, elsewhere it is not")
    func permittedURLs() {
        #expect(GitHubClient.isPermitted(URL(string: "http://127.0.0.1:8080/x")!))
        #expect(GitHubClient.isPermitted(URL(string: "http://localhost/x")!))
        #expect(GitHubClient.isPermitted(URL(string: "https://ghe.example.com/api/v3")!))
        #expect(!GitHubClient.isPermitted(URL(string: "http://ghe.example.com/api/v3")!))
        #expect(!GitHubClient.isPermitted(URL(string: "file:///etc/passwd")!))
    }

    @Test("libcurl itself refuses file:// (it would read /dev/zero without end)")
    func curlProtocols() {
        guard case .failure(let error) = CurlTransport().send(HTTPRequest(url: URL(string: "file:///dev/zero")!), timeout: 5) else {
            Issue.record("libcurl read a file:// URL")
            return
        }
        #expect(!error.message.isEmpty)
    }

    @Test("an answer larger than the cap is not read", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func bodyCap() throws {
        let server = try FakeGitHub(python: URL(fileURLWithPath: "/usr/bin/python3"), routes: [:], token: Self.token)
        var transport = CurlTransport()
        transport.maxBodyBytes = 8
        guard case .failure(let error) = transport.send(HTTPRequest(url: URL(string: server.url + "/missing")!), timeout: 10) else {
            Issue.record("a body over the cap was read")
            return
        }
        #expect(error.message.contains("larger than 8 bytes"))
    }
}
