import Foundation
import Plot
import PlimsollCore
import PlimsollRules
import RepositoryModel

/// The dashboard: `dashboard.html`, one self-contained page (inline CSS and a small inline script, named by
/// hash in its Content-Security-Policy, nothing fetched) with the totals, compliance over time, what changed
/// since the last run, the worst offenders, every broken rule ranked by severity, suppressions and their
/// reasons, the org-only checks and a repository × family table with filters; and a page per repository
/// (`pages/repos/<stem>.html`: its findings by family, each location linked to the line at the scanned commit)
/// and per rule (`pages/rules/<rule>.html`: the repositories and locations that break it). The details live
/// on their own pages so that the main page stays small for thousands of repositories. Without JavaScript
/// every page is complete and sorted; the script adds the filters and sortable columns.
///
/// Repository names, URLs, paths, messages, teams and reasons are untrusted. They only ever reach a page as
/// text nodes, which Plot escapes; attribute values are built from constants, numbers, hashes, file stems and
/// checked addresses only (`DashboardText`).
public enum DashboardWriter {
    /// Findings listed on a repository's page; the rest are counted and left to the SARIF file.
    public static let findingLimit = 500

    /// The folder of the repository and rule pages, relative to the output folder.
    public static let pagesFolder = "pages"

    /// Writes the main page to `emit` and every other page to `file(relativePath, html)`. Each repository's
    /// findings (`findings(record)`, from its SARIF file) are read once, while its page is written; only their
    /// locations are kept for the rule pages, so memory does not grow with the messages across the organisation.
    static func write(
        _ records: [OrgRecord], history: [OrgRun] = [], findings: (OrgRecord) -> [SARIFFinding],
        to emit: (String) -> Void, file: (String, String) -> Void = { _, _ in }
    ) {
        let page = DashboardPage(records: records, history: history)
        var index = DashboardIndex()
        for (position, record) in page.records.enumerated() {
            let found = findings(record)
            index.add(found, of: record, at: position)
            file(pagesFolder + "/" + page.repositoryPath(record.repo), DashboardRepositoryView.page(record, findings: found, page: page))
        }
        for entry in index.rankedRules {
            file(pagesFolder + "/" + page.rulePath(entry.rule), DashboardRuleView.page(entry, index: index, page: page))
        }
        emit(mainPage(page, index: index) + "\n")
    }

    /// The main page, and every other page by its path (for tests and small scans).
    static func render(_ records: [OrgRecord], history: [OrgRun] = [], findings: (OrgRecord) -> [SARIFFinding])
        -> (main: String, pages: [String: String])
    {
        var main = ""
        var pages: [String: String] = [:]
        write(records, history: history, findings: findings, to: { main += $0 }, file: { pages[$0] = $1 })
        return (main, pages)
    }

    private static func mainPage(_ page: DashboardPage, index: DashboardIndex) -> String {
        DashboardShell.render(
            title: "Container standard compliance", script: true,
            .header(
                .h1("Container standard compliance"),
                .p(.class("totals"), DashboardSummaryView.totals(page, index: index))
            ),
            .main(
                .section(.h2("Compliant repositories over time"), DashboardHistoryView.charts(page.history, families: page.families)),
                .section(.h2("Since last run"), DashboardHistoryView.changes(page.history, page: page)),
                .div(
                    .class("top"),
                    .section(.h2("Worst offenders"), DashboardSummaryView.worstOffenders(page)),
                    .section(.h2("Most common rules"), DashboardSummaryView.commonRules(page, index: index))
                ),
                .div(
                    .class("top"),
                    .section(.h2("Suppressed findings"), DashboardSummaryView.suppressions(index)),
                    .section(.h2("Across repositories"), DashboardSummaryView.orgChecks(page))
                ),
                .section(
                    .id("repositories"),
                    .h2("Repositories × rule families"),
                    DashboardSummaryView.filters(page),
                    DashboardRepositoryView.table(page)),
                .section(.id("rules"), .h2("Every broken rule, by severity"), DashboardRuleView.table(page, index: index))
            ))
    }
}

/// The frame of every dashboard page: the head with its Content-Security-Policy, the style, and (on the main
/// page) the script.
enum DashboardShell {
    /// Nothing but the pages' own style and script, each named by its SHA-256, and data: images.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src \(SHA256.cspSource(DashboardAssets.css)); "
        + "script-src \(SHA256.cspSource(DashboardAssets.script)); img-src data:"

    static func render(title: String, script: Bool, _ body: Node<HTML.BodyContext>...) -> String {
        HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(contentSecurityPolicy)),
                .link(.rel(.icon), .href("data:,")),
                .element(named: "title", nodes: [DashboardText.untrusted("Plimsoll: " + title)]),
                .style(DashboardAssets.css)
            ),
            .body(
                .group(body),
                .footer(.p(.text("\(ToolInfo.name) \(ToolInfo.version)"))),
                .if(script, .script(.raw(DashboardAssets.script)))
            )
        ).render()
    }
}

/// Where a link starts from: the main page (`dashboard.html`) or a page in `pages/repos` or `pages/rules`.
enum DashboardOrigin {
    case main, subpage

    /// The prefix of a link to another page of `pages/`.
    var pages: String { self == .main ? DashboardWriter.pagesFolder + "/" : "../" }
    /// The prefix of a link to a file of the output folder.
    var root: String { self == .main ? "" : "../../" }
}

/// What every page shares: the records sorted by name, the columns, the rules' descriptions, the teams, the
/// history (with this run last) and the org-only checks.
struct DashboardPage {
    let records: [OrgRecord]
    let families: [RuleFamily]
    let descriptions: [String: RuleDescription]
    /// Team names, sorted; a record's team is referred to by its position here (`teamKey`).
    let teams: [String]
    let history: [OrgRun]
    let checks: OrgChecks
    private let teamPositions: [String: Int]
    private let present: Set<String>

    init(records: [OrgRecord], history: [OrgRun]) {
        self.records = records.sorted { $0.repo < $1.repo }
        families = OrgRecord.families(for: records)
        descriptions = Dictionary(
            RuleRegistry.descriptions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        teams = Set(records.compactMap(\.team)).sorted()
        teamPositions = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1, $0) })
        // A page made without a history (a test, an old folder) still shows this run.
        self.history = history.isEmpty ? [OrgRun(records: records, label: nil)] : history
        checks = OrgChecks(records)
        present = Set(records.map(\.repo))
    }

    /// A record's `data-team` value: `t<position>`, or `none`.
    func teamKey(_ record: OrgRecord) -> String {
        record.team.flatMap { teamPositions[$0] }.map { "t\($0)" } ?? "none"
    }

    func familyOf(_ rule: String) -> RuleFamily? { descriptions[rule]?.family }

    /// `repos/<stem>.html` within `pages/`: the file stem of the SARIF file (ASCII letters, digits, `-`, `_`, `.`
    /// and a hash where the name had anything else), never the untrusted name itself.
    func repositoryPath(_ repository: String) -> String {
        "repos/" + OrgRepository(name: repository, location: .checkout(path: "")).fileStem + ".html"
    }

    /// `rules/<rule>.html` within `pages/`: the rule's own ID when it is one of ours, else a hash.
    func rulePath(_ rule: String) -> String {
        "rules/" + (descriptions[rule] != nil ? rule : "rule-" + String(Fingerprint.fnv1a(rule), radix: 16)) + ".html"
    }

    /// A repository's name, linked to its page when it is in this run (not one only an earlier run had).
    func link(_ repository: String, from origin: DashboardOrigin = .main, fragment: String = "") -> Node<HTML.BodyContext> {
        guard present.contains(repository) else { return DashboardText.untrusted(repository) }
        return .a(.href(origin.pages + repositoryPath(repository) + fragment), DashboardText.untrusted(repository))
    }

    func ruleLink(_ rule: String, from origin: DashboardOrigin = .main) -> Node<HTML.BodyContext> {
        .a(.href(origin.pages + rulePath(rule)), DashboardText.untrusted(rule))
    }
}
