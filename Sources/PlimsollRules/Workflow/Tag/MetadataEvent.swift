import WorkflowModel

/// The run a workflow sees, as far as `docker/metadata-action` and the tag rules care: the event, the ref, the
/// commit. Values that cannot be known statically (the SHA, the PR number, the repository) are stand-ins with the
/// right shape, so computed tags have realistic lengths and forms.
public struct MetadataEvent: Sendable, Hashable {
    /// `push`, `pull_request`, `schedule`, `release`, `workflow_dispatch` …
    public var name: String
    /// `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/7/merge`.
    public var ref: String
    public var defaultBranch: String
    /// A 40-hex stand-in for `github.sha`.
    public var sha: String
    public var pullRequestNumber: Int?
    /// `owner/repo` stand-in for `github.repository`.
    public var repository: String

    public static let exampleSHA = "0123456789abcdef0123456789abcdef01234567"

    public init(
        name: String, ref: String, defaultBranch: String = "main", sha: String = MetadataEvent.exampleSHA,
        pullRequestNumber: Int? = nil, repository: String = "owner/repo"
    ) {
        self.name = name
        self.ref = ref
        self.defaultBranch = defaultBranch
        self.sha = sha
        self.pullRequestNumber = pullRequestNumber
        self.repository = repository
    }

    /// A push to the default branch.
    public static func defaultBranchPush(_ branch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "push", ref: "refs/heads/\(branch)", defaultBranch: branch)
    }

    /// A push to a branch other than the default.
    public static func branchPush(_ branch: String, defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "push", ref: "refs/heads/\(branch)", defaultBranch: defaultBranch)
    }

    /// A push of a git tag (by default a release tag `v1.2.3`).
    public static func tagPush(_ tag: String = "v1.2.3", defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "push", ref: "refs/tags/\(tag)", defaultBranch: defaultBranch)
    }

    /// A published release: GitHub runs it on the release's tag.
    public static func release(_ tag: String = "v1.2.3", defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "release", ref: "refs/tags/\(tag)", defaultBranch: defaultBranch)
    }

    /// A `pull_request` run: the ref is the test-merge ref and the SHA a synthetic merge commit (F6).
    public static func pullRequest(number: Int = 7, defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(
            name: "pull_request", ref: "refs/pull/\(number)/merge", defaultBranch: defaultBranch,
            pullRequestNumber: number)
    }

    /// A scheduled run, on the default branch.
    public static func schedule(defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "schedule", ref: "refs/heads/\(defaultBranch)", defaultBranch: defaultBranch)
    }

    /// A manual run, on the default branch.
    public static func workflowDispatch(defaultBranch: String = "main") -> MetadataEvent {
        MetadataEvent(name: "workflow_dispatch", ref: "refs/heads/\(defaultBranch)", defaultBranch: defaultBranch)
    }

    public var branch: String? { ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : nil }
    public var tag: String? { ref.hasPrefix("refs/tags/") ? String(ref.dropFirst("refs/tags/".count)) : nil }
    public var isPullRequest: Bool { ref.hasPrefix("refs/pull/") }
    /// metadata-action's `{{is_default_branch}}`.
    public var isDefaultBranch: Bool { branch == defaultBranch }
    /// `github.ref_name`.
    public var refName: String {
        if let branch { return branch }
        if let tag { return tag }
        return "\(pullRequestNumber ?? 0)/merge"
    }
    public var refType: String { tag != nil ? "tag" : "branch" }
}

/// A value of the expression language, for the small evaluator below.
enum MetadataExpressionValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)

    var truthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0
        case .string(let value): !value.isEmpty
        }
    }

    var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .string(let value): value
        }
    }
}

extension MetadataEvent {
    /// Evaluates the text inside `${{ … }}` for this run, when it only uses what the run determines: `github.ref`,
    /// `github.ref_name`, `github.event_name`, `github.sha`, literals, `==`/`!=`/`&&`/`||`/`!`, `format`,
    /// `startsWith`, `endsWith`, `contains`. Nil when anything else is involved.
    func evaluate(_ expression: String) -> MetadataExpressionValue? {
        guard case .success(let tree) = ExpressionFinder.parse(expression) else { return nil }
        return evaluate(tree)
    }

    private func evaluate(_ node: ExpressionNode) -> MetadataExpressionValue? {
        switch node.kind {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .context, .property:
            guard let path = Self.path(node) else { return nil }
            return context(path.lowercased())
        case .index, .wildcard: return nil
        case .not(let operand):
            return evaluate(operand).map { .bool(!$0.truthy) }
        case .binary(let op, let lhs, let rhs):
            switch op {
            case "&&":
                guard let left = evaluate(lhs) else {
                    // `unknown && false` is false whatever the unknown is.
                    if let right = evaluate(rhs), !right.truthy { return .bool(false) }
                    return nil
                }
                return left.truthy ? evaluate(rhs) : left
            case "||":
                guard let left = evaluate(lhs) else {
                    if let right = evaluate(rhs), right.truthy { return right }
                    return nil
                }
                return left.truthy ? left : evaluate(rhs)
            case "==", "!=":
                guard let left = evaluate(lhs), let right = evaluate(rhs) else { return nil }
                let equal = left.text.lowercased() == right.text.lowercased()
                return .bool(op == "==" ? equal : !equal)
            default: return nil
            }
        case .call(let name, let arguments):
            switch name.lowercased() {
            case "success", "always": return .bool(true)
            case "failure", "cancelled": return .bool(false)
            default: break
            }
            let values = arguments.map(evaluate)
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            let texts = values.map { $0!.text }
            switch name.lowercased() {
            case "format":
                guard var result = texts.first else { return nil }
                for (index, argument) in texts.dropFirst().enumerated() {
                    result = result.replacing("{\(index)}", with: argument)
                }
                return .string(result)
            case "startswith" where texts.count == 2:
                return .bool(texts[0].lowercased().hasPrefix(texts[1].lowercased()))
            case "endswith" where texts.count == 2:
                return .bool(texts[0].lowercased().hasSuffix(texts[1].lowercased()))
            case "contains" where texts.count == 2:
                return .bool(texts[0].lowercased().contains(texts[1].lowercased()))
            case "tolower" where texts.count == 1:
                return .string(texts[0].lowercased())
            default: return nil
            }
        }
    }

    private func context(_ path: String) -> MetadataExpressionValue? {
        switch path {
        case "github.ref": .string(ref)
        case "github.ref_name": .string(refName)
        case "github.ref_type": .string(refType)
        case "github.event_name": .string(name)
        case "github.sha": .string(sha)
        case "github.head_ref": .string(isPullRequest ? "feature" : "")
        case "github.event.repository.default_branch": .string(defaultBranch)
        default: nil
        }
    }

    private static func path(_ node: ExpressionNode) -> String? {
        switch node.kind {
        case .context(let name): name
        case .property(let base, let name): path(base).map { "\($0).\(name)" }
        default: nil
        }
    }
}
