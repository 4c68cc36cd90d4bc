/// A small repository that shows a rule firing or not firing. Examples are the rule's documentation and its
/// tests at once: the docs generator prints them, and the test suite scans each one.
///
/// In a triggering example, `↓` marks where each expected finding starts (the marker is removed before the
/// scan). An example without markers must produce at least one finding of the rule, anywhere.
public struct RuleExample: Sendable, Hashable {
    /// Repository-relative path → file content (with `↓` markers).
    public var files: [(path: String, content: String)]
    /// Paths that get the executable bit.
    public var executables: Set<String>
    /// A one-line explanation shown above the example in the docs.
    public var caption: String?
    /// For the online rules: what GitHub's REST API answers (any other request gets a 404). When not empty, the
    /// example is scanned online as a checkout of `GitHubAnswer.exampleRepository`.
    public var github: [GitHubAnswer]
    /// The GitHub repository the example is a checkout of (its `origin` remote), for rules that compare names
    /// with the repository's; nil: no remote. Online examples are always a checkout of
    /// `GitHubAnswer.exampleRepository`.
    public var checkout: GitHubRepository?

    public init(
        _ files: [(path: String, content: String)], executables: Set<String> = [], caption: String? = nil,
        github: [GitHubAnswer] = [], checkout: GitHubRepository? = nil
    ) {
        self.files = files
        self.executables = executables
        self.caption = caption
        self.github = github
        self.checkout = github.isEmpty ? checkout : GitHubAnswer.exampleRepository
    }

    /// The common case: one file.
    public init(
        _ path: String, _ content: String, executable: Bool = false, caption: String? = nil,
        github: [GitHubAnswer] = [], checkout: GitHubRepository? = nil
    ) {
        self.init(
            [(path, content)], executables: executable ? [path] : [], caption: caption, github: github,
            checkout: checkout)
    }

    public static let marker: Character = "↓"

    public static func == (lhs: RuleExample, rhs: RuleExample) -> Bool {
        lhs.files.map(\.path) == rhs.files.map(\.path) && lhs.files.map(\.content) == rhs.files.map(\.content)
            && lhs.executables == rhs.executables && lhs.caption == rhs.caption && lhs.github == rhs.github
            && lhs.checkout == rhs.checkout
    }

    public func hash(into hasher: inout Hasher) {
        for file in files {
            hasher.combine(file.path)
            hasher.combine(file.content)
        }
    }
}
