import PlimsollCore

/// What the dashboard's summary parts need from every repository's findings, gathered in one pass before the
/// page is written: where each rule is broken (no messages), and why findings were suppressed. The full
/// findings are read again per repository while its own section is written.
struct DashboardIndex {
    struct Location: Hashable {
        /// Position of the repository in the page's sorted records.
        var repository: Int
        var path: String
        var line: Int?
    }

    /// Per rule: the locations that break it, in repository order, and its most severe level.
    var locations: [String: [Location]] = [:]
    var severity: [String: Severity] = [:]
    /// Suppressed findings per reason (`""` when none was given).
    var suppressionReasons: [String: Int] = [:]

    /// Adds one repository's findings. Only repositories the standard applies to (compliant or failing) count:
    /// an errored scan has no findings, and a not-applicable repository's findings say nothing about the
    /// standard's rollout.
    mutating func add(_ findings: [SARIFFinding], of record: OrgRecord, at position: Int) {
        guard record.state == .compliant || record.state == .failing else { return }
        for finding in findings {
            if finding.suppressed {
                suppressionReasons[finding.justification ?? "", default: 0] += 1
                continue
            }
            locations[finding.ruleID, default: []].append(
                Location(repository: position, path: finding.path, line: finding.line))
            let level = DashboardText.severity(finding.level)
            if severity[finding.ruleID].map({ level > $0 }) ?? true { severity[finding.ruleID] = level }
        }
    }

    /// Rules by severity (errors first, notes last), then by how many repositories break them, then by findings.
    var rankedRules: [(rule: String, severity: Severity, repositories: Int, findings: Int)] {
        locations.map { rule, locations in
            (rule, severity[rule] ?? .note, Set(locations.map(\.repository)).count, locations.count)
        }
        .sorted {
            ($0.severity, $0.repositories, $0.findings, $1.rule) > ($1.severity, $1.repositories, $1.findings, $0.rule)
        }
    }
}
