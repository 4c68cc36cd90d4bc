import Plot
import PlimsollCore

/// The rules: on the main page, a table of every broken rule by severity; on each rule's own page, the
/// repositories that break it and where, each location linked to the line at the scanned commit on GitHub.
enum DashboardRuleView {
    /// Locations listed per repository on a rule's page; the rest are counted (the repository's page lists them).
    static let locationLimit = 50

    static func table(_ page: DashboardPage, index: DashboardIndex) -> Node<HTML.BodyContext> {
        let ranked = index.rankedRules
        guard !ranked.isEmpty else { return .p(.text("No rule is broken.")) }
        return .table(
            .class("sortable"),
            .thead(.tr(.th(.text("Rule")), .th(.text("Severity")), .th(.text("Title")), .th(.text("Repositories")), .th(.text("Findings")))),
            .tbody(
                .forEach(ranked) { entry in
                    .tr(
                        .td(page.ruleLink(entry.rule)),
                        .td(
                            .class("sev-" + entry.severity.rawValue),
                            .data(named: "sort", value: String(Severity.allCases.firstIndex(of: entry.severity) ?? 0)),
                            .text(entry.severity.rawValue)),
                        .td(.text(page.descriptions[entry.rule]?.title ?? "")),
                        .td(.text(String(entry.repositories))),
                        .td(.text(String(entry.findings))))
                }))
    }

    static func page(
        _ entry: (rule: String, severity: Severity, repositories: Int, findings: Int), index: DashboardIndex,
        page: DashboardPage
    ) -> String {
        let description = page.descriptions[entry.rule]
        let byRepository = Dictionary(grouping: index.locations[entry.rule] ?? [], by: \.repository)
        return DashboardShell.render(
            title: entry.rule, script: false,
            .p(.a(.href(DashboardOrigin.subpage.root + "dashboard.html"), .text("← All repositories"))),
            .main(
                .section(
                    .class("rule"),
                    .h1(
                        DashboardText.untrusted(entry.rule), .text(description.map { " \($0.title)" } ?? ""), .text(" "),
                        .span(.class("sev-" + entry.severity.rawValue), .text(entry.severity.rawValue))),
                    .p(
                        .text(
                            DashboardText.count(entry.repositories, "repository", "repositories") + ", "
                                + DashboardText.count(entry.findings, "finding", "findings")),
                        .unwrap(description) { description in
                            .group(.text(" · "), .a(.href(ToolInfo.helpURI(for: description)), .text("documentation")))
                        }),
                    .ul(
                        .class("breaks"),
                        .forEach(byRepository.keys.sorted()) { position in
                            let record = page.records[position]
                            let locations = byRepository[position] ?? []
                            return .li(
                                page.link(record.repo, from: .subpage),
                                .unwrap(record.team) { team in .group(.text(" ("), DashboardText.untrusted(team), .text(")")) },
                                .text(": "),
                                .forEach(locations.prefix(locationLimit).enumerated()) { offset, location in
                                    .group(
                                        .if(offset > 0, .text(", ")),
                                        DashboardRepositoryView.locationNode(path: location.path, line: location.line, record: record))
                                },
                                .if(locations.count > locationLimit, .text(" and \(locations.count - locationLimit) more")))
                        })
                )))
    }
}
