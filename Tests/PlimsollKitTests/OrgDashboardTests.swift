import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 25: the dashboard's states, rankings, drill-downs, links, suppressions, history, filters' data,
/// ownership, org-only checks and size, on records and findings built here (no repository is scanned).
@Suite("Org dashboard")
struct OrgDashboardTests {
    static let commit = String(repeating: "a1", count: 20)

    static func record(
        _ repo: String, state: OrgRecord.State = .compliant, rules: [String: Int] = [:], severities: [String: Int] = [:],
        failing: [String] = [], team: String? = nil, gitHub: String? = nil
    ) -> OrgRecord {
        var families = Dictionary(uniqueKeysWithValues: OrgRecord.families.map { ($0.rawValue, OrgRecord.Compliance.compliant) })
        for family in failing { families[family] = .failing }
        var record = OrgRecord(
            repo: repo, url: "https://github.com/acme/" + repo, commit: commit, status: state == .errored ? .errored : .ok,
            reason: state == .errored ? "git fetch failed: nope" : nil, policy: "p", sarif: "sarif/\(repo).sarif",
            filesScanned: 3, rules: rules, severities: severities, families: families)
        record.applies = state != .notApplicable
        record.team = team
        record.gitHub = gitHub
        return record
    }

    static func finding(
        _ rule: String, _ level: String = "error", path: String = "Dockerfile", line: Int? = 1, suppressed: String? = nil
    ) -> SARIFFinding {
        SARIFFinding(
            ruleID: rule, level: level, message: "message of \(rule)", path: path, line: line,
            suppressed: suppressed != nil, justification: suppressed)
    }

    /// Three failing repositories with a note rule, one with an error rule, one not applicable, one errored.
    static func sample() -> (records: [OrgRecord], findings: [String: [SARIFFinding]]) {
        let findings: [String: [SARIFFinding]] = [
            "alpha": [finding("PL307", "note", path: "Dockerfile", line: 3), finding("PL101", "error", path: "src/Dockerfile", line: 1)],
            "beta": [finding("PL307", "note", line: 4), finding("PL307", "note", line: 9, suppressed: "vendored base image")],
            "gamma": [finding("PL307", "note", line: 2)],
            "docs-only": [finding("PL101", "error", path: "README.md", line: nil)],
        ]
        let records = [
            record("alpha", state: .failing, rules: ["PL307": 1, "PL101": 1], severities: ["error": 1, "note": 1],
                   failing: ["STRUCTURE"], team: "platform", gitHub: "acme/alpha"),
            record("beta", state: .failing, rules: ["PL307": 1], severities: ["note": 1, "suppressed": 1], failing: ["DOCKERFILE"], team: "web"),
            record("gamma", state: .failing, rules: ["PL307": 1], severities: ["note": 1], failing: ["DOCKERFILE"], team: "platform"),
            record("docs-only", state: .notApplicable, rules: ["PL101": 1], severities: ["error": 1], failing: ["STRUCTURE"]),
            record("broken", state: .errored),
            record("clean"),
        ]
        return (records, findings)
    }

    /// The main page.
    static func render(_ records: [OrgRecord], _ findings: [String: [SARIFFinding]], history: [OrgRun] = []) -> String {
        renderAll(records, findings, history: history).main
    }

    static func renderAll(_ records: [OrgRecord], _ findings: [String: [SARIFFinding]], history: [OrgRun] = [])
        -> (main: String, pages: [String: String])
    {
        DashboardWriter.render(records, history: history) { findings[$0.repo] ?? [] }
    }

    /// The text of the element with `id`, up to its closing tag `tag`.
    static func element(_ id: String, tag: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        guard let end = html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test("four honest states: not applicable and errored are neither compliant nor failing, and no 'ok' is shown")
    func states() {
        let (records, findings) = Self.sample()
        #expect(records.map(\.state) == [.failing, .failing, .failing, .notApplicable, .errored, .compliant])
        let (html, pages) = Self.renderAll(records, findings)
        #expect(html.contains("1 compliant</span>, <span class=\"failing\">3 failing</span>, <span class=\"not-applicable\">1 not applicable</span>, <span class=\"errored\">1 errored</span>"))
        #expect(pages["pages/repos/docs-only.html"]?.contains("<span class=\"badge not-applicable\">not applicable</span>") == true)
        #expect(html.contains("<td class=\"not-applicable\">not applicable</td>"))
        #expect(!(pages.values + [html]).contains { $0.contains(">ok<") }, "no status 'ok' next to a failing repository")
        #expect(html.contains("1 finding suppressed"))
    }

    @Test("most common rules rank errors before notes, and count only repositories the standard applies to")
    func rankingBySeverity() throws {
        let (records, findings) = Self.sample()
        let html = Self.render(records, findings)
        let common = try #require(html.range(of: "<h2>Most common rules</h2>"))
        let list = html[common.upperBound...].prefix { $0 != "/" || true }.prefix(600)
        let error = try #require(list.range(of: "PL101"))
        let note = try #require(list.range(of: "PL307"))
        #expect(error.lowerBound < note.lowerBound, "the error rule comes first although the note is in more repositories")
        // PL101 is broken by alpha only: docs-only is not applicable.
        #expect(list.contains("<a href=\"pages/rules/PL101.html\">PL101</a> <span class=\"sev-error\">error</span>"))
        #expect(html.contains("1 repository, 1 finding"))
        #expect(html.contains("3 repositories, 3 findings"))
    }

    @Test("a rule's page lists exactly the repositories that break it, with their locations")
    func drillDown() throws {
        let (records, findings) = Self.sample()
        let (html, pages) = Self.renderAll(records, findings)
        #expect(pages.keys.filter { $0.hasPrefix("pages/rules/") }.sorted() == ["pages/rules/PL101.html", "pages/rules/PL307.html"])
        let note = try #require(pages["pages/rules/PL307.html"])
        let listed = note.components(separatedBy: "<li>").dropFirst().map { item in
            item.components(separatedBy: "\">")[1].components(separatedBy: "</a>")[0]
        }
        #expect(listed == ["alpha", "beta", "gamma"])
        #expect(note.contains("<a href=\"../repos/alpha.html\">alpha</a> (platform): "))
        let error = try #require(pages["pages/rules/PL101.html"])
        #expect(error.components(separatedBy: "<li>").count == 2, "alpha only, not docs-only")
        #expect(error.contains("rules/PL101.md"), "the rule's page links to its documentation")
        #expect(html.contains("href=\"pages/rules/PL307.html\""), "the ranking links to the rule's page")
        #expect(html.contains("<a href=\"pages/repos/alpha.html\">alpha</a>"), "the table links to the repository's page")
    }

    @Test("locations link to the file and line at the scanned commit on GitHub, and only there")
    func blobLinks() throws {
        let (records, findings) = Self.sample()
        let (_, pages) = Self.renderAll(records, findings)
        let link = "href=\"https://github.com/acme/alpha/blob/\(Self.commit)/src/Dockerfile#L1\""
        #expect(try #require(pages["pages/repos/alpha.html"]).contains(link))
        #expect(try #require(pages["pages/rules/PL101.html"]).contains(link))
        #expect(!pages.values.contains { $0.contains("github.com/acme/beta/blob") }, "beta is not known to be on GitHub")
        #expect(
            DashboardText.blobURL(gitHub: "acme/app", commit: Self.commit, path: "a b/\"x\"<y>.yml", line: 7)
                == "https://github.com/acme/app/blob/\(Self.commit)/a%20b/%22x%22%3Cy%3E.yml#L7")
        #expect(DashboardText.blobURL(gitHub: "acme/app", commit: Self.commit, path: "Dockerfile", line: nil)?.hasSuffix("/Dockerfile") == true)
        #expect(DashboardText.blobURL(gitHub: "acme/a\"pp", commit: Self.commit, path: "x", line: 1) == nil)
        #expect(DashboardText.blobURL(gitHub: "acme/app", commit: "main\" onclick=\"x", path: "x", line: 1) == nil)
        #expect(DashboardText.blobURL(gitHub: "acme/app", commit: nil, path: "x", line: 1) == nil)
        #expect(DashboardText.blobURL(gitHub: "../x", commit: Self.commit, path: "x", line: 1) == nil)
    }

    @Test("a repository lists only the families it has findings in, and its suppressions with their reasons")
    func repositorySections() throws {
        let (records, findings) = Self.sample()
        let (html, pages) = Self.renderAll(records, findings)
        let alpha = try #require(pages["pages/repos/alpha.html"])
        let headings = alpha.components(separatedBy: "<tr class=\"family\"").dropFirst().map {
            $0.components(separatedBy: "colspan=\"4\">")[1].prefix { $0 != "<" }
        }
        #expect(headings == ["STRUCTURE: failing", "WORKFLOW-ARCH: compliant"], "only families with findings, in catalog order")
        let clean = try #require(pages["pages/repos/clean.html"])
        #expect(!clean.contains("class=\"family\"") && clean.contains("No findings."))
        let beta = try #require(pages["pages/repos/beta.html"])
        #expect(beta.contains("1 suppressed finding") && beta.contains("vendored base image"))
        #expect(html.contains("1 × “vendored base image”"), "the summary counts suppressions by reason")
        #expect(html.contains("data-team=\"t0\"") && html.contains("data-team=\"t1\"") && html.contains("data-team=\"none\""))
    }

    @Test("every field from a repository or manifest stays text", arguments: [
        "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)", "</script><script>alert(1)</script>", "&lt;b&gt;",
    ])
    func hostileFields(_ hostile: String) {
        var record = Self.record(hostile, state: .failing, rules: ["PL101": 1], severities: ["error": 1], failing: ["STRUCTURE"],
                                 team: hostile, gitHub: hostile)
        record.url = hostile
        record.publishes = [OrgInventory.ImageUse(image: hostile, path: hostile, line: 1)]
        var other = Self.record("other", team: hostile)
        other.publishes = record.publishes
        let findings = [
            Self.finding(hostile, "error", path: hostile, line: 2), Self.finding("PL101", hostile, path: hostile, line: 1),
            Self.finding("PL102", "warning", path: hostile, line: 1, suppressed: hostile),
        ]
        let history = [OrgRun(label: hostile, repos: [hostile: .init(state: .compliant, failing: [], rules: [:])]), OrgRun(records: [record, other], label: hostile)]
        let rendered = DashboardWriter.render([record, other], history: history) { $0.repo == hostile ? findings : [] }
        #expect(rendered.pages.count == 4, "two repositories, two rules (the suppressed one has no page)")
        #expect(rendered.pages.keys.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-".contains($0)) } })
        for html in [rendered.main] + rendered.pages.values {
        #expect(!html.contains("<img"))
        // Inside the tags (text nodes cannot hold a `<`): no attribute came from the hostile text.
        let tags = html.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" } }
        // No event-handler attribute and no element the hostile text would have made.
        let hostileTags = tags.filter {
            $0.range(of: #"\son[a-z]+="#, options: .regularExpression) != nil || $0.hasPrefix("img") || $0.contains("\"alert")
        }
        #expect(hostileTags.isEmpty, "\(hostileTags)")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>"))
        #expect(html.components(separatedBy: "<script>").count == (html == rendered.main ? 2 : 1), "the page's own script only")
        }
        #expect(rendered.main.contains(hostile == "&lt;b&gt;" ? "&amp;lt;b&amp;gt;" : "&lt;") || hostile.hasPrefix("\""))
    }

    @Test("the Content-Security-Policy allows exactly the page's own style and script, by SHA-256")
    func contentSecurityPolicy() throws {
        #expect(SHA256.cspSource("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
        #expect(SHA256.cspSource("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
        let long = String(repeating: "a", count: 1000)
        #expect(SHA256.cspSource(long) == "'sha256-Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM='")
        let (records, findings) = Self.sample()
        let html = Self.render(records, findings)
        #expect(!html.contains("unsafe-inline"))
        let script = try #require(html.range(of: "<script>")).upperBound
        let scriptEnd = try #require(html.range(of: "</script>")).lowerBound
        #expect(String(html[script..<scriptEnd]) == DashboardAssets.script, "the hashed script is the one on the page")
        #expect(html.contains("script-src " + SHA256.cspSource(String(html[script..<scriptEnd]))))
        let style = try #require(html.range(of: "<style>")).upperBound
        let styleEnd = try #require(html.range(of: "</style>")).lowerBound
        #expect(html.contains("style-src " + SHA256.cspSource(String(html[style..<styleEnd]))))
        #expect(!html.contains(" style=\""), "no style attribute, which the policy would block")
        let pages = Self.renderAll(records, findings).pages.values
        #expect(pages.allSatisfy { $0.contains(DashboardShell.contentSecurityPolicy) && !$0.contains("<script") && !$0.contains(" style=\"") })
    }

    @Test("history: a line per run, merged run by run, and what changed between the last two")
    func history() throws {
        let (records, findings) = Self.sample()
        var fixed = records
        fixed[0].rules = [:]
        fixed[0].severities = [:]
        fixed[0].families = fixed[5].families
        var regressed = fixed[5]
        regressed.rules = ["PL101": 2]
        regressed.families["STRUCTURE"] = .failing
        fixed[5] = regressed
        let before = OrgRun(records: records, label: "2026-01-01")
        let after = OrgRun(records: fixed, label: "2026-01-08")
        let changes = OrgChanges(from: before, to: after)
        #expect(changes.becameCompliant == ["alpha"])
        #expect(changes.regressed == ["clean"])
        #expect(changes.fixed == 2 && changes.new == 2)

        let directory = try TemporaryDirectory()
        try directory.write(OrgHistory.fileName, OrgHistory.render([before, after]))
        #expect(try OrgHistory.read(in: directory.path) == [before, after])
        try directory.write(OrgHistory.fileName, "{\"repos\":{}}\nnot json\n")
        #expect(throws: OrgError.badResults(path: directory.path + "/history.jsonl", line: 2, reason: "not a history record")) {
            try OrgHistory.read(in: directory.path)
        }

        // Two shards' histories merge into the unsharded one.
        let shardOne = [OrgRun(records: Array(records.prefix(3)), label: "a"), OrgRun(records: Array(fixed.prefix(3)), label: "b")]
        let shardTwo = [OrgRun(records: Array(records.dropFirst(3)), label: "a"), OrgRun(records: Array(fixed.dropFirst(3)), label: "b")]
        #expect(OrgHistory.merge([shardOne, shardTwo]) == [OrgRun(records: records, label: "a"), OrgRun(records: fixed, label: "b")])

        let html = Self.render(fixed, findings, history: [before, after])
        let overall = try #require(Self.element("overall", tag: "figure", in: html.replacingOccurrences(of: "data-chart=", with: "id=")))
        #expect(overall.components(separatedBy: "<circle").count - 1 == 2, "a point per run")
        #expect(overall.contains("2026-01-01: 1 of 4 compliant") && overall.contains("2026-01-08: 1 of 4 compliant"))
        let became = try #require(Self.element("became-compliant", tag: "div", in: html))
        #expect(became.contains(">alpha</a>"))
        let regressedList = try #require(Self.element("regressed", tag: "div", in: html))
        #expect(regressedList.contains(">clean</a>"))
        #expect(html.contains("2 findings fixed") && html.contains("2 new"))
        #expect(Self.render(records, findings).contains("This is the first run"))
    }

    @Test("--history DIR reads earlier runs' summaries, oldest first by name")
    func historyFromSummaries() throws {
        let (records, _) = Self.sample()
        let directory = try TemporaryDirectory()
        try directory.write("2026-01-08/summary.jsonl", SummaryWriter.render(Array(records.prefix(2))))
        try directory.write("2026-01-01.jsonl", SummaryWriter.render(records))
        try directory.write("notes.txt", "not a run")
        let runs = try OrgHistory.readSummaries(in: directory.path)
        #expect(runs.map(\.label) == ["2026-01-01.jsonl", "2026-01-08"])
        #expect(runs.map(\.repos.count) == [6, 2])
    }

    @Test("team comes from the manifest (YAML and TSV) and the dashboard offers it as a filter")
    func teams() throws {
        let yaml = try OrgManifest.parseYAML(
            SourceFile(path: "r.yml", text: "repos:\n  - url: https://github.com/acme/app.git\n    team: platform\n  - https://github.com/acme/b\n"))
        #expect(yaml.map(\.team) == ["platform", nil])
        let tsv = try OrgManifest.parseTSV(SourceFile(path: "r.tsv", text: "file:///a\t\tapp\tweb\nfile:///b\n"))
        #expect(tsv.map(\.team) == ["web", nil])
        #expect(throws: OrgError.self) { try OrgManifest.parseTSV(SourceFile(path: "r.tsv", text: "a\tb\tc\td\te\n")) }
        let (records, findings) = Self.sample()
        let html = Self.render(records, findings)
        let filters = try #require(Self.element("filters", tag: "form", in: html))
        #expect(filters.contains("<option value=\"t0\">platform</option><option value=\"t1\">web</option><option value=\"none\">no team</option>"))
        #expect(filters.contains(" hidden"), "the controls appear only with the script that drives them")
    }

    @Test("CODEOWNERS: the first owner of the last rule for every file", arguments: [
        ("* @acme/platform @bob\n", "acme/platform"),
        ("*   @acme/a\n/src/ @acme/b\n**  @acme/c # later wins\n", "acme/c"),
        ("# * @acme/commented\n/docs/ @acme/docs\n", nil),
        ("* @acme/a\n*\n", nil),
        ("*\tops@example.com\n", "ops@example.com"),
    ] as [(String, String?)])
    func codeOwners(_ text: String, _ owner: String?) {
        #expect(CodeOwners.defaultOwner(text) == owner)
    }

    @Test("org-only checks: an image two repositories push, and a base image of the org nobody publishes")
    func orgChecks() {
        var one = Self.record("one", gitHub: "acme/one")
        var two = Self.record("two", gitHub: "acme/two")
        var three = Self.record("three", gitHub: "acme/three")
        one.publishes = [.init(image: "ghcr.io/acme/app", path: ".github/workflows/a.yml", line: 3)]
        two.publishes = [.init(image: "ghcr.io/acme/app", path: ".github/workflows/b.yml", line: 9)]
        three.publishes = [.init(image: "ghcr.io/acme/base", path: ".github/workflows/c.yml", line: 1)]
        one.bases = [
            .init(image: "ghcr.io/acme/base", path: "Dockerfile", line: 1), .init(image: "ghcr.io/acme/gone", path: "Dockerfile", line: 5),
            .init(image: "ghcr.io/someone-else/tool", path: "Dockerfile", line: 7),
        ]
        let checks = OrgChecks([one, two, three])
        #expect(checks.sharedImages == [.init(image: "ghcr.io/acme/app", repositories: ["one", "two"])])
        #expect(checks.unpublishedBases.map(\.use.image) == ["ghcr.io/acme/gone"])
        let (html, pages) = DashboardWriter.render([one, two, three]) { _ in [] }
        #expect(html.contains("Images pushed by more than one repository"))
        let section = pages["pages/repos/one.html"] ?? ""
        #expect(section.contains("which 1 other repository push too") && section.contains("ghcr.io/acme/gone"))
    }

    @Test("a scan reads what each repository pushes and builds on, its GitHub address and commit, and the org checks use them")
    func inventoryFromScan() throws {
        let directory = try TemporaryDirectory()
        let checkouts = directory.url.appendingPathComponent("checkouts")
        for name in ["alpha", "beta", "docs"] {
            let folder = checkouts.appendingPathComponent(name)
            if name == "docs" {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("only words\n".utf8).write(to: folder.appendingPathComponent("README.md"))
            } else {
                try OrgFixture.populate(folder, kind: .compliant)
            }
            _ = try ProcessRunner.git(["init", "-q"], in: folder)
            _ = try ProcessRunner.git(["remote", "add", "origin", "https://github.com/example-org/\(name).git"], in: folder)
        }
        // beta pushes alpha's image; alpha builds on an image nobody publishes.
        let workflow = checkouts.appendingPathComponent("beta/.github/workflows/publish.yml")
        let text = try String(contentsOf: workflow, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "ghcr.io/${{ github.repository }}", with: "ghcr.io/example-org/alpha").utf8)
            .write(to: workflow)
        let dockerfile = checkouts.appendingPathComponent("alpha/src/docker/Dockerfile")
        let original = try String(contentsOf: dockerfile, encoding: .utf8)
        try Data((original + "\nFROM ghcr.io/example-org/missing-base:1 AS extra\n").utf8).write(to: dockerfile)
        try Data("# owners\n*       @example-org/platform @someone\n/docs/ @example-org/writers\n".utf8)
            .write(to: checkouts.appendingPathComponent("alpha/CODEOWNERS"))
        for name in ["alpha", "beta", "docs"] { try OrgFixture.commitAll(in: checkouts.appendingPathComponent(name), message: "initial") }

        let output = directory.path + "/out"
        let runner = OrgRunner(repositories: try OrgManifest.checkouts(in: checkouts.path), outputDirectory: output, jobs: 2)
        _ = try runner.run()
        let records = Dictionary(uniqueKeysWithValues: try OrgOutput.readSummary(in: output).map { ($0.repo, $0) })
        let alpha = try #require(records["alpha"])
        #expect(alpha.gitHub == "example-org/alpha" && alpha.commit?.count == 40)
        #expect(alpha.publishes?.map(\.image) == ["ghcr.io/example-org/alpha"])
        #expect(records["beta"]?.publishes?.map(\.image) == ["ghcr.io/example-org/alpha"])
        #expect(alpha.bases?.map(\.image) == ["ghcr.io/example-org/missing-base"])
        #expect(alpha.bases?.first?.path == "src/docker/Dockerfile")
        #expect(records["docs"]?.state == .notApplicable && records["docs"]?.applies == false)
        #expect(alpha.applies == true)
        #expect(alpha.team == "example-org/platform", "the team CODEOWNERS names for every file")
        #expect(records["beta"]?.team == nil)
        let checks = OrgChecks(Array(records.values))
        #expect(checks.sharedImages == [.init(image: "ghcr.io/example-org/alpha", repositories: ["alpha", "beta"])])
        #expect(checks.unpublishedBases.map(\.repository) == ["alpha"])
        let page = try String(contentsOfFile: output + "/pages/repos/beta.html", encoding: .utf8)
        #expect(page.contains("which 1 other repository push too: alpha"))
        #expect(try String(contentsOfFile: output + "/history.jsonl", encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test("2,000 repositories render into a page under 3 MB")
    func sizeBound() {
        var records: [OrgRecord] = []
        var findings: [String: [SARIFFinding]] = [:]
        for index in 0..<2000 {
            let name = String(format: "service-%04d", index)
            switch index % 4 {
            case 0: records.append(Self.record(name, team: "team-\(index % 7)", gitHub: "acme/" + name))
            case 3: records.append(Self.record(name, state: .errored))
            default:
                let rules = ["PL101", "PL206", "PL307", "PL402", "PL501"]
                findings[name] = rules.enumerated().map { Self.finding($1, $0 < 2 ? "error" : "warning", path: ".github/workflows/publish.yml", line: 10 + $0) }
                records.append(
                    Self.record(
                        name, state: .failing, rules: Dictionary(uniqueKeysWithValues: rules.map { ($0, 1) }),
                        severities: ["error": 2, "warning": 3], failing: ["STRUCTURE", "TAG", "TOKEN"], team: "team-\(index % 7)",
                        gitHub: "acme/" + name))
            }
        }
        let history = [OrgRun(records: records, label: "earlier"), OrgRun(records: records, label: "now")]
        let (main, pages) = Self.renderAll(records, findings, history: history)
        let size = main.utf8.count
        #expect(size < 3_000_000, "\(size) bytes")
        #expect(pages.count == 2000 + 5, "a page per repository and per broken rule")
    }
}
