import Plot
import PlimsollCore

/// The dashboard's summary parts: totals, worst offenders, the most common rules, suppressions, the org-only
/// checks and the filter controls.
enum DashboardSummaryView {
    static func totals(_ page: DashboardPage, index: DashboardIndex) -> Node<HTML.BodyContext> {
        let records = page.records
        let suppressed = index.suppressionReasons.values.reduce(0, +)
        return .group(
            .strong(.text("\(records.count)")), .text(" repositories: "),
            .forEach(OrgRecord.State.allCases.enumerated()) { position, state in
                .group(
                    .if(position > 0, .text(", ")),
                    .span(.class(DashboardText.token(state)), .text("\(records.count { $0.state == state }) \(state.rawValue)")))
            },
            .text(" · \(DashboardText.count(suppressed, "finding", "findings")) suppressed"),
            .if(
                records.contains { $0.fixBranch != nil || $0.fixRefused != nil },
                .text(
                    " · fix branches in \(DashboardText.count(records.count { $0.fixBranch != nil }, "repository", "repositories")), "
                        + "clearing \(DashboardText.count(records.reduce(0) { $0 + ($1.fixCleared ?? 0) }, "finding", "findings"))"
                        + ", \(records.count { $0.fixRefused != nil }) refused"))
        )
    }

    static func worstOffenders(_ page: DashboardPage) -> Node<HTML.BodyContext> {
        let worst = page.records.filter { $0.state == .failing }
            .sorted {
                ($0.failingFamilies, $0.severities["error"] ?? 0, $0.findingCount, $1.repo)
                    > ($1.failingFamilies, $1.severities["error"] ?? 0, $1.findingCount, $0.repo)
            }
            .prefix(10)
        guard !worst.isEmpty else { return .p(.text("No repository fails a family.")) }
        return .ol(
            .forEach(worst) { record in
                .li(
                    page.link(record.repo),
                    .text(
                        " — \(DashboardText.count(record.failingFamilies, "failing family", "failing families")), "
                            + DashboardText.count(record.findingCount, "finding", "findings")))
            })
    }

    /// Rules ranked by severity first (errors, then warnings, then notes), then by repositories affected.
    static func commonRules(_ page: DashboardPage, index: DashboardIndex) -> Node<HTML.BodyContext> {
        let ranked = index.rankedRules.prefix(10)
        guard !ranked.isEmpty else { return .p(.text("No findings.")) }
        return .ol(
            .forEach(ranked) { entry in
                .li(
                    page.ruleLink(entry.rule),
                    .text(" "), .span(.class("sev-" + entry.severity.rawValue), .text(entry.severity.rawValue)),
                    .text(page.descriptions[entry.rule].map { " \($0.title)" } ?? ""),
                    .text(
                        " — \(DashboardText.count(entry.repositories, "repository", "repositories")), "
                            + DashboardText.count(entry.findings, "finding", "findings")))
            })
    }

    /// How many findings were suppressed, and why, most frequent reason first.
    static func suppressions(_ index: DashboardIndex) -> Node<HTML.BodyContext> {
        let reasons = index.suppressionReasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard !reasons.isEmpty else { return .p(.text("No finding is suppressed.")) }
        return .ol(
            .forEach(reasons.prefix(20)) { reason, count in
                .li(
                    .text("\(count) × "),
                    reason.isEmpty ? .em(.text("no reason given")) : .group(.text("“"), DashboardText.untrusted(reason), .text("”")))
            })
    }

    static func orgChecks(_ page: DashboardPage) -> Node<HTML.BodyContext> {
        let checks = page.checks
        guard !checks.isEmpty else {
            return .p(.text("No image is pushed by two repositories, and every base image of the scanned owners is published by one of them."))
        }
        return .group(
            .if(
                !checks.sharedImages.isEmpty,
                .group(
                    .h3(.text("Images pushed by more than one repository")),
                    .ul(
                        .forEach(checks.sharedImages) { shared in
                            .li(
                                .code(DashboardText.untrusted(shared.image)), .text(" — "),
                                .forEach(shared.repositories.enumerated()) { position, name in
                                    .group(
                                        .if(position > 0, .text(", ")),
                                        page.link(name))
                                })
                        }))),
            .if(
                !checks.unpublishedBases.isEmpty,
                .group(
                    .h3(.text("Base images no scanned repository publishes")),
                    .ul(
                        .forEach(checks.unpublishedBases) { base in
                            .li(
                                .code(DashboardText.untrusted(base.use.image)), .text(" — "),
                                page.link(base.repository),
                                .text(" "), .code(DashboardText.untrusted(DashboardText.location(base.use.path, line: base.use.line))))
                        })))
        )
    }

    /// The filter controls, hidden until the script shows them (without it the page shows every row).
    static func filters(_ page: DashboardPage) -> Node<HTML.BodyContext> {
        func select(_ id: String, _ label: String, _ options: [(value: String, text: Node<HTML.BodyContext>)])
            -> Node<HTML.BodyContext>
        {
            .element(
                named: "label",
                nodes: [
                    .text(label + " "),
                    .element(
                        named: "select",
                        nodes: [.id(id)]
                            + options.map { option in
                                .element(named: "option", nodes: [.attribute(named: "value", value: option.value, ignoreIfValueIsEmpty: false), option.text])
                            }),
                ])
        }
        return .element(
            named: "form",
            nodes: [
                .id("filters"), .attribute(named: "hidden"), .attribute(named: "role", value: "search"),
                .element(
                    named: "label",
                    nodes: [
                        .text("Name "),
                        .element(
                            named: "input",
                            nodes: [.id("f-name"), .attribute(named: "type", value: "search"), .attribute(named: "autocomplete", value: "off")]),
                    ]),
                select("f-family", "Failing family", [("", .text("any"))] + page.families.map { ($0.rawValue, .text($0.rawValue)) }),
                select(
                    "f-severity", "Severity",
                    [("", .text("any"))] + Severity.allCases.reversed().map { ($0.rawValue, .text($0.rawValue)) }),
                select(
                    "f-state", "Status",
                    [("", .text("any"))] + OrgRecord.State.allCases.map { (DashboardText.token($0), .text($0.rawValue)) }),
                select(
                    "f-team", "Team",
                    [("", .text("any"))] + page.teams.enumerated().map { ("t\($0)", DashboardText.untrusted($1)) }
                        + [("none", .text("no team"))]),
                .element(named: "output", nodes: [.id("f-count")]),
            ])
    }
}
