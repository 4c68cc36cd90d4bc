import Foundation
import Plot
import PlimsollCore
import PlimsollRules
import RepositoryModel

/// `dashboard.html`: one self-contained page (inline CSS and a little inline JavaScript, nothing fetched) with
/// the totals, the worst offenders, the most common rules, a repository × family heat map with sortable
/// columns, and a section per repository listing its findings by family.
///
/// Repository names, URLs, paths and messages are untrusted. They only ever reach the page as text nodes, which
/// Plot escapes; attribute values are built from constants, numbers and hashes only.
public enum DashboardWriter {
    /// Findings listed per repository; the rest are counted and left to the SARIF file.
    public static let findingLimit = 200

    /// Where the per-repository sections go in the rendered page.
    private static let sectionsMarker = "<!--plimsoll:repositories-->"

    /// Writes the page to `emit` piece by piece: the repository sections are rendered one at a time, reading
    /// each repository's findings (`findings(record)`, from its SARIF file) only while its section is built,
    /// so memory does not grow with the number of findings across the organisation.
    static func write(
        _ records: [OrgRecord], findings: (OrgRecord) -> [SARIFFinding], to emit: (String) -> Void
    ) {
        let records = records.sorted { $0.repo < $1.repo }
        let families = OrgRecord.families(for: records)
        let descriptions = Dictionary(
            RuleRegistry.descriptions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let html = HTML(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(
                    .attribute(named: "http-equiv", value: "Content-Security-Policy"),
                    .content("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")),
                .link(.rel(.icon), .href("data:,")),
                .element(named: "title", text: "Plimsoll: container standard compliance"),
                .style(css)
            ),
            .body(
                .header(
                    .h1("Container standard compliance"),
                    .p(.class("totals"), totals(records))
                ),
                .main(
                    .div(
                        .class("top"),
                        .section(.h2("Worst offenders"), worstOffenders(records)),
                        .section(.h2("Most common rules"), commonRules(records, descriptions: descriptions))
                    ),
                    .section(.h2("Repositories × rule families"), heatMap(records, families: families)),
                    .section(.h2("Findings by repository"), .raw(sectionsMarker))
                ),
                .footer(.p(.text("\(ToolInfo.name) \(ToolInfo.version)"))),
                .script(.raw(script))
            )
        )
        let page = html.render()
        let marker = page.range(of: sectionsMarker)!
        emit(String(page[..<marker.lowerBound]))
        for record in records {
            let section = repositorySection(
                record, findings: findings(record), families: families, descriptions: descriptions)
            emit(section.render() + "\n")
        }
        emit(String(page[marker.upperBound...]) + "\n")
    }

    /// The whole page as one string (for tests and small scans).
    static func render(_ records: [OrgRecord], findings: (OrgRecord) -> [SARIFFinding]) -> String {
        var page = ""
        write(records, findings: findings) { page += $0 }
        return page
    }

    // MARK: - Parts

    private static func totals(_ records: [OrgRecord]) -> Node<HTML.BodyContext> {
        let errored = records.count { $0.status == .errored }
        let compliant = records.count { $0.status == .ok && $0.failingFamilies == 0 }
        return .group(
            .strong(.text("\(records.count)")), .text(" repositories: "),
            .span(.class("compliant"), .text("\(compliant) compliant")), .text(", "),
            .span(.class("failing"), .text("\(records.count - compliant - errored) failing")), .text(", "),
            .span(.class("errored"), .text("\(errored) errored"))
        )
    }

    private static func worstOffenders(_ records: [OrgRecord]) -> Node<HTML.BodyContext> {
        let worst = records.filter { $0.status == .ok && $0.failingFamilies > 0 }
            .sorted {
                ($0.failingFamilies, $0.findingCount, $1.repo) > ($1.failingFamilies, $1.findingCount, $0.repo)
            }
            .prefix(10)
        guard !worst.isEmpty else { return .p(.text("No repository fails a family.")) }
        return .element(
            named: "ol",
            nodes: worst.map { record in
                .li(
                    .a(.href("#" + anchor(record)), untrusted(record.repo)),
                    .text(" — \(record.failingFamilies) failing \(record.failingFamilies == 1 ? "family" : "families"), "
                        + "\(record.findingCount) \(record.findingCount == 1 ? "finding" : "findings")"))
            })
    }

    private static func commonRules(_ records: [OrgRecord], descriptions: [String: RuleDescription])
        -> Node<HTML.BodyContext>
    {
        var repositories: [String: Int] = [:]
        var findings: [String: Int] = [:]
        for record in records {
            for (rule, count) in record.rules where count > 0 {
                repositories[rule, default: 0] += 1
                findings[rule, default: 0] += count
            }
        }
        let common = repositories.keys.sorted {
            (repositories[$0]!, findings[$0]!, $1) > (repositories[$1]!, findings[$1]!, $0)
        }.prefix(10)
        guard !common.isEmpty else { return .p(.text("No findings.")) }
        return .element(
            named: "ol",
            nodes: common.map { rule in
                .li(
                    ruleLink(rule, descriptions: descriptions),
                    .text(descriptions[rule].map { " \($0.title)" } ?? ""),
                    .text(" — \(repositories[rule]!) \(repositories[rule]! == 1 ? "repository" : "repositories"), "
                        + "\(findings[rule]!) \(findings[rule]! == 1 ? "finding" : "findings")"))
            })
    }

    private static func heatMap(_ records: [OrgRecord], families: [RuleFamily]) -> Node<HTML.BodyContext> {
        .table(
            .class("heat sortable"),
            .thead(
                .tr(
                    .th(.text("Repository")), .th(.text("Status")), .th(.text("Findings")),
                    .forEach(families) { family in .th(.attribute(named: "title", value: family.title), .text(family.rawValue)) }
                )),
            .tbody(
                .forEach(records.enumerated()) { index, record in
                    .tr(
                        .td(.data(named: "sort", value: String(index)), .a(.href("#" + anchor(record)), untrusted(record.repo))),
                        .td(
                            .data(named: "sort", value: record.status == .ok ? "0" : "1"),
                            .class(record.status == .ok ? "" : "errored"),
                            .text(record.status.rawValue)),
                        .td(.data(named: "sort", value: String(record.findingCount)), .text(String(record.findingCount))),
                        .forEach(families) { family in
                            let verdict = record.families[family.rawValue] ?? .errored
                            return .td(
                                .class("cell " + verdict.rawValue),
                                .data(named: "sort", value: String(rank(verdict))),
                                .a(
                                    .href("#" + anchor(record, family: family)),
                                    .attribute(named: "title", value: verdict.rawValue),
                                    .text(symbol(verdict))))
                        }
                    )
                })
        )
    }

    private static func repositorySection(
        _ record: OrgRecord, findings: [SARIFFinding], families: [RuleFamily], descriptions: [String: RuleDescription]
    ) -> Node<HTML.BodyContext> {
        let familyOf = { (rule: String) in descriptions[rule]?.family }
        let shown = Array(findings.prefix(findingLimit))
        return .section(
            .id(anchor(record)),
            .class("repo"),
            .h3(untrusted(record.repo), .text(" "), .span(.class("badge " + record.status.rawValue), .text(record.status.rawValue))),
            .p(.class("meta"), untrusted(record.url), .text(record.commit.map { " @ " + $0 } ?? "")),
            .if(record.status == .errored, .p(.class("reason"), .text("Errored: "), untrusted(record.reason ?? "unknown"))),
            .if(
                record.status == .ok && findings.isEmpty,
                .p(.text("No findings."))),
            .forEach(families) { family in
                let inFamily = shown.filter { familyOf($0.ruleID) == family }
                return .div(
                    .id(anchor(record, family: family)),
                    .class("family"),
                    .h4(.text("\(family.rawValue): \(record.families[family.rawValue]?.rawValue ?? "errored")")),
                    .if(
                        !inFamily.isEmpty,
                        .table(
                            .class("findings"),
                            .thead(.tr(.th(.text("Rule")), .th(.text("Severity")), .th(.text("Location")), .th(.text("Message")))),
                            .tbody(
                                .forEach(inFamily) { finding in
                                    .tr(
                                        .td(ruleLink(finding.ruleID, descriptions: descriptions)),
                                        .td(.class(severityClass(finding.level)), .text(finding.level)),
                                        .td(.code(untrusted(finding.path + (finding.line.map { ":\($0)" } ?? "")))),
                                        .td(untrusted(finding.message)))
                                })))
                )
            },
            .if(
                findings.count > shown.count,
                .p(.text("\(findings.count - shown.count) more findings are in "), .code(untrusted(record.sarif ?? "")), .text("."))),
            // Plot writes attribute values as they are: only a path of the form this tool writes becomes a link.
            .if(record.sarif.map(OrgRecord.isValidSARIFPath) == true, .p(.a(.href(record.sarif ?? ""), .text("SARIF report"))))
        )
    }

    // MARK: - Helpers

    /// Untrusted text as a text node: control and bidirectional characters made visible, and `&` escaped
    /// first, because Plot leaves anything that looks like an entity (`&lt;`) alone.
    private static func untrusted<Context>(_ text: String) -> Node<Context> {
        .text(TerminalText.sanitize(text).replacingOccurrences(of: "&", with: "&amp;"))
    }

    private static func ruleLink(_ rule: String, descriptions: [String: RuleDescription]) -> Node<HTML.BodyContext> {
        guard let description = descriptions[rule] else { return untrusted(rule) }
        return .a(.href(ToolInfo.helpURI(for: description)), .text(description.id))
    }

    /// An element ID from a hash of the name: never the untrusted name itself.
    static func anchor(_ record: OrgRecord, family: RuleFamily? = nil) -> String {
        "repo-" + String(Fingerprint.fnv1a(record.repo), radix: 16) + (family.map { "-" + $0.rawValue } ?? "")
    }

    private static func rank(_ verdict: OrgRecord.Compliance) -> Int {
        switch verdict {
        case .compliant: 0
        case .failing: 1
        case .errored: 2
        }
    }

    private static func symbol(_ verdict: OrgRecord.Compliance) -> String {
        switch verdict {
        case .compliant: "✓"
        case .failing: "✗"
        case .errored: "!"
        }
    }

    private static func severityClass(_ level: String) -> String {
        ["error", "warning", "note"].contains(level) ? "sev-" + level : "sev-note"
    }

    private static let css = """
        :root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
        body { margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; }
        h1 { margin-bottom: .25rem; }
        .totals .compliant { color: #1a7f37; } .totals .failing { color: #cf222e; } .totals .errored { color: #9a6700; }
        .top { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        table.sortable th { cursor: pointer; user-select: none; background: #f6f8fa; }
        table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
        table.sortable th[aria-sort=descending]::after { content: " ▼"; }
        td.cell { text-align: center; font-weight: bold; }
        td.cell a { display: block; color: inherit; text-decoration: none; }
        td.compliant { background: #dafbe1; color: #1a7f37; }
        td.failing { background: #ffebe9; color: #cf222e; }
        td.errored, td.cell.errored { background: #fff8c5; color: #9a6700; }
        .badge { font-size: .75rem; padding: .1rem .4rem; border-radius: .5rem; vertical-align: middle; }
        .badge.ok { background: #dafbe1; } .badge.errored { background: #fff8c5; }
        .meta { color: #59636e; font-size: .9rem; word-break: break-all; }
        .reason { color: #9a6700; }
        .repo { border-top: 1px solid #d0d7de; margin-top: 1rem; }
        .family h4 { margin: .5rem 0 0; font-size: .9rem; }
        .sev-error { color: #cf222e; } .sev-warning { color: #9a6700; } .sev-note { color: #59636e; }
        :target { outline: 2px solid #0969da; }
        """

    /// Sorts a table by the clicked column's `data-sort` values (numbers numerically, else as text).
    private static let script = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("th").forEach(function (th, column) {
            th.addEventListener("click", function () {
              var ascending = th.getAttribute("aria-sort") !== "ascending";
              table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column].getAttribute("data-sort"), y = b.cells[column].getAttribute("data-sort");
                var order = (isNaN(x) || isNaN(y)) ? String(x).localeCompare(String(y)) : Number(x) - Number(y);
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """
}
