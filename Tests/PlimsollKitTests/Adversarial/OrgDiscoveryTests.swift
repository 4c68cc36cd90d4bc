import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attack 17: `org --github-org` fetched whatever `clone_url` the API answer named (a local path,
/// `file://`), and one name listed twice aborted the whole run.
@Suite("Adversarial: org discovery")
struct OrgDiscoveryTests {
    static func item(_ name: String, _ cloneURL: String) -> [String: Any] {
        ["name": name, "full_name": "acme/\(name)", "clone_url": cloneURL, "archived": false, "fork": false]
    }

    private func discover(api: String, _ items: [[String: Any]]) throws -> OrgDiscovery.Discovered {
        let body = try JSONSerialization.data(withJSONObject: items)
        let transport = ScriptedTransport([HTTPResponse(status: 200, body: body)])
        let client = GitHubClient(apiURL: URL(string: api)!, token: nil, transport: transport)
        guard case .success(let discovered) = OrgDiscovery.repositories(org: "acme", client: client) else {
            throw FixtureError(message: "discovery failed")
        }
        return discovered
    }

    @Test("only https clone URLs are fetched; the others are noted")
    func cloneURLs() throws {
        let discovered = try discover(api: "https://api.example.com", [
            Self.item("good", "https://github.com/acme/good.git"),
            Self.item("local", "/home/runner/.ssh"),
            Self.item("file", "file:///etc"),
            Self.item("clear", "http://example.com/acme/clear.git"),
            Self.item("ext", "ext::sh -c touch% /tmp/pwned"),
        ])
        #expect(discovered.repositories.map(\.name) == ["good"])
        #expect(discovered.notes.count == 4)
        #expect(discovered.notes.allSatisfy { $0.contains("is not https") })
    }

    @Test("a name listed twice is scanned once and noted; the run goes on")
    func duplicates() throws {
        let discovered = try discover(api: "https://api.example.com", [
            Self.item("app", "https://github.com/acme/app.git"),
            Self.item("app", "https://github.com/other/app.git"),
            Self.item("web", "https://github.com/acme/web.git"),
        ])
        #expect(discovered.repositories.map(\.name) == ["app", "web"])
        if case .remote(let url, _) = discovered.repositories.first?.location { #expect(url == "https://github.com/acme/app.git") }
        #expect(discovered.notes == ["acme/app: not scanned: another listed repository has the name 'app'"])
    }

    @Test("a local API (a test server the user runs) may name local clones")
    func localAPI() throws {
        let discovered = try discover(api: "http://127.0.0.1:8080", [Self.item("app", "file:///srv/mirror/app")])
        #expect(discovered.repositories.map(\.name) == ["app"])
    }
}
