import WorkflowModel

/// The run a workflow sees, as far as `docker/metadata-action` and the tag rules care: the event, the ref, the
/// commit. Values that cannot be known statically (the SHA, the PR number, the repository) are stand-ins with the
/// right shape, so computed tags have realistic lengths and forms.
public struct RunEvent: Sendable, Hashable {
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
        name: String, ref: String, defaultBranch: String = "main", sha: String = RunEvent.exampleSHA,
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
    public static func defaultBranchPush(_ branch: String = "main") -> RunEvent {
        RunEvent(name: "push", ref: "refs/heads/\(branch)", defaultBranch: branch)
    }

    /// A push to a branch other than the default.
    public static func branchPush(_ branch: String, defaultBranch: String = "main") -> RunEvent {
        RunEvent(name: "push", ref: "refs/heads/\(branch)", defaultBranch: defaultBranch)
    }

    /// A push of a git tag (by default a release tag `v1.2.3`).
    public static func tagPush(_ tag: String = "v1.2.3", defaultBranch: String = "main") -> RunEvent {
        RunEvent(name: "push", ref: "refs/tags/\(tag)", defaultBranch: defaultBranch)
    }

    /// A published release: GitHub runs it on the release's tag.
    public static func release(_ tag: String = "v1.2.3", defaultBranch: String = "main") -> RunEvent {
        RunEvent(name: "release", ref: "refs/tags/\(tag)", defaultBranch: defaultBranch)
    }

    /// A `pull_request` run: the ref is the test-merge ref and the SHA a synthetic merge commit (GitHub docs, "Events that trigger workflows").
    public static func pullRequest(number: Int = 7, defaultBranch: String = "main") -> RunEvent {
        RunEvent(
            name: "pull_request", ref: "refs/pull/\(number)/merge", defaultBranch: defaultBranch,
            pullRequestNumber: number)
    }

    /// A scheduled run, on the default branch.
    public static func schedule(defaultBranch: String = "main") -> RunEvent {
        RunEvent(name: "schedule", ref: "refs/heads/\(defaultBranch)", defaultBranch: defaultBranch)
    }

    /// A manual run, on the default branch.
    public static func workflowDispatch(defaultBranch: String = "main") -> RunEvent {
        RunEvent(name: "workflow_dispatch", ref: "refs/heads/\(defaultBranch)", defaultBranch: defaultBranch)
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

extension RunEvent {
    /// This run as the one expression evaluator sees it: the event, its ref and the commit. Inputs are empty
    /// except on manual and called runs; nothing about secrets or forks is assumed.
    var scenario: RunScenario {
        var values: [String: ExpressionValue] = [
            "github.ref": .string(ref), "github.ref_name": .string(refName), "github.ref_type": .string(refType),
            "github.event_name": .string(name), "github.sha": .string(sha),
            "github.head_ref": .string(isPullRequest ? "feature" : ""),
            "github.event.repository.default_branch": .string(defaultBranch),
        ]
        if name == "release", let tag {
            // The release's tag is the ref the run is on (GitHub docs, "Events that trigger workflows": release).
            values["github.event.release.tag_name"] = .string(tag)
        }
        if let pullRequestNumber {
            values["github.event.number"] = .number(Double(pullRequestNumber))
            values["github.event.pull_request.number"] = .number(Double(pullRequestNumber))
        }
        return RunScenario(
            eventName: name, values: values, inputsEmpty: !["workflow_dispatch", "workflow_call"].contains(name),
            secretsEmpty: false, fromFork: false)
    }

    /// Evaluates the text inside `${{ … }}` for this run with the workflows' one evaluator
    /// (`ConditionEvaluator.evaluate`); nil when the result depends on something the run does not fix.
    func evaluate(_ expression: String) -> ExpressionValue? {
        guard case .success(let tree) = ExpressionFinder.parse(expression) else { return nil }
        let value = ConditionEvaluator.evaluate(tree, in: scenario)
        return value == .unknown ? nil : value
    }
}
