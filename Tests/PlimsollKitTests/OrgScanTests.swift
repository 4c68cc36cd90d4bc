import Foundation
import PlimsollCore
@testable import PlimsollKit
import Testing

/// `plimsoll org` and `plimsoll merge` on 23 local git repositories fetched through `file://` URLs.
@Suite("Org-wide scans")
struct OrgScanTests {
    @Test("every repository gets the right result, and broken ones do not stop the batch")
    func perRepositoryResults() throws {
        let fixture = try OrgFixture()
        let output = fixture.directory.path + "/out"
        let summary = try fixture.runner(output: output, cache: fixture.directory.path + "/cache").run()
        #expect(summary.total == fixture.kinds.count)
        #expect(summary.errored == 2)
        let records = Dictionary(uniqueKeysWithValues: try OrgOutput.readSummary(in: output).map { ($0.repo, $0) })
        #expect(records.count == fixture.kinds.count)
        for (name, kind) in fixture.kinds {
            let record = try #require(records[name], "\(name) has no record")
            switch kind {
            case .cloneFails:
                #expect(record.status == .errored)
                #expect(record.commit == nil)
                #expect(record.reason?.hasPrefix("git fetch failed:") == true, "\(record.reason ?? "")")
                #expect(record.families.values.allSatisfy { $0 == .errored })
                continue
            case .badConfig:
                #expect(record.status == .errored)
                #expect(record.reason?.hasPrefix(".plimsoll.yml:2:1: invalid YAML") == true, "\(record.reason ?? "")")
                #expect(record.sarif == nil)
            case .rootLayout:
                // The layout is right; the fixture has no publish workflow, which other families report.
                #expect(record.status == .ok)
                #expect(record.families["STRUCTURE"] == .compliant, "\(name): \(record.families)")
                #expect(record.rules["PL101"] == nil && record.rules["PL102"] == nil, "\(name): \(record.rules)")
            case .compliant:
                #expect(record.status == .ok)
                #expect(record.state == .compliant)
                #expect(record.families.values.allSatisfy { $0 == .compliant }, "\(name): \(record.families)")
                #expect(record.findingCount == 0)
            case .violating, .wrongCase:
                #expect(record.state == .failing, "\(name)")
                #expect(record.families["STRUCTURE"] == .failing, "\(name)")
                #expect(record.families["SYNTAX"] == .compliant, "\(name)")
                #expect(record.rules["PL101"] == 1, "\(name): \(record.rules)")
            case .brokenWorkflow:
                #expect(record.families["SYNTAX"] == .failing, "\(name): \(record.rules)")
                #expect(record.families["STRUCTURE"] == .compliant)
                #expect(record.rules["PL002"] == 1, "\(name): \(record.rules)")
            case .missingDockerfile:
                // The standard does not apply: its findings are kept, but it is neither failing nor compliant.
                #expect(record.state == .notApplicable)
                #expect(record.applies == false)
                #expect(record.families["STRUCTURE"] == .failing)
                #expect(record.rules["PL101"] == 1, "\(name): \(record.rules)")
            }
            #expect(record.commit == (try fixture.head(of: name)), "\(name)")
            #expect(record.url.hasPrefix("file://"))
            if let sarif = record.sarif {
                let data = try #require(FileManager.default.contents(atPath: output + "/" + sarif))
                let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let run = try #require((log["runs"] as? [[String: Any]])?.first)
                #expect((run["results"] as? [Any])?.count == record.findingCount, "\(name)")
                #expect(run["originalUriBaseIds"] == nil, "no runner path may leak into a per-repository SARIF file")
            }
        }
        let matrix = try String(contentsOfFile: output + "/matrix.csv", encoding: .utf8)
        #expect(matrix.hasPrefix("repo,url,commit,status,SYNTAX,STRUCTURE"))
        #expect(matrix.contains("\r\n\"comma, \"\"quoted\"\"\",file://"))
        #expect(matrix.contains("\r\nmissing-remote,file://"))
        #expect(matrix.components(separatedBy: "\r\n").count == fixture.kinds.count + 2)
    }

    @Test("a second run skips unchanged repositories and rescans changed commits and policies")
    func resume() throws {
        let fixture = try OrgFixture()
        let output = fixture.directory.path + "/out"
        let cache = fixture.directory.path + "/cache"
        _ = try fixture.runner(output: output, cache: cache).run()
        let first = try String(contentsOfFile: output + "/summary.jsonl", encoding: .utf8)

        let again = RecordingProgress()
        _ = try fixture.runner(output: output, cache: cache).run(progress: again)
        // Only the repository that could not be fetched has no commit to compare, so it is tried again.
        #expect(again.rescanned == ["missing-remote"])
        #expect(again.reused.count == fixture.kinds.count - 1)
        #expect(try String(contentsOfFile: output + "/summary.jsonl", encoding: .utf8) == first)

        // A new commit in one repository rescans that one alone.
        let changed = fixture.folder(of: "compliant-03")
        try Data("FROM alpine:3.20\n".utf8).write(to: changed.appendingPathComponent("Dockerfile"))
        try OrgFixture.commitAll(in: changed, message: "a Dockerfile at the root")
        let afterCommit = RecordingProgress()
        _ = try fixture.runner(output: output, cache: cache).run(progress: afterCommit)
        #expect(afterCommit.rescanned == ["compliant-03", "missing-remote"])
        let record = try #require(try OrgOutput.readSummary(in: output).first { $0.repo == "compliant-03" })
        #expect(record.commit == (try fixture.head(of: "compliant-03")))

        // A different central policy changes every repository's effective configuration.
        let afterPolicy = RecordingProgress()
        _ = try fixture.runner(output: output, cache: cache, policy: "rules:\n  PL102: off\n").run(progress: afterPolicy)
        #expect(afterPolicy.rescanned.count == fixture.kinds.count)
        #expect(try OrgOutput.readSummary(in: output).allSatisfy { $0.rules["PL102"] == nil })
    }

    @Test("a run interrupted half way resumes from the journal")
    func interruptedRun() throws {
        let fixture = try OrgFixture()
        let output = fixture.directory.path + "/out"
        let cache = fixture.directory.path + "/cache"
        _ = try fixture.runner(output: output, cache: cache).run()
        // Keep the first ten journal lines and tear the eleventh, as a killed run would leave them.
        let journal = try String(contentsOfFile: output + "/state.jsonl", encoding: .utf8).split(separator: "\n")
        let torn = journal.prefix(10).joined(separator: "\n") + "\n" + journal[10].prefix(20)
        try Data(torn.utf8).write(to: URL(fileURLWithPath: output + "/state.jsonl"))
        let progress = RecordingProgress()
        _ = try fixture.runner(output: output, cache: cache).run(progress: progress)
        #expect(progress.reused.count == 10 - (journal.prefix(10).contains { $0.contains("missing-remote") } ? 1 : 0))
        #expect(try OrgOutput.readSummary(in: output).count == fixture.kinds.count)
    }

    @Test("shards 1/3, 2/3 and 3/3 merged equal the unsharded run byte for byte")
    func shardsMerge() throws {
        let fixture = try OrgFixture()
        let cache = fixture.directory.path + "/cache"
        let whole = fixture.directory.path + "/whole"
        _ = try fixture.runner(output: whole, cache: cache).run()
        var shardOutputs: [String] = []
        var seen: [String] = []
        for index in 1...3 {
            let output = fixture.directory.path + "/shard-\(index)"
            let runner = try fixture.runner(output: output, cache: cache, shard: try OrgShard(index: index, count: 3))
            _ = try runner.run()
            seen += try OrgOutput.readSummary(in: output).map(\.repo)
            shardOutputs.append(output)
        }
        #expect(seen.sorted() == fixture.kinds.map(\.name).sorted(), "the shards cover every repository once")
        let merged = fixture.directory.path + "/merged"
        _ = try OrgMerge.merge(shardOutputs, into: merged)
        #expect(try files(in: merged) == files(in: whole))
        for name in try files(in: whole) {
            let expected = try Data(contentsOf: URL(fileURLWithPath: whole + "/" + name))
            let actual = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + name))
            #expect(expected == actual, "\(name) differs")
        }
    }

    @Test("merging two different results for one repository is an error")
    func conflictingShards() throws {
        let fixture = try OrgFixture()
        let cache = fixture.directory.path + "/cache"
        let one = fixture.directory.path + "/one"
        let two = fixture.directory.path + "/two"
        _ = try fixture.runner(output: one, cache: cache).run()
        _ = try fixture.runner(output: two, cache: cache, policy: "rules:\n  PL102: off\n").run()
        #expect(throws: OrgError.self) { try OrgMerge.merge([one, two], into: fixture.directory.path + "/merged") }
    }

    @Test("the dashboard shows a hostile repository name as text")
    func dashboardEscaping() throws {
        let fixture = try OrgFixture()
        let output = fixture.directory.path + "/out"
        _ = try fixture.runner(output: output, cache: fixture.directory.path + "/cache").run()
        let html = try String(contentsOfFile: output + "/dashboard.html", encoding: .utf8)
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("comma, \"quoted\""))
        #expect(!html.contains("http://") && !html.contains("src=\"http"), "the page loads nothing")
        #expect(html.contains("Worst offenders") && html.contains("Most common rules"))
        let rulePage = try String(contentsOfFile: output + "/pages/rules/PL101.html", encoding: .utf8)
        #expect(rulePage.contains("rules/PL101.md"), "a rule's page links to its documentation")
        #expect(html.contains("href=\"pages/rules/PL101.html\""), "the ranking links to the rule's page")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: output + "/pages").filter { $0.hasSuffix(".html") }
        for page in pages {
            let text = try String(contentsOfFile: output + "/pages/" + page, encoding: .utf8)
            #expect(!text.contains("<img"), "\(page)")
        }
        #expect(pages.contains { (try? String(contentsOfFile: output + "/pages/" + $0, encoding: .utf8))?.contains("&lt;img src=x onerror=alert(1)&gt;") == true })
    }

    @Test(
        "the dashboard opens in headless Chromium without console errors",
        .enabled(
            if: ProcessInfo.processInfo.environment["PLIMSOLL_CHROMIUM"] != nil,
            "set PLIMSOLL_CHROMIUM to a Chromium binary (make dashboard-check) to open the dashboard in a browser"))
    func dashboardInChromium() throws {
        let chromium = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PLIMSOLL_CHROMIUM"]!)
        let fixture = try OrgFixture()
        let output = fixture.directory.path + "/out"
        _ = try fixture.runner(output: output, cache: fixture.directory.path + "/cache").run()
        let page = URL(fileURLWithPath: output + "/dashboard.html").absoluteString
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=" + fixture.directory.path + "/chromium-profile", "--enable-logging=stderr", "--v=0",
        ]
        let dom = try ProcessRunner.run(chromium, common + ["--dump-dom", page])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is text in the rendered DOM")
        #expect(!dom.stdout.contains("<img"), "no image element was created")
        let consoleErrors = dom.stderr.split(separator: "\n").filter {
            $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("Refused to")
        }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        let screenshotPath = ProcessInfo.processInfo.environment["PLIMSOLL_SCREENSHOT"]
            ?? fixture.directory.path + "/dashboard.png"
        let shot = try ProcessRunner.run(
            chromium, common + ["--screenshot=" + screenshotPath, "--window-size=1400,1800", "--hide-scrollbars", page])
        #expect(shot.status == 0, "\(shot.stderr)")
        #expect(FileManager.default.fileExists(atPath: screenshotPath))
    }

    @Test("manifests: YAML and TSV, default names from URLs, and errors with a line")
    func manifests() throws {
        let yaml = try OrgManifest.parseYAML(
            SourceFile(
                path: "repos.yml",
                text: """
                    repos:
                      - https://example.com/org/app.git
                      - url: https://token:secret@example.com/org/api.git
                        ref: release
                        name: api-service
                    """))
        #expect(yaml.map(\.name) == ["app", "api-service"])
        #expect(yaml[1].location == .remote(url: "https://token:secret@example.com/org/api.git", ref: "release"))
        #expect(yaml[1].displayURL == "https://example.com/org/api.git", "credentials never reach the results")
        let tsv = try OrgManifest.parseTSV(
            SourceFile(path: "repos.tsv", text: "# url\tref\tname\nfile:///srv/a.git\n\nfile:///srv/b\tmain\tbee\n"))
        #expect(tsv.map(\.name) == ["a", "bee"])
        #expect(tsv[1].location == .remote(url: "file:///srv/b", ref: "main"))
        #expect(throws: OrgError.manifest(path: "r.tsv", line: 1, reason: "a URL cannot start with '-'")) {
            try OrgManifest.parseTSV(SourceFile(path: "r.tsv", text: "--upload-pack=touch /tmp/x\n"))
        }
        #expect(throws: OrgError.manifest(path: "r.tsv", line: 1, reason: "invalid ref 'main:refs/heads/x'")) {
            try OrgManifest.parseTSV(SourceFile(path: "r.tsv", text: "file:///a\tmain:refs/heads/x\n"))
        }
        #expect(throws: OrgError.duplicateName("app")) {
            try OrgManifest.parseTSV(SourceFile(path: "r.tsv", text: "file:///a/app.git\nfile:///b/app\n"))
        }
        #expect(throws: OrgError.self) {
            try OrgManifest.parseYAML(SourceFile(path: "r.yml", text: "repos:\n  - {url: x, branch: main}\n"))
        }
    }

    @Test("shards: parsing, and every repository in exactly one shard", arguments: [1, 2, 3, 7])
    func shards(count: Int) throws {
        let repositories = (0..<200).map { OrgRepository(name: "r\($0)", location: .remote(url: "file:///r\($0)", ref: nil)) }
        let shards = try (1...count).map { try OrgShard(index: $0, count: count) }
        for repository in repositories {
            #expect(shards.count { $0.contains(repository) } == 1)
        }
        if count > 1 { #expect(shards.allSatisfy { shard in repositories.contains(where: shard.contains) }) }
        #expect(try OrgShard(parsing: "2/3") == OrgShard(index: 2, count: 3))
        #expect(throws: OrgError.badShard("0/3")) { try OrgShard(parsing: "0/3") }
        #expect(throws: OrgError.badShard("4/3")) { try OrgShard(parsing: "4/3") }
        #expect(throws: OrgError.badShard("x")) { try OrgShard(parsing: "x") }
    }

    @Test("the CLI: org over checkouts, merge, and usage errors")
    func commandLine() throws {
        let directory = try TemporaryDirectory()
        let checkouts = directory.url.appendingPathComponent("checkouts")
        for (name, kind) in [("good", OrgFixture.Kind.compliant), ("bad", .violating), ("broken", .badConfig)] {
            try OrgFixture.populate(checkouts.appendingPathComponent(name), kind: kind)
        }
        try OrgFixture.commitAll(in: checkouts.appendingPathComponent("good"), message: "initial")
        let run = try ProcessRunner.plimsoll(["org", "--checkouts", "checkouts", "--output", "out"], in: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("3 repositories: 1 compliant, 1 failing, 0 not applicable, 1 errored"), "\(run.stderr)")
        #expect(run.stderr.contains("[1/3] errored   bad") == false)
        let records = try OrgOutput.readSummary(in: directory.path + "/out")
        #expect(records.map(\.repo) == ["bad", "broken", "good"])
        #expect(records.map(\.url) == ["checkouts/bad", "checkouts/broken", "checkouts/good"])
        #expect(records[2].commit != nil && records[0].commit == nil, "a work tree has a commit, a plain folder none")
        let merge = try ProcessRunner.plimsoll(["merge", "--output", "merged", "out"], in: directory.url)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(
            try Data(contentsOf: directory.url.appendingPathComponent("merged/dashboard.html"))
                == Data(contentsOf: directory.url.appendingPathComponent("out/dashboard.html")))
        // --history DIR: earlier runs' folders, oldest first by name; --label names this run.
        try FileManager.default.createDirectory(atPath: directory.path + "/earlier", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory.path + "/out", toPath: directory.path + "/earlier/2026-01-01")
        let withHistory = try ProcessRunner.plimsoll(
            ["org", "--checkouts", "checkouts", "--output", "again", "--history", "earlier", "--label", "next week"],
            in: directory.url)
        #expect(withHistory.status == 0, "\(withHistory.stderr)")
        let history = try OrgHistory.read(in: directory.path + "/again")
        #expect(history.map(\.label) == ["2026-01-01", "next week"])
        #expect(history.map(\.repos.count) == [3, 3])
        #expect(try ProcessRunner.plimsoll(["org", "--checkouts", "checkouts", "--output", "x", "--history", "nowhere"], in: directory.url).status == 2)
        #expect(try ProcessRunner.plimsoll(["org", "--output", "x"], in: directory.url).status == 2)
        #expect(try ProcessRunner.plimsoll(["org", "--manifest", "m.yml", "--output", "x"], in: directory.url).status == 2)
        #expect(try ProcessRunner.plimsoll(["org", "--checkouts", "checkouts", "--output", "x", "--shard", "3/2"], in: directory.url).status == 2)
        #expect(try ProcessRunner.plimsoll(["merge", "--output", "x", "nowhere"], in: directory.url).status == 2)
    }

    private func files(in directory: String) throws -> [String] {
        let top = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "sarif" && $0 != "pages" }
        let sarif = try FileManager.default.contentsOfDirectory(atPath: directory + "/sarif").map { "sarif/" + $0 }
        let pages = try FileManager.default.subpathsOfDirectory(atPath: directory + "/pages")
            .filter { $0.hasSuffix(".html") }.map { "pages/" + $0 }
        return (top + sarif + pages).sorted()
    }
}
