import PlimsollCore

/// What a scan produced; every reporter renders this and nothing else.
public struct ScanResult: Sendable {
    /// The scanned root, as the user named it.
    public var root: String
    /// Every finding, suppressed ones included, in report order.
    public var findings: [Finding]
    public var filesScanned: Int
    /// Metadata of every rule that could have run, for SARIF's `tool.driver.rules` and help links.
    public var rules: [RuleDescription]
    /// Things the user should know that are not findings (online checks that could not run, and why); the CLI
    /// prints them on stderr.
    public var notes: [String]

    public init(root: String, findings: [Finding], filesScanned: Int, rules: [RuleDescription], notes: [String] = []) {
        self.root = root
        self.findings = findings
        self.filesScanned = filesScanned
        self.rules = rules
        self.notes = notes
    }

    /// Findings that count: not suppressed.
    public var activeFindings: [Finding] {
        // Nothing suppressed (the usual case): the same array, shared, instead of a copy of every finding.
        findings.contains { $0.suppression != nil } ? findings.filter { $0.suppression == nil } : findings
    }

    public var suppressedCount: Int {
        // By index: iterating the findings copied each one.
        findings.indices.count { findings[$0].suppression != nil }
    }

    public func count(_ severity: Severity) -> Int {
        findings.indices.count { findings[$0].suppression == nil && findings[$0].severity == severity }
    }
}

/// Facts about Plimsoll itself that reports carry.
public enum ToolInfo {
    public static let name = "Plimsoll"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/plimsoll-lint/plimsoll"

    /// Where a rule's documentation is published.
    public static func helpURI(for rule: RuleDescription) -> String {
        "\(informationURI)/blob/main/\(rule.docPath)"
    }
}

extension ScanResult {
    /// One result for several repositories: with more than one, each path is prefixed with its root.
    public static func combining(_ results: [ScanResult]) -> ScanResult {
        if results.count == 1 { return results[0] }
        var findings: [Finding] = []
        var rules: [RuleDescription] = []
        for result in results {
            for var finding in result.findings {
                finding.path = result.root == "." ? finding.path : result.root + "/" + finding.path
                findings.append(finding)
            }
            for rule in result.rules where !rules.contains(where: { $0.id == rule.id }) { rules.append(rule) }
        }
        findings.sortForReport()
        return ScanResult(
            root: ".", findings: findings, filesScanned: results.reduce(0) { $0 + $1.filesScanned }, rules: rules,
            notes: results.flatMap(\.notes))
    }
}
