import PlimsollCore
import RepositoryModel

/// A check. Each rule is one small type in its family's folder: a description (metadata, docs, examples)
/// and one or more hooks, called broad to narrow. Rules never compute output formats and never read the disk:
/// they look at the parsed `Repository` and emit findings.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()

    /// Called once per repository, for checks about the repository as a whole (layout, cross-file).
    func check(repository: Repository, emitter: inout FindingEmitter)
    /// Called once per Dockerfile (any `Dockerfile`, `*.Dockerfile`, `Dockerfile.*` or `Containerfile`).
    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter)
    /// Called once per shell script the layout names or the repository keeps under the docker folder.
    func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter)
    /// Called once per workflow file (`.github/workflows/*.yml`).
    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter)
    /// Called once per `action.yml`.
    func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter)
    /// Called last, after inline suppressions were matched to findings: for rules about the suppressions.
    func check(suppressions: SuppressionReport, emitter: inout FindingEmitter)
}

extension Rule {
    public func check(repository: Repository, emitter: inout FindingEmitter) {}
    public func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {}
    public func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter) {}
    public func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {}
    public func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter) {}
    public func check(suppressions: SuppressionReport, emitter: inout FindingEmitter) {}

    public var description: RuleDescription { Self.description }
}
