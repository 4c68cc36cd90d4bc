import Plot
import PlimsollCore

/// The repository table (a row per repository, a column per rule family) and each repository's own section:
/// its state, team, address, and its findings grouped by the families that have any, each location linked to
/// the file at the scanned commit on GitHub.
enum DashboardRepositoryView {
    /// What the filters read from a row: `data-state`, `data-team`, `data-fail` (failing families) and
    /// `data-sev` (severities of its active findings), all constants or positions. The script hides the
    /// repository's section with its row.
    private static func filterAttributes<Context: HTMLContext>(_ record: OrgRecord, page: DashboardPage) -> Node<Context> {
        let failing = record.state == .failing
            ? page.families.filter { record.families[$0.rawValue] == .failing }.map(\.rawValue).joined(separator: " ") : ""
        let severities = Severity.allCases.filter { (record.severities[$0.rawValue] ?? 0) > 0 }.map(\.rawValue)
        return .group(
            .data(named: "state", value: DashboardText.token(record.state)),
            .data(named: "team", value: page.teamKey(record)),
            .if(!failing.isEmpty, .data(named: "fail", value: failing)),
            .if(!severities.isEmpty, .data(named: "sev", value: severities.joined(separator: " "))))
    }

    static func table(_ page: DashboardPage) -> Node<HTML.BodyContext> {
        .table(
            .id("repository-table"),
            .class("heat sortable"),
            .thead(
                .tr(
                    .th(.text("Repository")), .th(.text("Team")), .th(.text("Status")), .th(.text("Errors")),
                    .th(.text("Warnings")), .th(.text("Notes")), .th(.text("Suppressed")),
                    .forEach(page.families) { family in .th(.attribute(named: "title", value: family.title), .text(family.rawValue)) }
                )),
            .tbody(.forEach(page.records) { record in row(record, page: page) })
        )
    }

    private static func row(_ record: OrgRecord, page: DashboardPage) -> Node<HTML.TableContext> {
        let target = DashboardOrigin.main.pages + page.repositoryPath(record.repo)
        // Family verdicts count only where the standard applies and the scan ran.
        let judged = record.state == .compliant || record.state == .failing
        return .tr(
            filterAttributes(record, page: page),
            .td(.class("name"), .a(.href(target), DashboardText.untrusted(record.repo))),
            .td(DashboardText.untrusted(record.team ?? "")),
            .td(.class(DashboardText.token(record.state)), .text(record.state.rawValue)),
            .td(.text(String(record.severities["error"] ?? 0))),
            .td(.text(String(record.severities["warning"] ?? 0))),
            .td(.text(String(record.severities["note"] ?? 0))),
            .td(.text(String(record.suppressedCount))),
            .forEach(page.families) { family in
                let verdict = judged ? record.families[family.rawValue] : nil
                switch verdict {
                case .compliant?: return .td(.class("c"), .text("✓"))
                case .failing?: return .td(.class("f"), .a(.href(target + "#" + family.rawValue), .text("✗")))
                case .errored?, nil: return .td(.class("n"), .text(record.state == .errored ? "!" : "–"))
                }
            }
        )
    }

    /// The repository's own page.
    static func page(_ record: OrgRecord, findings: [SARIFFinding], page: DashboardPage) -> String {
        DashboardShell.render(
            title: record.repo, script: false,
            .p(.a(.href(DashboardOrigin.subpage.root + "dashboard.html"), .text("← All repositories"))),
            .main(section(record, findings: findings, page: page)))
    }

    static func section(_ record: OrgRecord, findings: [SARIFFinding], page: DashboardPage) -> Node<HTML.BodyContext> {
        let active = findings.filter { !$0.suppressed }
        let suppressed = findings.filter(\.suppressed)
        let shown = Array(active.prefix(DashboardWriter.findingLimit))
        // Only families with a finding get a heading.
        let groups = page.families.map { family in (family, shown.filter { page.familyOf($0.ruleID) == family }) }
            .filter { !$0.1.isEmpty }
        let unfamiliar = shown.filter { page.familyOf($0.ruleID) == nil }
        let shared = page.checks.shared(by: record.repo)
        let unpublished = page.checks.unpublished(in: record.repo)
        return .section(
            .class("repo"),
            .h1(
                .span(.class("name"), DashboardText.untrusted(record.repo)), .text(" "),
                .span(.class("badge " + DashboardText.token(record.state)), .text(record.state.rawValue))),
            .p(
                .class("meta"),
                .unwrap(record.team) { team in .group(.text("Team "), DashboardText.untrusted(team), .text(" · ")) },
                DashboardText.untrusted(record.url), .text(record.commit.map { " @ " + $0 } ?? "")),
            .if(record.state == .errored, .p(.class("reason"), .text("Errored: "), DashboardText.untrusted(record.reason ?? "unknown"))),
            .unwrap(record.fixBranch) { branch in
                .p(
                    .class("fix"), .text("Fix branch "), .code(DashboardText.untrusted(branch)),
                    .text(": \(DashboardText.count(record.fixCommits ?? 0, "commit", "commits")), clearing "
                        + "\(DashboardText.count(record.fixCleared ?? 0, "finding", "findings")) (not pushed)."))
            },
            .unwrap(record.fixRefused) { reason in
                .p(.class("reason"), .text("No fix branch: "), DashboardText.untrusted(reason))
            },
            .if(
                record.state == .notApplicable,
                .p(.text("Not applicable: no Dockerfile and no workflow that builds an image. Its findings are listed but not counted."))),
            .if(record.state != .errored && active.isEmpty, .p(.text("No findings."))),
            .if(
                !shown.isEmpty,
                .table(
                    .class("findings"),
                    .thead(.tr(.th(.text("Rule")), .th(.text("Severity")), .th(.text("Location")), .th(.text("Message")))),
                    .forEach(groups) { family, inFamily in
                        familyRows(
                            id: family.rawValue,
                            heading: "\(family.rawValue): \(record.families[family.rawValue]?.rawValue ?? "errored")",
                            inFamily, record: record, page: page)
                    },
                    .if(!unfamiliar.isEmpty, familyRows(id: nil, heading: "Other", unfamiliar, record: record, page: page)))),
            .if(
                active.count > shown.count,
                .p(.text("\(active.count - shown.count) more findings are in "), .code(DashboardText.untrusted(record.sarif ?? "")), .text("."))),
            .if(
                !suppressed.isEmpty,
                .element(
                    named: "details",
                    nodes: [
                        .element(named: "summary", nodes: [.text(DashboardText.count(suppressed.count, "suppressed finding", "suppressed findings"))]),
                        .ul(
                            .forEach(suppressed.prefix(DashboardWriter.findingLimit)) { finding in
                                .li(
                                    DashboardText.untrusted(finding.ruleID), .text(" "),
                                    locationNode(finding, record: record), .text(" — "),
                                    (finding.justification ?? "").isEmpty
                                        ? .em(.text("no reason given")) : DashboardText.untrusted(finding.justification ?? ""))
                            }),
                    ])),
            .forEach(shared) { image in
                .p(
                    .class("reason"), .text("Pushes "), .code(DashboardText.untrusted(image.image)),
                    .text(", which \(DashboardText.count(image.repositories.count - 1, "other repository", "other repositories")) push too: "),
                    DashboardText.untrusted(image.repositories.filter { $0 != record.repo }.joined(separator: ", ")))
            },
            .forEach(unpublished) { base in
                .p(
                    .class("reason"), .text("Builds on "), .code(DashboardText.untrusted(base.use.image)), .text(" ("),
                    .code(DashboardText.untrusted(DashboardText.location(base.use.path, line: base.use.line))),
                    .text("), which no scanned repository publishes."))
            },
            // Plot writes attribute values as they are: only a path of the form this tool writes becomes a link.
            .if(
                record.sarif.map(OrgRecord.isValidSARIFPath) == true,
                .p(.a(.href(DashboardOrigin.subpage.root + (record.sarif ?? "")), .text("SARIF report"))))
        )
    }

    /// One family's findings: a heading row (the family's anchor), then a row per finding.
    private static func familyRows(
        id: String?, heading: String, _ findings: [SARIFFinding], record: OrgRecord, page: DashboardPage
    ) -> Node<HTML.TableContext> {
        .tbody(
                .tr(
                    .class("family"), .unwrap(id) { .id($0) },
                    .th(.attribute(named: "colspan", value: "4"), .text(heading))),
                .forEach(findings) { finding in
                    .tr(
                        .td(page.ruleLink(finding.ruleID, from: .subpage)),
                        .td(.class("sev-" + DashboardText.severity(finding.level).rawValue), .text(DashboardText.severity(finding.level).rawValue)),
                        .td(locationNode(finding, record: record)),
                        .td(DashboardText.untrusted(finding.message)))
                })
    }

    /// `path:line`, linked to the line at the scanned commit when the repository is on GitHub.
    static func locationNode<Context>(_ finding: SARIFFinding, record: OrgRecord) -> Node<Context> {
        locationNode(path: finding.path, line: finding.line, record: record)
    }

    static func locationNode<Context>(path: String, line: Int?, record: OrgRecord) -> Node<Context> {
        let text = DashboardText.location(path, line: line)
        guard let url = DashboardText.blobURL(gitHub: record.gitHub, commit: record.commit, path: path, line: line) else {
            return .element(named: "code", nodes: [DashboardText.untrusted(text)])
        }
        return .element(named: "a", nodes: [.attribute(named: "href", value: url), .attribute(named: "class", value: "loc"), DashboardText.untrusted(text)])
    }
}
