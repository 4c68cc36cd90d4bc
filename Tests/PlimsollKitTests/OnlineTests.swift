import Foundation
import PlimsollCore
@testable import PlimsollKit
import Testing

/// `scan --online` and `org --github-org` against a local stand-in for GitHub's REST API.
@Suite("Online checks against a fake GitHub", .serialized)
struct OnlineTests {
    static let head = "6dcb09b5b57875f334f61aebed695e2e4193db5e"

    /// A unique token per run, so finding it anywhere is a leak, not a coincidence.
    let token = "ghs_test" + UUID().uuidString.replacingOccurrences(of: "-", with: "")

    static let workflow = """
        on:
          push:
            branches: [main]
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v7
                with:
                  push: true
                  tags: ghcr.io/acme/app:latest
          docs:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              packages: write
            steps:
              - uses: docker/build-push-action@v7
                with:
                  push: true
                  tags: ghcr.io/acme/app-docs:latest

        """

    /// Answers shaped after GitHub's OpenAPI description: the repository, its default workflow permissions
    /// (after one rate-limit 403), its default branch, an unlinked package whose versions span two pages, a
    /// package that is a 404, and the owner's packages.
    static func routes(org repositories: [[String: Any]] = []) -> [String: Any] {
        let versions = "/orgs/acme/packages/container/app/versions?per_page=100"
        var routes: [String: Any] = [
            "/repos/acme/app": [
                "body": [
                    "id": 1_296_269, "name": "app", "full_name": "acme/app", "private": false,
                    "owner": ["login": "acme", "type": "Organization"], "default_branch": "main",
                    "archived": false, "fork": false,
                ]
            ],
            "/repos/acme/app/actions/permissions/workflow": [
                "body": ["default_workflow_permissions": "read", "can_approve_pull_request_reviews": false],
                "rate_limit_once": true,
            ],
            // A redirect to another host: followed, but without the token.
            "/repos/acme/app/branches/main": [
                "status": 302, "headers": ["Location": "{elsewhere}/moved/branches/main"],
                "body": ["message": "Moved Permanently"],
            ],
            "/moved/branches/main": [
                "body": ["name": "main", "commit": ["sha": head], "protected": true]
            ],
            "/orgs/acme/packages/container/app": [
                "body": [
                    "id": 197, "name": "app", "package_type": "container", "visibility": "private",
                    "owner": ["login": "acme", "type": "Organization"],
                ],
                "private": true,
            ],
            versions: [
                "body": [["id": 2, "name": "sha256:aa", "metadata": ["package_type": "container", "container": ["tags": ["sha-0a1b2c3"]]]]],
                "headers": ["Link": "<{base}\(versions)&page=2>; rel=\"next\", <{base}\(versions)&page=2>; rel=\"last\""],
                "private": true,
            ],
            versions + "&page=2": [
                "body": [["id": 1, "name": "sha256:bb", "metadata": ["package_type": "container", "container": ["tags": ["latest"]]]]],
                "headers": ["Link": "<{base}\(versions)&page=1>; rel=\"first\", <{base}\(versions)&page=1>; rel=\"prev\""],
                "private": true,
            ],
            "/orgs/acme/packages?package_type=container&per_page=100": [
                "body": [
                    ["id": 198, "name": "app-documentation", "package_type": "container", "visibility": "public",
                     "repository": ["full_name": "acme/app"]],
                    ["id": 197, "name": "app", "package_type": "container", "visibility": "private"],
                ],
                "private": true,
            ],
        ]
        if !repositories.isEmpty {
            let first = "/orgs/acme/repos?type=all&per_page=100"
            routes[first] = [
                "body": Array(repositories.prefix(2)),
                "headers": ["Link": "<{base}\(first)&page=2>; rel=\"next\", <{base}\(first)&page=2>; rel=\"last\""],
            ]
            routes[first + "&page=2"] = ["body": Array(repositories.dropFirst(2))]
        }
        return routes
    }

    /// A checkout of `acme/app` (by its origin remote) with the publishing workflow.
    static func makeRepository(at folder: URL) throws {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
        try Data(workflow.utf8).write(to: folder.appendingPathComponent(".github/workflows/publish.yml"))
        try OrgFixture.commitAll(in: folder, message: "publish")
        _ = try ProcessRunner.git(["remote", "add", "origin", "https://github.com/acme/app.git"], in: folder)
    }

    func environment(token: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_TOKEN"] = token
        environment.removeValue(forKey: "NO_COLOR")
        return environment
    }

    static func findings(_ json: String) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return document?["findings"] as? [[String: Any]] ?? []
    }

    @Test(
        "scan --online reports what GitHub says, retries a rate limit, reuses ETags and never leaks the token",
        .enabled(if: TestPaths.python != nil, "needs PLIMSOLL_PYTHON (make test sets it)"))
    func scanOnline() throws {
        let directory = try TemporaryDirectory()
        let server = try FakeGitHub(python: try #require(TestPaths.python), routes: Self.routes(), token: token)
        let repository = directory.url.appendingPathComponent("app")
        try Self.makeRepository(at: repository)
        let cache = directory.path + "/api-cache"
        let arguments = [
            "scan", "app", "--online", "--api-url", server.url, "--api-cache", cache, "--rate-limit-wait", "5",
            "--format", "json", "--report", "sarif=out.sarif", "--fail-level", "never",
        ]
        let first = try ProcessRunner.plimsoll(arguments, in: directory.url, environment: environment(token: token))
        #expect(first.status == 0, "\(first.stderr)")
        let findings = try Self.findings(first.stdout).filter { ($0["rule"] as? String ?? "").hasPrefix("PL7") }
        let summary = findings.map { "\($0["rule"]!) \($0["severity"]!) \(($0["start"] as? [String: Any])?["line"] ?? 0)" }
        #expect(
            summary.sorted() == [
                "PL701 error 5", "PL702 error 11", "PL702 warning 21", "PL704 warning 11",
            ], "\(findings.map { $0["message"]! })")
        let tagsFinding = findings.first { $0["rule"] as? String == "PL704" }?["message"] as? String ?? ""
        // `latest` is on the second page of versions: found only if pagination was followed.
        #expect(tagsFinding.contains("6dcb09b") && !tagsFinding.contains("'latest'"), "\(tagsFinding)")
        #expect(first.stderr.contains("app-docs: 404 not found"), "\(first.stderr)")
        #expect(first.stderr.contains("read:packages"))

        var requests = try server.requests()
        let workflowPermissions = requests.filter { $0["path"] as? String == "/repos/acme/app/actions/permissions/workflow" }
        #expect(workflowPermissions.map { $0["status"] as? Int } == [403, 200], "the rate-limited request is retried")
        let moved = requests.filter { ($0["path"] as? String ?? "").hasPrefix("/moved/") }
        #expect(!moved.isEmpty && moved.allSatisfy { $0["authorization"] is NSNull }, "no token for another host")
        #expect(
            requests.filter { !($0["path"] as? String ?? "").hasPrefix("/moved/") }
                .allSatisfy { $0["authorization"] as? String == "Bearer \(token)" }, "the token reached the API")

        // Again with the same cache: every answer with an ETag comes back as a 304, and the findings are the same.
        let second = try ProcessRunner.plimsoll(arguments, in: directory.url, environment: environment(token: token))
        #expect(try Self.findings(second.stdout).count == Self.findings(first.stdout).count)
        requests = try server.requests()
        #expect(requests.contains { $0["status"] as? Int == 304 && $0["if_none_match"] is String })

        // The token is nowhere: not in the outputs, the reports or the cache.
        var texts = [first.stdout, first.stderr, second.stdout, second.stderr]
        texts.append(try String(contentsOfFile: directory.path + "/out.sarif", encoding: .utf8))
        let cached = FileManager.default.enumerator(atPath: cache)?.compactMap { $0 as? String } ?? []
        #expect(!cached.isEmpty, "the ETag cache was written")
        for file in cached {
            texts.append(String(decoding: FileManager.default.contents(atPath: cache + "/" + file) ?? Data(), as: UTF8.self))
        }
        for text in texts { #expect(!text.contains(token)) }
    }

    @Test(
        "fix --online pins an outdated pinned action to its latest release's commit, asking GitHub once for all rounds",
        .enabled(if: TestPaths.python != nil, "needs PLIMSOLL_PYTHON (make test sets it)"))
    func fixPinnedOnline() throws {
        let directory = try TemporaryDirectory()
        let commit = "8edcb1bdb4e267140fa742c62e395cd74f332709"
        var routes = Self.routes()
        routes["/repos/actions/checkout/releases/latest"] = ["body": ["tag_name": "v7.0.0", "draft": false]]
        routes["/repos/actions/checkout/commits/v7.0.0"] = ["body": ["sha": commit]]
        let server = try FakeGitHub(python: try #require(TestPaths.python), routes: routes, token: token)
        let repository = directory.url.appendingPathComponent("app")
        try Self.makeRepository(at: repository)
        let pinned = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            + "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        try Data(pinned.utf8).write(to: repository.appendingPathComponent(".github/workflows/test.yml"))
        let arguments = ["fix", "app", "--rule", "PL307", "--online", "--api-url", server.url, "--api-cache", directory.path + "/c"]

        let offline = try ProcessRunner.plimsoll(["fix", "app", "--rule", "PL307", "--dry-run"], in: directory.url, environment: environment(token: nil))
        #expect(offline.status == 0, "offline, a pinned ref has no fix: \(offline.stderr)")

        let fixed = try ProcessRunner.plimsoll(arguments, in: directory.url, environment: environment(token: token))
        #expect(fixed.status == 1, "\(fixed.stderr)")
        let workflow = try String(contentsOf: repository.appendingPathComponent(".github/workflows/test.yml"), encoding: .utf8)
        #expect(workflow.contains("      - uses: actions/checkout@\(commit) # v7.0.0\n"), "\(workflow)")
        #expect(fixed.stderr.contains("pin 'actions/checkout' to v7.0.0 (8edcb1b)"), "\(fixed.stderr)")
        // Every round scanned again; GitHub was asked once.
        let releases = try server.requests().filter { $0["path"] as? String == "/repos/actions/checkout/releases/latest" }
        #expect(releases.count == 1, "\(releases.count) requests for the release")
        #expect(!fixed.stdout.contains(token) && !fixed.stderr.contains(token))
    }

    @Test(
        "without a token, scan --online says so once and behaves as an offline scan",
        .enabled(if: TestPaths.python != nil, "needs PLIMSOLL_PYTHON (make test sets it)"))
    func noToken() throws {
        let directory = try TemporaryDirectory()
        let server = try FakeGitHub(python: try #require(TestPaths.python), routes: Self.routes(), token: token)
        try Self.makeRepository(at: directory.url.appendingPathComponent("app"))
        let offline = try ProcessRunner.plimsoll(["scan", "app", "--format", "json"], in: directory.url, environment: environment(token: nil))
        let online = try ProcessRunner.plimsoll(
            ["scan", "app", "--format", "json", "--online", "--api-url", server.url, "--api-cache", directory.path + "/c"],
            in: directory.url, environment: environment(token: nil))
        #expect(online.status == offline.status)
        #expect(online.stdout == offline.stdout)
        #expect(online.stderr == "plimsoll: note: online checks skipped: no token in GITHUB_TOKEN\n")
        #expect(offline.stderr.isEmpty)
        #expect(try server.requests().isEmpty)
    }

    @Test(
        "org --github-org finds the organisation's repositories page by page and scans them online",
        .enabled(if: TestPaths.python != nil, "needs PLIMSOLL_PYTHON (make test sets it)"))
    func orgDiscovery() throws {
        let directory = try TemporaryDirectory()
        let sources = directory.url.appendingPathComponent("sources")
        var listed: [[String: Any]] = []
        for (name, archived, fork) in [("app", false, false), ("old", true, false), ("fork", false, true), ("web", false, false)] {
            let folder = sources.appendingPathComponent(name)
            try Self.makeRepository(at: folder)
            listed.append([
                "id": listed.count + 1, "name": name, "full_name": "acme/\(name)", "clone_url": "file://" + folder.path,
                "archived": archived, "fork": fork, "default_branch": "main", "owner": ["login": "acme", "type": "Organization"],
            ])
        }
        let server = try FakeGitHub(
            python: try #require(TestPaths.python), routes: Self.routes(org: listed), token: token)
        func run(_ extra: [String], output: String) throws -> (ProcessOutput, [String: [String: Int]]) {
            let result = try ProcessRunner.plimsoll(
                ["org", "--github-org", "acme", "--api-url", server.url, "--api-cache", directory.path + "/api",
                 "--cache", directory.path + "/git", "--output", output, "--quiet", "--rate-limit-wait", "5"] + extra,
                in: directory.url, environment: environment(token: token))
            var rules: [String: [String: Int]] = [:]
            let lines = (try? String(contentsOfFile: directory.path + "/" + output + "/summary.jsonl", encoding: .utf8)) ?? ""
            for line in lines.split(separator: "\n") {
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                rules[record?["repo"] as? String ?? ""] = record?["rules"] as? [String: Int] ?? [:]
            }
            return (result, rules)
        }
        let (plain, repos) = try run([], output: "out")
        #expect(plain.status == 0, "\(plain.stderr)")
        func matrixHeader(_ output: String) throws -> String {
            try String(contentsOfFile: directory.path + "/" + output + "/matrix.csv", encoding: .utf8)
                .components(separatedBy: "\r\n")[0]
        }
        // An offline run does not call the ONLINE family compliant: it has no column.
        #expect(try !matrixHeader("out").contains("ONLINE"))
        #expect(repos.keys.sorted() == ["app", "web"], "archived repositories and forks are left out")
        let (online, onlineRepos) = try run(["--online", "--include-archived", "--include-forks"], output: "out-online")
        #expect(online.status == 0, "\(online.stderr)")
        #expect(onlineRepos.keys.sorted() == ["app", "fork", "old", "web"])
        #expect(try matrixHeader("out-online").hasSuffix(",ONLINE"))
        // `acme/app` is known to the fake GitHub; the others' answers are 404s and say so in notes.
        #expect(onlineRepos["app"]?["PL701"] == 1 && onlineRepos["app"]?["PL702"] == 2, "\(onlineRepos["app"] ?? [:])")
        #expect(online.stderr.contains("acme/web: GET /repos/acme/web: 404 not found"), "\(online.stderr)")
        let paged = try server.requests().filter { ($0["path"] as? String ?? "").hasPrefix("/orgs/acme/repos") }
        #expect(paged.contains { ($0["path"] as? String ?? "").hasSuffix("page=2") }, "the Link header was followed")
        for text in [plain.stdout, plain.stderr, online.stdout, online.stderr] { #expect(!text.contains(token)) }
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        for file in files {
            let data = FileManager.default.contents(atPath: directory.path + "/" + file) ?? Data()
            #expect(!String(decoding: data, as: UTF8.self).contains(token), "\(file)")
        }
    }
}
