import Foundation
import PlimsollCore
import WorkflowModel
@testable import PlimsollKit
import Testing

/// Answers from a script, records what was sent; no network, no real time.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [HTTPResponse]
    private(set) var sent: [HTTPRequest] = []

    init(_ script: [HTTPResponse]) { self.script = script }

    func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError> {
        lock.lock()
        defer { lock.unlock() }
        sent.append(request)
        guard !script.isEmpty else { return .failure(HTTPTransportError("connection refused")) }
        return .success(script.removeFirst())
    }
}

/// Records the waits a client asks for instead of sleeping.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []
    var waits: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
    func sleep(_ seconds: Double) {
        lock.lock()
        recorded.append(seconds)
        lock.unlock()
    }
}

@Suite("GitHub client")
struct GitHubClientTests {
    static let api = URL(string: "https://api.github.com")!

    static func json(_ status: Int, _ body: String, _ headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    func client(_ transport: ScriptedTransport, sleeper: SleepRecorder, now: Double = 1_000) -> GitHubClient {
        var client = GitHubClient(apiURL: Self.api, token: "ghp_secret123", transport: transport)
        client.now = { now }
        client.sleep = { sleeper.sleep($0) }
        client.maxWait = 10
        return client
    }

    @Test("libcurl's header block: the last response's fields, names lowercased, first of a repeated field")
    func curlHeaderBlock() {
        let raw = "HTTP/1.1 200 Connection established\r\nProxy-Agent: squid\r\n\r\n"
            + "HTTP/2 304\r\nETag: W/\"abc\"\r\nLink: <https://api.github.com/x?page=2>; rel=\"next\"\r\n"
            + "X-RateLimit-Remaining:  42 \r\nx-ratelimit-remaining: 7\r\n\r\n"
        #expect(
            CurlTransport.headers(raw) == [
                "etag": "W/\"abc\"", "link": "<https://api.github.com/x?page=2>; rel=\"next\"",
                "x-ratelimit-remaining": "42",
            ])
    }

    @Test("libcurl reports a refused connection as a transport error, not a crash")
    func curlRefused() throws {
        // Port 9 (discard) on loopback: nothing listens there in a test environment.
        let result = CurlTransport().send(HTTPRequest(url: try #require(URL(string: "http://127.0.0.1:9/"))), timeout: 5)
        guard case .failure(let error) = result else {
            Issue.record("expected a transport error, got \(result)")
            return
        }
        #expect(!error.message.isEmpty)
    }

    @Test("Link headers: next, last and several relations")
    func linkHeader() {
        let value = #"<https://api.github.com/orgs/a/repos?page=2>; rel="next", <https://api.github.com/orgs/a/repos?page=5>; rel="last""#
        #expect(LinkHeader.parse(value) == [
            "next": "https://api.github.com/orgs/a/repos?page=2", "last": "https://api.github.com/orgs/a/repos?page=5",
        ])
        #expect(LinkHeader.next(#"<https://x/?page=1>; rel="prev first""#) == nil)
        #expect(LinkHeader.parse(#"<https://x/?page=1>; rel="prev first""#)["first"] == "https://x/?page=1")
        #expect(LinkHeader.next(nil) == nil)
        #expect(LinkHeader.next("garbage") == nil)
    }

    @Test("the redactor masks the token wherever it appears")
    func redaction() {
        let redact = TokenRedactor(["ghp_secret123", nil])
        #expect(redact("Bearer ghp_secret123 and ghp_secret123x") == "Bearer [redacted] and [redacted]x")
        #expect(TokenRedactor([nil])("nothing to hide") == "nothing to hide")
    }

    @Test("the token goes to the API origin only, never with a redirect to another host")
    func tokenStaysOnOrigin() {
        let transport = ScriptedTransport([
            Self.json(301, "", ["Location": "https://api.github.com/repositories/1"]),
            Self.json(302, "", ["Location": "https://objects.example.net/blob"]),
            Self.json(200, "{}"),
        ])
        let result = client(transport, sleeper: SleepRecorder()).get("/repos/acme/app")
        #expect((try? result.get()) != nil)
        #expect(transport.sent.map { $0.headers["Authorization"] } == ["Bearer ghp_secret123", "Bearer ghp_secret123", nil])
        #expect(transport.sent.last?.url.host == "objects.example.net")
    }

    @Test("a primary rate limit waits until the reset, within the budget")
    func rateLimitWaits() {
        let sleeper = SleepRecorder()
        let transport = ScriptedTransport([
            Self.json(403, #"{"message": "API rate limit exceeded"}"#, ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1003"]),
            Self.json(429, "{}", ["Retry-After": "2"]),
            Self.json(200, #"{"ok": true}"#),
        ])
        let result = client(transport, sleeper: sleeper).get("/x")
        #expect((try? result.get()) != nil)
        #expect(sleeper.waits.count == 2 && abs(sleeper.waits[0] - 3.1) < 0.01 && sleeper.waits[1] == 2)
    }

    @Test("a rate limit beyond the budget fails with the reset time, without waiting")
    func rateLimitGivesUp() {
        let sleeper = SleepRecorder()
        let transport = ScriptedTransport([
            Self.json(403, #"{"message": "API rate limit exceeded"}"#, ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4600"])
        ])
        let result = client(transport, sleeper: sleeper).get("/x")
        guard case .failure(let error) = result else { Issue.record("expected a failure"); return }
        #expect(error.kind == .rateLimited(reset: 4600))
        #expect(error.description == "GET /x: rate limited by GitHub until 01:16:40 UTC, beyond the time Plimsoll may wait (--rate-limit-wait)")
        #expect(sleeper.waits.isEmpty)
    }

    @Test("a secondary rate limit and a 502 are retried with bounded backoff")
    func secondaryAndServerErrors() {
        let sleeper = SleepRecorder()
        let transport = ScriptedTransport([
            Self.json(502, "{}"), Self.json(502, "{}"), Self.json(200, "[]"),
        ])
        #expect((try? client(transport, sleeper: sleeper).get("/x").get()) != nil)
        #expect(sleeper.waits == [1, 2])
        let secondary = ScriptedTransport([
            Self.json(403, #"{"message": "You have exceeded a secondary rate limit."}"#)
        ])
        // 60 s is beyond this client's 10 s budget: it fails instead of waiting.
        guard case .failure(let error) = client(secondary, sleeper: sleeper).get("/x") else { Issue.record(); return }
        #expect(error.kind == .rateLimited(reset: nil))
    }

    @Test("401, 403 and 404 say what to do, with the token redacted")
    func errors() {
        let transport = ScriptedTransport([
            Self.json(401, #"{"message": "Bad credentials"}"#),
            Self.json(403, #"{"message": "Resource not accessible by integration ghp_secret123"}"#),
            Self.json(404, #"{"message": "Not Found"}"#),
        ])
        let client = client(transport, sleeper: SleepRecorder())
        let messages = (0..<3).map { _ -> String in
            if case .failure(let error) = client.get("/orgs/acme/packages/container/app") { return error.description }
            return ""
        }
        #expect(messages[0].contains("401 unauthorized: GitHub rejected the token"))
        #expect(messages[1].contains("403 forbidden (Resource not accessible by integration [redacted])"))
        #expect(messages[2] == "GET /orgs/acme/packages/container/app: 404 not found: it does not exist, or the token may not see it")
        #expect(!messages.joined().contains("ghp_secret123"))
    }

    @Test("lists follow Link: rel=next; ETags are revalidated from the cache")
    func paginationAndCache() throws {
        let directory = try TemporaryDirectory()
        let cache = ResponseCache(directory: directory.path)
        let transport = ScriptedTransport([
            Self.json(200, #"[{"n": 1}]"#, ["Link": #"<https://api.github.com/x?page=2>; rel="next""#, "ETag": "\"a\""]),
            Self.json(200, #"[{"n": 2}]"#),
            Self.json(304, ""),
            Self.json(200, #"[{"n": 2}]"#),
        ])
        var client = client(transport, sleeper: SleepRecorder())
        client.cache = cache
        #expect(try client.getAll("/x").get().map { $0["n"] as? Int } == [1, 2])
        #expect(try client.getAll("/x").get().map { $0["n"] as? Int } == [1, 2])
        #expect(transport.sent[2].headers["If-None-Match"] == "\"a\"")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1)
        let stored = String(decoding: FileManager.default.contents(atPath: directory.path + "/" + files[0])!, as: UTF8.self)
        #expect(!stored.contains("ghp_secret123"))
    }

    @Test("a personal account's packages are asked at /users, with the name's slash encoded")
    func userPackages() {
        let facts = GitHubFactsCollector(
            client: GitHubClient(
                apiURL: FixtureTransport.apiURL, token: nil,
                transport: FixtureTransport([
                    GitHubAnswer("/repos/acme/app", #"{"default_branch": "main", "owner": {"type": "User"}}"#),
                    GitHubAnswer("/users/acme/packages/container/tools%2Fapp", #"{"name": "tools/app", "visibility": "public", "repository": {"full_name": "acme/app"}}"#),
                ]))
        ).facts(for: GitHubRepository(owner: "acme", name: "app"), packages: ["tools/app"], actions: [], pinnedActions: [])
        #expect(facts.packages["tools/app"]?.value?.linkedRepository == "acme/app")
        #expect(facts.workflowPermission == .notFound)
    }
}

@Suite("GitHub facts collector")
struct GitHubFactsCollectorTests {
    @Test("a rejected token is one note, not one per request")
    func unauthorizedOnce() {
        let transport = ScriptedTransport([
            GitHubClientTests.json(401, #"{"message": "Bad credentials"}"#),
            GitHubClientTests.json(401, #"{"message": "Bad credentials"}"#),
        ])
        let client = GitHubClient(apiURL: GitHubClientTests.api, token: "ghp_wrong_token", transport: transport)
        let facts = GitHubFactsCollector(client: client)
            .facts(for: GitHubRepository(owner: "acme", name: "app"), packages: ["app"], actions: [], pinnedActions: [])
        #expect(transport.sent.count == 1)
        #expect(facts.notes == ["GET /repos/acme/app: 401 unauthorized: GitHub rejected the token (wrong, expired or revoked)"])
        if case .unavailable = facts.packages["app"] {} else { Issue.record("expected the package to be unavailable") }
    }
}

@Suite("Action releases online")
struct ActionReleaseTests {
    @Test(arguments: [("v7.0.1", 7), ("7.2.0", 7), ("V4", 4), ("release-1", nil), ("v", nil), ("v123456", nil)] as [(String, Int?)])
    func majorOfTag(tag: String, major: Int?) {
        #expect(ActionReference.leadingMajor(of: tag) == major)
    }

    @Test("the latest release of each action asked for becomes its major; a failed request is a note")
    func latestReleases() {
        let transport = FixtureTransport([
            GitHubAnswer("/repos/acme/app", #"{"default_branch": "main", "owner": {"type": "Organization"}}"#),
            GitHubAnswer("/repos/actions/checkout/releases/latest", #"{"tag_name": "v8.0.0"}"#),
        ])
        let facts = GitHubFactsCollector(client: GitHubClient(apiURL: FixtureTransport.apiURL, token: nil, transport: transport))
            .facts(
                for: GitHubRepository(owner: "acme", name: "app"), packages: [], actions: ["actions/checkout", "docker/login-action"],
                pinnedActions: [])
        #expect(facts.actionMajors == ["actions/checkout": 8])
        #expect(facts.actionReleases.isEmpty, "a release's commit is asked only for a pinned action")
        #expect(facts.notes.contains { $0.contains("/repos/docker/login-action/releases/latest") })
    }

    @Test("for an action pinned to a commit, the commit of its latest release's tag; an answer that is not a commit ID is not taken")
    func pinnedReleaseCommits() {
        let transport = FixtureTransport([
            GitHubAnswer("/repos/acme/app", #"{"default_branch": "main", "owner": {"type": "Organization"}}"#),
            GitHubAnswer("/repos/actions/checkout/releases/latest", #"{"tag_name": "v8.0.0"}"#),
            GitHubAnswer("/repos/actions/checkout/commits/v8.0.0", #"{"sha": "8edcb1bdb4e267140fa742c62e395cd74f332709"}"#),
            GitHubAnswer("/repos/docker/login-action/releases/latest", #"{"tag_name": "v4.1.0"}"#),
            GitHubAnswer("/repos/docker/login-action/commits/v4.1.0", #"{"sha": "main; curl evil"}"#),
        ])
        let facts = GitHubFactsCollector(client: GitHubClient(apiURL: FixtureTransport.apiURL, token: nil, transport: transport))
            .facts(
                for: GitHubRepository(owner: "acme", name: "app"), packages: [], actions: ["actions/checkout", "docker/login-action"],
                pinnedActions: ["actions/checkout", "docker/login-action"])
        #expect(facts.actionReleases == [
            "actions/checkout": OnlineFacts.ActionRelease(tag: "v8.0.0", commit: "8edcb1bdb4e267140fa742c62e395cd74f332709")
        ])
    }
}
