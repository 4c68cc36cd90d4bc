/// The organisation's standard, as settings. The defaults are the standard (rules/standard.md); a repo's
/// `.plimsoll.yml` and a central `--policy` file override them.
public struct Policy: Sendable, Hashable {
    public enum DevTag: String, Sendable, Hashable, CaseIterable, Codable {
        case required, optional, off
    }

    /// The visibility the image package must have on GitHub (checked online, `PL703`).
    public enum PackageVisibility: String, Sendable, Hashable, CaseIterable, Codable {
        case `public`, `private`, `internal`
    }

    /// Per-rule override from configuration.
    public enum RuleSetting: Sendable, Hashable {
        case off
        case severity(Severity)
    }

    public var layout: Layout = .srcDocker
    /// Platforms every published image must cover, as `os/arch[/variant]`.
    public var platforms: [String] = ["linux/amd64", "linux/arm64"]
    public var registry: String = "ghcr.io"
    /// The registry namespace (GitHub owner); nil means "take it from the git remote, if any".
    public var owner: String?
    public var environmentTags: [String] = ["dev", "test", "staging", "prod"]
    public var devTag: DevTag = .optional
    public var extraRegistries: [String] = []
    /// nil: any visibility is fine.
    public var packageVisibility: PackageVisibility?
    public var rules: [String: RuleSetting] = [:]
    /// Glob patterns (repo-relative) whose files are neither parsed nor reported. By default the trees other
    /// projects own: vendored code and installed dependencies.
    public var ignorePaths: [String] = Policy.defaultIgnorePaths
    /// Glob patterns of test fixtures: Dockerfiles, scripts and action metadata a test suite reads, often broken
    /// on purpose and never built for release. They are read, so a workflow that builds one still finds it,
    /// but no rule checks them as files of their own.
    public var testPaths: [String] = Policy.defaultTestPaths

    /// Glob patterns of templates the repository declares (a template repository's files hold blanks another
    /// tool fills): each gets one note and no other finding.
    public var templates: [String] = []

    public static let defaultIgnorePaths = ["**/vendor/**", "**/node_modules/**", "**/third_party/**"]
    public static let defaultTestPaths = [
        "**/testdata/**", "**/test/**", "**/tests/**", "**/fixtures/**", "**/__fixtures__/**", "**/__tests__/**",
    ]
    /// The current major of well-known actions, as the organisation sets it (`actions/checkout` → 6 while v7 is
    /// being vetted); it wins over Plimsoll's data and over the latest release online mode reads.
    public var actionMajors: [String: Int] = [:]
    /// When true, inline `# plimsoll ignore=` comments are not honoured (a central team's policy).
    public var enforce: Bool = false

    public init() {}

    /// The severity a rule reports at, or nil when it is off.
    public func severity(for rule: RuleDescription) -> Severity? {
        switch rules[rule.id] {
        case .off: nil
        case .severity(let severity): severity
        case nil: rule.defaultSeverity
        }
    }
}
