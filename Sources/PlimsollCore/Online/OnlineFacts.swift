/// What GitHub said about one repository, gathered at the edge (PlimsollKit) before the rules run, so the
/// online rules stay pure functions of the repository and these facts.
public struct OnlineFacts: Sendable, Hashable {
    /// The answer to one question: what GitHub said, or why it could not be asked.
    public enum Lookup<Value: Sendable & Hashable>: Sendable, Hashable {
        case found(Value)
        /// A 404: GitHub has no such thing, or the token may not see it.
        case notFound
        /// Any other failure (401, 403, a network error); the reason is also among `notes`.
        case unavailable(String)

        public var value: Value? {
            if case .found(let value) = self { value } else { nil }
        }
    }

    /// An action's latest release: `tag_name` of `GET /repos/{owner}/{repo}/releases/latest`, and the commit the
    /// tag points at.
    public struct ActionRelease: Sendable, Hashable {
        public var tag: String
        public var commit: String

        public init(tag: String, commit: String) {
            self.tag = tag
            self.commit = commit
        }
    }

    /// `GET /repos/{owner}/{repo}/actions/permissions/workflow`.
    public enum WorkflowPermission: String, Sendable, Hashable {
        case read, write
    }

    /// `GET /orgs/{org}/packages/container/{name}` (or the user equivalent) and its versions.
    public struct Package: Sendable, Hashable {
        public var name: String
        /// `public`, `private` or `internal`.
        public var visibility: String?
        /// `repository.full_name` of the linked repository; nil when the package is not linked.
        public var linkedRepository: String?
        /// Every tag of every version (`metadata.container.tags`); nil when the versions could not be listed.
        public var tags: Set<String>?

        public init(name: String, visibility: String?, linkedRepository: String?, tags: Set<String>?) {
            self.name = name
            self.visibility = visibility
            self.linkedRepository = linkedRepository
            self.tags = tags
        }
    }

    public var repository: GitHubRepository
    public var defaultBranch: String?
    /// The default branch's head commit, `commit.sha` of `GET /repos/{owner}/{repo}/branches/{branch}`.
    public var headCommit: String?
    public var workflowPermission: Lookup<WorkflowPermission>?
    /// By package name as CI pushes it (lowercase, without the registry and owner).
    public var packages: [String: Lookup<Package>]
    /// Names of the owner's container packages linked to this repository; asked only when a pushed name was not
    /// found, to tell a name mismatch from a package that was never pushed.
    public var linkedPackages: [String]?
    /// The major of the latest release of each well-known action the repository uses (`actions/checkout` → 7),
    /// from `GET /repos/{owner}/{repo}/releases/latest`: newer than the data Plimsoll ships when an action has
    /// released since.
    public var actionMajors: [String: Int]
    /// The latest release of each well-known action the repository pins to a commit: its tag and that tag's
    /// commit (`GET /repos/{owner}/{repo}/commits/{tag}`), for PL307's fix of a pinned ref.
    public var actionReleases: [String: ActionRelease] = [:]
    /// Why some facts are missing (authentication, scopes, rate limits), for the user's terminal.
    public var notes: [String]

    public init(
        repository: GitHubRepository, defaultBranch: String? = nil, headCommit: String? = nil,
        workflowPermission: Lookup<WorkflowPermission>? = nil, packages: [String: Lookup<Package>] = [:],
        linkedPackages: [String]? = nil, actionMajors: [String: Int] = [:], notes: [String] = []
    ) {
        self.repository = repository
        self.defaultBranch = defaultBranch
        self.headCommit = headCommit
        self.workflowPermission = workflowPermission
        self.packages = packages
        self.linkedPackages = linkedPackages
        self.actionMajors = actionMajors
        self.notes = notes
    }

    /// `OWNER/NAME`, as the API's `full_name` spells it.
    public var fullName: String { "\(repository.owner)/\(repository.name)" }
}
