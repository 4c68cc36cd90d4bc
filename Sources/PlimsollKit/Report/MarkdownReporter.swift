import PlimsollCore

/// A Markdown summary for `$GITHUB_STEP_SUMMARY`: counts per family and severity, then the top findings with
/// links to the rule docs. Untrusted text (paths, messages) is escaped so it cannot inject Markdown or HTML.
public enum MarkdownReporter: Reporter {
    public static let identifier = "markdown"
    public static let summary = "a Markdown job summary (counts per family, top findings, rule links)"
    /// How many findings the summary lists before it says how many more there are.
    public static let findingLimit = 50

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        let active = result.activeFindings
        var output = "## Plimsoll\n\n"
        if active.isEmpty {
            output += "No findings in \(result.filesScanned) files"
            output += result.suppressedCount > 0 ? " (\(result.suppressedCount) suppressed).\n" : ".\n"
            return output
        }
        output += TextReporter.summaryLine(result) + ".\n\n"
        output += "| Family | Errors | Warnings | Notes |\n|---|---:|---:|---:|\n"
        let familyOf = Dictionary(result.rules.map { ($0.id, $0.family) }, uniquingKeysWith: { first, _ in first })
        for family in RuleFamily.allCases {
            let findings = active.filter { familyOf[$0.ruleID] == family }
            guard !findings.isEmpty else { continue }
            let counts = Severity.allCases.reversed().map { severity in findings.count { $0.severity == severity } }
            output += "| \(family.rawValue) (\(escape(family.title))) | \(counts.map(String.init).joined(separator: " | ")) |\n"
        }
        output += "\n### Findings\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n"
        let rules = Dictionary(result.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Most severe first; within a severity, keep report order (file, line, column).
        let ordered = active.indices.sorted { lhs, rhs in
            active[lhs].severity != active[rhs].severity ? active[lhs].severity > active[rhs].severity : lhs < rhs
        }
        for finding in ordered.prefix(findingLimit).map({ active[$0] }) {
            let rule = rules[finding.ruleID].map { "[\($0.id)](\(ToolInfo.helpURI(for: $0)) \"\(escape($0.title))\")" }
                ?? finding.ruleID
            let location = "`\(code(finding.path)):\(finding.span.lowerBound)`"
            output += "| \(finding.severity.rawValue) | \(rule) | \(location) | \(escape(finding.message)) |\n"
        }
        if active.count > findingLimit {
            output += "\n…and \(active.count - findingLimit) more; see the SARIF report or code scanning alerts.\n"
        }
        return output
    }

    static func escape(_ text: String) -> String { MarkdownText.cell(text) }

    static func code(_ text: String) -> String { MarkdownText.codeSpan(text) }
}
