import PlimsollCore
public import WorkflowModel
public import YAMLSyntax

/// The level a job's GITHUB_TOKEN has for one scope, as far as the files can tell.
public enum TokenLevel: Sendable, Hashable {
    /// Decided by the files.
    case known(PermissionLevel)
    /// Decided by the repository or organisation default, which no file shows (GitHub docs, "Automatic token authentication"): `permissive` under
    /// the permissive setting ("Read and write"), `restricted` under the restricted one ("Read repository contents
    /// and packages"). Never built with both equal: that collapses to `.known`.
    case repositoryDefault(permissive: PermissionLevel, restricted: PermissionLevel)

    /// Builds a level, collapsing a default whose two settings agree into a known level.
    public static func fromDefault(permissive: PermissionLevel, restricted: PermissionLevel) -> TokenLevel {
        permissive == restricted ? .known(permissive) : .repositoryDefault(permissive: permissive, restricted: restricted)
    }

    /// True when the token surely has at least `level`, false when it surely has not, nil when the repository
    /// setting decides.
    public func grants(_ level: PermissionLevel) -> Bool? {
        switch self {
        case .known(let own): return own >= level
        case .repositoryDefault(let permissive, let restricted):
            let (a, b) = (permissive >= level, restricted >= level)
            return a == b ? a : nil
        }
    }

    /// The lower of two levels, scope-wise for a default: a cap (reusable-workflow caller, fork pull request).
    public func capped(at other: TokenLevel) -> TokenLevel {
        switch (self, other) {
        case (.known(let a), .known(let b)): return .known(min(a, b))
        case (.known(let a), .repositoryDefault(let p, let r)), (.repositoryDefault(let p, let r), .known(let a)):
            return .fromDefault(permissive: min(p, a), restricted: min(r, a))
        case (.repositoryDefault(let p1, let r1), .repositoryDefault(let p2, let r2)):
            return .fromDefault(permissive: min(p1, p2), restricted: min(r1, r2))
        }
    }
}

/// The effective GITHUB_TOKEN permissions of one job, computed the way GitHub does (GitHub docs, "Controlling permissions for GITHUB_TOKEN"; GitHub docs, "Automatic token authentication"):
///
/// 1. the repository or organisation default (`.repositoryDefault`: no file says whether it is permissive or
///    restricted);
/// 2. replaced by the workflow's `permissions:` block, if any;
/// 3. replaced, entirely, by the job's block, if any: a mapping leaves every unnamed scope at none and `metadata`
///    at read; `read-all`, `write-all` and `{}` apply to every scope;
/// 4. for a job of a reusable workflow, capped by the calling job's effective permissions (a called workflow can
///    only lower them); with no block of its own it inherits them instead of the repository default;
/// 5. on a pull request from a fork, cut to read (`forkPullRequestLevel(of:)`).
///
/// A class, shared: the token rules loop over every job's permissions, and copying them as a value retained
/// each of the references they hold.
public final class TokenPermissions: Sendable {
    /// Where the levels come from.
    public enum Origin: Sendable, Equatable {
        case repositoryDefault
        /// The workflow's top-level `permissions:`.
        case workflow
        /// The job's own `permissions:`.
        case job
        /// No block in this file: the calling workflow's job decides.
        case caller
    }

    /// The scopes a token can hold (GitHub docs, "Controlling permissions for GITHUB_TOKEN"), plus `metadata`, which is always read.
    public static let scopes: [String] = Permissions.knownScopes.keys.sorted() + ["metadata"]

    public let origin: Origin
    /// The block that decides (`origin` `.workflow` or `.job`).
    public let block: Permissions?
    /// The `permissions` key of that block, to point at.
    public let blockKey: YAMLNode?
    /// The job's id node, to point at when no block decides.
    public let jobKey: YAMLNode
    /// The caps of the calling jobs (one level per scope), when the workflow is called by jobs in this repository.
    public let callerCap: [String: TokenLevel]?
    /// Events that run the job (the callers' events for a called workflow).
    public let events: Set<String>

    /// Computes the permissions of `job` in `workflow`. `callers` are the effective permissions of the jobs that
    /// call this workflow (`uses: ./.github/workflows/this.yml`); their levels are met scope by scope.
    public convenience init(job: Job, in workflow: Workflow, callers: [TokenPermissions] = []) {
        self.init(job: job, in: workflow, callers: callers, workflowEvents: Set(workflow.events.map(\.name)))
    }

    /// `init(job:in:callers:)` with the names of the workflow's events, made once for all its jobs.
    init(job: Job, in workflow: Workflow, callers: [TokenPermissions], workflowEvents: Set<String>) {
        jobKey = job.idNode
        if let own = job.permissions {
            (origin, block, blockKey) = (.job, own, job.node.pair(forKey: "permissions")?.key)
        } else if let top = workflow.permissions {
            (origin, block, blockKey) = (.workflow, top, workflow.root.pair(forKey: "permissions")?.key)
        } else if !callers.isEmpty {
            (origin, block, blockKey) = (.caller, nil, nil)
        } else {
            (origin, block, blockKey) = (.repositoryDefault, nil, nil)
        }
        var events = workflowEvents
        if callers.isEmpty {
            callerCap = nil
        } else {
            var cap: [String: TokenLevel] = [:]
            for scope in Self.scopes {
                cap[scope] = callers.map { $0.level(of: scope) }.reduce(.known(.write)) { $0.capped(at: $1) }
            }
            callerCap = cap
            events.remove("workflow_call")
            for caller in callers { events.formUnion(caller.events) }
        }
        self.events = events
    }

    /// The level of `scope` for a run on any event but a fork pull request.
    public func level(of scope: String) -> TokenLevel {
        let own: TokenLevel
        switch origin {
        case .job, .workflow: own = .known(block!.level(of: scope))
        case .caller: own = .known(.write)
        case .repositoryDefault: own = Self.defaultLevel(of: scope)
        }
        guard let cap = callerCap?[scope] else { return own }
        // Callers here are workflows of the same repository: a called workflow in the caller's own organization
        // that asks for `id-token: write` in its own block gets it; only one outside it needs the caller to
        // grant it (github.blog changelog 2023-06-15, "Securing OpenID Connect (OIDC) token permissions in
        // reusable workflows").
        if scope == "id-token", origin == .job || origin == .workflow { return own }
        return own.capped(at: cap)
    }

    /// The level of `scope` on a pull request from a fork: cut to read (GitHub docs, "Automatic token authentication").
    public func forkPullRequestLevel(of scope: String) -> TokenLevel {
        level(of: scope).capped(at: .known(.read))
    }

    /// The repository default for `scope` (GitHub docs, "Automatic token authentication"): permissive grants write on all but `id-token` (none) and the
    /// read-only scopes; restricted grants read on `contents`, `packages` and `metadata`, none elsewhere.
    public static func defaultLevel(of scope: String) -> TokenLevel {
        if scope == "metadata" { return .known(.read) }
        let allowed = Permissions.knownScopes[scope] ?? [.read, .write, .none]
        let permissive: PermissionLevel = scope == "id-token" ? .none : (allowed.contains(.write) ? .write : .read)
        let restricted: PermissionLevel = ["contents", "packages"].contains(scope) ? .read : .none
        return .fromDefault(permissive: permissive, restricted: restricted)
    }

    /// True when the job runs on `pull_request`.
    public var runsOnPullRequest: Bool { events.contains("pull_request") }
    /// True when the job runs on `pull_request_target`.
    public var runsOnPullRequestTarget: Bool { events.contains("pull_request_target") }

    /// The node that sets `scope`: its entry's key, else the block's `permissions` key; nil when no block in this
    /// file decides.
    public func node(for scope: String) -> YAMLNode? {
        block?.entry(for: scope)?.keyNode ?? blockKey
    }

    /// The span to point at for `scope`: its entry, the block's key, or the job id.
    public func anchor(for scope: String) -> SourceSpan {
        (node(for: scope) ?? jobKey).span
    }

    /// Scopes (without `metadata`) that surely have write, in name order.
    public var writeScopes: [String] {
        Self.scopes.filter { $0 != "metadata" && level(of: $0) == .known(.write) }
    }

    /// True for `write-all`.
    public var isWriteAll: Bool {
        if case .writeAll = block?.kind { true } else { false }
    }
}

extension TokenPermissions {
    /// The effective permissions of every job of `file`, capped by the jobs of `repository` that call it.
    public static func all(in file: WorkflowFile, repository: Repository) -> [(job: Job, permissions: TokenPermissions)] {
        if let known = repository.tokenPermissions[file.identity] { return known }
        return compute(in: file, localCallers: repository.localCallers)
    }

    /// `all(in:repository:)` from the repository's index of local callers.
    static func compute(
        in file: WorkflowFile, localCallers: [String: [(callerPath: String, job: Job, workflow: Workflow)]]
    ) -> [(job: Job, permissions: TokenPermissions)] {
        guard let workflow = file.workflow else { return [] }
        let callers = workflow.event("workflow_call") == nil ? [] : callers(of: file.path, localCallers: localCallers)
        let events = Set(workflow.events.map(\.name))
        return workflow.jobs.map {
            ($0, TokenPermissions(job: $0, in: workflow, callers: callers, workflowEvents: events))
        }
    }

    /// The effective permissions of the jobs in `repository` that call the workflow at `path` with
    /// `uses: ./<path>`. Callers that are themselves called are not followed further.
    public static func callers(of path: String, in repository: Repository) -> [TokenPermissions] {
        callers(of: path, localCallers: repository.localCallers)
    }

    static func callers(
        of path: String, localCallers: [String: [(callerPath: String, job: Job, workflow: Workflow)]]
    ) -> [TokenPermissions] {
        (localCallers[path] ?? []).filter { $0.callerPath != path }.map {
            TokenPermissions(job: $0.job, in: $0.workflow)
        }
    }
}
