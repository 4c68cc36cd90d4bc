/// Everything about a rule that is not its check: one value that feeds the registry, `plimsoll rules`,
/// `plimsoll explain`, the generated `rules/<ID>.md`, SARIF's `tool.driver.rules` and the example tests.
public struct RuleDescription: Sendable, Hashable {
    /// Stable ID, `PL` plus three digits. Never reused or renumbered once shipped.
    public let id: String
    /// Stable kebab-case name, for example `layout-dockerfile`; SARIF's `rule.name`.
    public let name: String
    /// A short Title Case title.
    public let title: String
    public let family: RuleFamily
    public let defaultSeverity: Severity
    /// One sentence: what fires.
    public let summary: String
    /// Why it matters, with sources (Markdown allowed).
    public let rationale: String
    /// How to fix it (Markdown allowed).
    public let fix: String
    /// Examples that must produce findings of this rule, `↓` marking their positions.
    public let triggeringExamples: [RuleExample]
    /// Examples that must produce no finding of this rule.
    public let nonTriggeringExamples: [RuleExample]
    /// Policy text prepended to every example's scan (a `.plimsoll.yml`), when the rule depends on policy.
    public let examplePolicy: String?
    /// For a rule whose findings carry automatic fixes: each fix before and after, run as tests.
    public let fixExamples: [FixExample]

    public init(
        id: String, name: String, title: String, family: RuleFamily, defaultSeverity: Severity,
        summary: String, rationale: String, fix: String,
        triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample], examplePolicy: String? = nil,
        fixExamples: [FixExample] = []
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.family = family
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.examplePolicy = examplePolicy
        self.fixExamples = fixExamples
    }

    /// Where the rule's documentation lives, relative to the repository root.
    public var docPath: String { "rules/\(id).md" }
}
