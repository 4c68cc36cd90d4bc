import DockerfileSyntax
import PlimsollCore
import ShellSyntax
import WorkflowModel
import YAMLSyntax

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
        /// A template of a file (`TemplateFiles`), with why it is one: its blanks are filled before any build.
        case template(evidence: String)
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
    /// Every `cd` the script runs, in order (`ScriptFile.DirectoryChange`).
    public let directoryChanges: [DirectoryChange]

    public init(source: SourceFile, isExecutable: Bool) {
        self.source = source
        self.isExecutable = isExecutable
        let commands = ShellSplitter.commands(in: source.bytes, range: nil)
        self.dockerCommands = DockerCommand.find(in: commands)
        self.directoryChanges = Self.directoryChanges(commands, folder: RepositoryPath.folder(of: source.path))
    }

    public var path: String { source.path }
}

/// A Dockerfile with its parse, and the facts several rules start from (each RUN split into shell commands),
/// derived once here rather than once per rule.
///
/// One class reference: the runner hands each file to every rule, and copying a struct of the source's and the
/// parse's arrays cost a retain and a release of each.
public struct DockerfileFile: Sendable {
    private let facts: DockerfileFacts

    public init(source: SourceFile, dockerfile: Dockerfile) {
        facts = DockerfileFacts(dockerfile: dockerfile, source: source)
    }

    public var source: SourceFile { facts.source }
    public var dockerfile: Dockerfile { facts.dockerfile }

    /// The shell commands of the instruction at `index` of `dockerfile.instructions`
    /// (`DockerfileShell.commands(of:in:)`), split once; empty for anything but RUN.
    public func shellCommands(ofInstructionAt index: Int) -> [ShellCommand] { facts.runCommands[index] }

    /// Indices of the stages selected per architecture (`DockerfileArch.perArchStages(in:)`), found once.
    public var perArchStages: Set<Int> { facts.perArchStages }

    /// The stages the default target needs per target architecture, and where each runs (built once).
    public var stageGraph: DockerfileStageGraph { facts.stageGraph }

    /// The `# check=` parser directive, as BuildKit reads it.
    public var checkDirective: BuildKitCheckDirective { facts.checkDirective }

    public var path: String { facts.source.path }
}

/// A workflow file (`.github/workflows/*.yml`) with its model; the model is nil when the YAML was unusable.
///
/// Also holds the facts a dozen rules start from (image builds, tag triggers and publications), derived once
/// here rather than once per rule: re-deriving them in every rule was most of a scan's time. Computed eagerly,
/// so the file stays an immutable value that any thread may read.
public struct WorkflowFile: Sendable {
    /// Boxed, file and facts alike, so that handing the file to each rule (hundreds of files times dozens of
    /// rules) copies one reference rather than retaining each buffer of the source, model and diagnostics.
    private let facts: WorkflowFacts

    public init(source: SourceFile, workflow: Workflow?, diagnostics: [Diagnostic]) {
        facts = WorkflowFacts(workflow: workflow, source: source, diagnostics: diagnostics)
    }

    public var source: SourceFile { facts.source }
    public var workflow: Workflow? { facts.workflow }
    /// YAML and model problems, reported by `PL002`.
    public var diagnostics: [Diagnostic] { facts.diagnostics }

    /// `ImageBuild.all(in: workflow)`; empty without a model.
    public var imageBuilds: [ImageBuild] { facts.imageBuilds }
    /// The ARCH rules' facts about each image build, in the order of `imageBuilds`.
    public var buildFacts: [BuildFacts] { facts.buildFacts }
    /// Triggers and publications for the TAG rules; nil without a model.
    public var publicationScope: PublicationScope? { facts.publicationScope }
    /// The shell commands of one of this workflow's `run:` values (`RunScript.commands`), split once.
    public func shellCommands(of run: StringValue) -> [ShellCommand] {
        facts.runs[run.node]?.shell ?? RunScript.commands(run, file: source)
    }

    /// The docker command lines of one of this workflow's `run:` values (`RunScript.dockerCommands`).
    public func dockerCommands(of run: StringValue) -> [DockerCommand] {
        facts.runs[run.node]?.docker ?? RunScript.dockerCommands(run, file: source)
    }

    /// Identifies this file (and its copies) among the repository's cached facts.
    var identity: ObjectIdentifier { ObjectIdentifier(facts) }

    public var path: String { source.path }
}

/// One workflow file and the facts derived from it (immutable once built).
final class WorkflowFacts: Sendable {
    let source: SourceFile
    let workflow: Workflow?
    let diagnostics: [Diagnostic]
    let imageBuilds: [ImageBuild]
    /// `BuildFacts` of each image build, in order.
    let buildFacts: [BuildFacts]
    let publicationScope: PublicationScope?
    /// Every `run:` script split into shell commands and docker command lines, by the script's node: the build,
    /// tag and token rules all read the same scripts.
    let runs: [YAMLNode: RunCommands]

    init(workflow: Workflow?, source: SourceFile, diagnostics: [Diagnostic]) {
        self.source = source
        self.workflow = workflow
        self.diagnostics = diagnostics
        if let workflow {
            var runs: [YAMLNode: RunCommands] = [:]
            for job in workflow.jobs {
                for step in job.steps {
                    guard let run = step.run else { continue }
                    let shell = RunScript.commands(run, file: source)
                    runs[run.node] = RunCommands(shell: shell, docker: DockerCommand.find(in: shell))
                }
            }
            self.runs = runs
            let builds = ImageBuild.all(in: workflow, runs: runs)
            imageBuilds = builds
            buildFacts = builds.map { BuildFacts($0, in: workflow) }
            publicationScope = PublicationScope(workflow: workflow, file: source, builds: builds)
        } else {
            imageBuilds = []
            buildFacts = []
            publicationScope = nil
            runs = [:]
        }
    }
}

/// One `run:` script, split.
struct RunCommands: Sendable {
    /// `RunScript.commands(run, file:)`.
    let shell: [ShellCommand]
    /// `DockerCommand.find(in: shell)`.
    let docker: [DockerCommand]
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

    /// The steps of the repository's own composite action that `step` uses (`uses: ./path/to/action`); none
    /// for any other step.
    func compositeSteps(of step: Step) -> [Step] {
        guard let uses = step.uses?.value, uses.hasPrefix("./") else { return [] }
        var folder = String(uses.dropFirst(2))
        while folder.hasSuffix("/") { folder.removeLast() }
        let prefix = folder.isEmpty ? "" : folder + "/"
        guard let action = actions.first(where: { $0.path == prefix + "action.yml" || $0.path == prefix + "action.yaml" })
        else { return [] }
        return action.action?.runs?.steps ?? []
    }
    public let skipped: [SkippedFile]
    /// The GitHub repository this is a checkout of (from the `origin` remote), when known.
    public let remote: GitHubRepository?
    /// The name of the folder the repository was scanned in (its root's last component), when it has one: a
    /// name for the repository when `remote` is unknown.
    public var folderName: String?
    /// Text files the layout rules look at for a local build entry point (Makefile, package.json), by path.
    public let buildFiles: [String: SourceFile]
    /// The root Makefile's rules (`MakefileTargets.root`): what `make <target>` runs.
    public let makefile: MakefileTargets?
    /// What GitHub's REST API said about the repository (`scan --online`); nil for an offline scan, and the
    /// online rules then stay silent.
    public var online: OnlineFacts?
    private let entriesByPath: [String: RepositoryEntry]
    /// Entries by their lowercased path, in listing order, for `caseVariants`, which is asked per build.
    private let entriesByLowercasedPath: [String: [RepositoryEntry]]
    /// For each workflow path, the jobs of this repository that call it with `uses: ./<path>`, with the file they
    /// are in, in file and job order: found once, where each called workflow used to scan every other file.
    let localCallers: [String: [(callerPath: String, job: Job, workflow: Workflow)]]
    /// The Dockerfiles written for one architecture each (`PerArchDockerfiles.variants(of:)`), by path.
    public let perArchDockerfiles: [String: PerArchDockerfiles.Variant]
    /// `TokenPermissions.all(in:repository:)` of each workflow file of this repository.
    let tokenPermissions: [ObjectIdentifier: [(job: Job, permissions: TokenPermissions)]]

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
        self.makefile = MakefileTargets.root(in: buildFiles)
        self.entriesByPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.entriesByLowercasedPath = Dictionary(grouping: entries) { $0.path.lowercased() }
        var callers: [String: [(callerPath: String, job: Job, workflow: Workflow)]] = [:]
        for file in workflows {
            guard let workflow = file.workflow else { continue }
            for job in workflow.jobs {
                guard let uses = job.uses?.value, uses.hasPrefix("./") else { continue }
                let target = String(uses.dropFirst(2).split(separator: "@").first ?? "")
                callers[target, default: []].append((file.path, job, workflow))
            }
        }
        self.localCallers = callers
        // Five token rules ask for every workflow's effective permissions: work them out once here, keyed by the
        // file's facts box (so a different file that happens to share a path never gets these).
        var permissions: [ObjectIdentifier: [(job: Job, permissions: TokenPermissions)]] = [:]
        for file in workflows {
            permissions[file.identity] = TokenPermissions.compute(in: file, localCallers: callers)
        }
        self.tokenPermissions = permissions
        self.perArchDockerfiles = PerArchDockerfiles.variants(of: dockerfiles)
    }

    /// The entry at an exact (case-sensitive) path.
    public func entry(at path: String) -> RepositoryEntry? { entriesByPath[path] }

    /// Entries whose path equals `path` ignoring case, other than `path` itself: the case slips a
    /// macOS or Windows checkout hides and a Linux runner does not.
    public func caseVariants(of path: String) -> [RepositoryEntry] {
        (entriesByLowercasedPath[path.lowercased()] ?? []).filter { $0.path != path }
    }

    public func script(at path: String) -> ScriptFile? { scripts.first { $0.path == path } }

    public func dockerfile(at path: String) -> DockerfileFile? { dockerfiles.first { $0.path == path } }

    /// The layout's Dockerfile, when present and parsed.
    public var layoutDockerfile: DockerfileFile? { dockerfile(at: policy.layout.dockerfilePath) }
}
