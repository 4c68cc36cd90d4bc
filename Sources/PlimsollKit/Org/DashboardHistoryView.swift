import Plot
import PlimsollCore

/// The dashboard's history: compliant repositories per run, overall and per rule family, as inline SVG charts
/// (nothing fetched, no script), and what changed since the run before.
enum DashboardHistoryView {
    /// Rule changes listed one by one; the rest are counted.
    static let changeLimit = 100

    static func charts(_ runs: [OrgRun], families: [RuleFamily]) -> Node<HTML.BodyContext> {
        guard !runs.isEmpty else { return .p(.text("No runs recorded yet.")) }
        let applicable = runs.map { $0.count(.compliant) + $0.count(.failing) }
        return .div(
            .class("charts"),
            chart(
                title: "Overall", key: "overall", runs: runs, values: runs.map { $0.count(.compliant) },
                totals: applicable),
            .forEach(families) { family in
                chart(
                    title: family.rawValue, key: family.rawValue, runs: runs,
                    values: runs.map { $0.compliant(in: family.rawValue) }, totals: applicable)
            }
        )
    }

    /// One chart: a point per run at the number of compliant repositories, out of those the standard applies to.
    private static func chart(title: String, key: String, runs: [OrgRun], values: [Int], totals: [Int])
        -> Node<HTML.BodyContext>
    {
        let width = 220, height = 70, pad = 8
        let top = max(totals.max() ?? 1, 1)
        let step = runs.count > 1 ? Double(width - 2 * pad) / Double(runs.count - 1) : 0
        let points = values.enumerated().map { index, value in
            (
                x: runs.count > 1 ? Double(pad) + step * Double(index) : Double(width) / 2,
                y: Double(height - pad) - Double(value) / Double(top) * Double(height - 2 * pad)
            )
        }
        let coordinates = points.map { "\(format($0.x)),\(format($0.y))" }.joined(separator: " ")
        let last = values.last ?? 0
        return .element(
            named: "figure",
            nodes: [
                .class("chart"),
                .data(named: "chart", value: key),
                .element(
                    named: "svg",
                    nodes: [
                        .attribute(named: "viewBox", value: "0 0 \(width) \(height)"),
                        .attribute(named: "width", value: String(width)),
                        .attribute(named: "height", value: String(height)),
                        .attribute(named: "role", value: "img"),
                        .element(
                            named: "line",
                            nodes: [
                                .attribute(named: "x1", value: String(pad)), .attribute(named: "x2", value: String(width - pad)),
                                .attribute(named: "y1", value: String(height - pad)),
                                .attribute(named: "y2", value: String(height - pad)), .class("axis"),
                            ]),
                        .element(named: "polyline", nodes: [.attribute(named: "points", value: coordinates)]),
                    ]
                        + runs.indices.map { index in
                            .element(
                                named: "circle",
                                nodes: [
                                    .attribute(named: "cx", value: format(points[index].x)),
                                    .attribute(named: "cy", value: format(points[index].y)),
                                    .attribute(named: "r", value: "3"),
                                    .element(
                                        named: "title",
                                        nodes: [
                                            DashboardText.untrusted(
                                                label(runs[index], index: index)
                                                    + ": \(values[index]) of \(totals[index]) compliant")
                                        ]),
                                ])
                        }),
                .element(
                    named: "figcaption",
                    nodes: [.strong(.text(title)), .text(": \(last) of \(totals.last ?? 0) compliant")]),
            ])
    }

    /// What changed since the previous run; says so when there is none.
    static func changes(_ runs: [OrgRun], page: DashboardPage) -> Node<HTML.BodyContext> {
        guard runs.count >= 2 else { return .p(.text("This is the first run: nothing to compare yet.")) }
        let previous = runs[runs.count - 2]
        let changes = OrgChanges(from: previous, to: runs[runs.count - 1])
        let shown = changes.ruleChanges.prefix(changeLimit)
        return .div(
            .class("changes"),
            .p(
                .text("Compared with "), DashboardText.untrusted(label(previous, index: runs.count - 2)), .text(": "),
                .span(.class("sev-ok"), .text("\(changes.fixed) findings fixed")), .text(", "),
                .span(.class("sev-error"), .text("\(changes.new) new")), .text(".")),
            repositoryList("Became compliant", id: "became-compliant", changes.becameCompliant, page: page),
            repositoryList("Regressed", id: "regressed", changes.regressed, page: page),
            .if(
                !shown.isEmpty,
                .table(
                    .class("findings"),
                    .thead(.tr(.th(.text("Repository")), .th(.text("Rule")), .th(.text("Findings")))),
                    .tbody(
                        .forEach(shown) { change in
                            .tr(
                                .td(page.link(change.repo)),
                                .td(DashboardText.untrusted(change.rule)),
                                .td(
                                    .class(change.delta > 0 ? "sev-error" : "sev-ok"),
                                    .text(change.delta > 0 ? "+\(change.delta) new" : "\(-change.delta) fixed")))
                        }))),
            .if(
                changes.ruleChanges.count > shown.count,
                .p(.text("\(changes.ruleChanges.count - shown.count) more changes are not listed.")))
        )
    }

    private static func repositoryList(_ title: String, id: String, _ names: [String], page: DashboardPage)
        -> Node<HTML.BodyContext>
    {
        .div(
            .id(id),
            .h3(.text("\(title) (\(names.count))")),
            names.isEmpty
                ? .p(.text("None."))
                : .ul(
                    .forEach(names) { name in
                        .li(page.link(name))
                    })
        )
    }

    static func label(_ run: OrgRun, index: Int) -> String { run.label ?? "run \(index + 1)" }

    /// A coordinate with at most one decimal.
    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
