import DockerfileSyntax
import PlimsollCore
import ShellSyntax
import WorkflowModel

/// What discovery found: one entry per file in the scanned tree (after `.gitignore` and `ignore-paths`).
public struct RepositoryEntry: Sendable, Hashable {
    /// Path relative to the root, `/`-separated, exact case.
    public let path: String
    public let kind: FileKind
    public let isExecutable: Bool
    public let size: Int

    public init(path: String, kind: FileKind, isExecutable: Bool, size: Int) {
        self.path = path
        self.kind = kind
        self.isExecutable = isExecutable
        self.size = size
    }
}

/// Why a file was listed but not parsed; the `PL003` rule reports these, so nothing is skipped silently.
public struct SkippedFile: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        case tooLarge(size: Int, limit: Int)
        case binary(nulAt: Int)
        case symlinkOutsideRoot(target: String)
        case unreadable(String)
    }

    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

/// A shell script read as text (the local build script and friends), split into commands once for all rules.
public struct ScriptFile: Sendable {
    public let source: SourceFile
    public let isExecutable: Bool
    /// The docker command lines the script runs, in order.
    public let dockerCommands: [DockerCommand]

    public init(source: SourceFile, isExecutable: Bool) {
        self.source = source
        self.isExecutable = isExecutable
        self.dockerCommands = DockerCommand.find(in: ShellSplitter.commands(in: source.bytes, range: nil))
    }

    public var path: String { source.path }
}

/// A Dockerfile with its parse.
public struct DockerfileFile: Sendable {
    public let source: SourceFile
    public let dockerfile: Dockerfile

    public init(source: SourceFile, dockerfile: Dockerfile) {
        self.source = source
        self.dockerfile = dockerfile
    }

    public var path: String { source.path }
}

/// A workflow file (`.github/workflows/*.yml`) with its model; the model is nil when the YAML was unusable.
public struct WorkflowFile: Sendable {
    public let source: SourceFile
    public let workflow: Workflow?
    /// YAML and model problems, reported by `PL002`.
    public let diagnostics: [Diagnostic]

    public init(source: SourceFile, workflow: Workflow?, diagnostics: [Diagnostic]) {
        self.source = source
        self.workflow = workflow
        self.diagnostics = diagnostics
    }

    public var path: String { source.path }
}

/// An `action.yml` with its model (composite actions share the step model with workflows).
public struct ActionFile: Sendable {
    public let source: SourceFile
    public let action: ActionMetadata?
    public let diagnostics: [Diagnostic]

    public init(source: SourceFile, action: ActionMetadata?, diagnostics: [Diagnostic]) {
        self.source = source
        self.action = action
        self.diagnostics = diagnostics
    }

    public var path: String { source.path }
}

/// Everything the rules may look at: the inventory, the parsed files and the policy in force.
public struct Repository: Sendable {
    public let policy: Policy
    public let entries: [RepositoryEntry]
    public let dockerfiles: [DockerfileFile]
    public let scripts: [ScriptFile]
    public let workflows: [WorkflowFile]
    public let actions: [ActionFile]
    public let skipped: [SkippedFile]
    /// The GitHub repository this is a checkout of (from the `origin` remote), when known.
    public let remote: GitHubRepository?
    /// Text files the layout rules look at for a local build entry point (Makefile, package.json), by path.
    public let buildFiles: [String: SourceFile]
    /// What GitHub's REST API said about the repository (`scan --online`); nil for an offline scan, and the
    /// online rules then stay silent.
    public var online: OnlineFacts?
    private let entriesByPath: [String: RepositoryEntry]

    public init(
        policy: Policy, entries: [RepositoryEntry], dockerfiles: [DockerfileFile] = [], scripts: [ScriptFile] = [],
        workflows: [WorkflowFile] = [],
        actions: [ActionFile] = [], skipped: [SkippedFile] = [], buildFiles: [String: SourceFile] = [:],
        remote: GitHubRepository? = nil
    ) {
        self.remote = remote
        self.policy = policy
        self.entries = entries
        self.dockerfiles = dockerfiles
        self.scripts = scripts
        self.workflows = workflows
        self.actions = actions
        self.skipped = skipped
        self.buildFiles = buildFiles
        self.entriesByPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry at an exact (case-sensitive) path.
    public func entry(at path: String) -> RepositoryEntry? { entriesByPath[path] }

    /// Entries whose path equals `path` ignoring ASCII case, other than `path` itself: the case slips a
    /// macOS or Windows checkout hides and a Linux runner does not.
    public func caseVariants(of path: String) -> [RepositoryEntry] {
        let wanted = path.lowercased()
        return entries.filter { $0.path != path && $0.path.lowercased() == wanted }
    }

    public func script(at path: String) -> ScriptFile? { scripts.first { $0.path == path } }

    public func dockerfile(at path: String) -> DockerfileFile? { dockerfiles.first { $0.path == path } }

    /// The layout's Dockerfile, when present and parsed.
    public var layoutDockerfile: DockerfileFile? { dockerfile(at: policy.layout.dockerfilePath) }
}
