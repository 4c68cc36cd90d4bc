import DockerfileSyntax
import PlimsollCore
import PlimsollRules
import WorkflowModel

/// Reads the files the rules need from a source and parses them. Pure apart from the reads the source does.
public struct RepositoryLoader: Sendable {
    /// Files larger than this are reported (`PL003`), not parsed.
    public static let sizeLimit = 4 * 1024 * 1024

    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// `remote` overrides the source's `origin` remote (org discovery knows better).
    public func load(
        from source: any RepositorySource, listed: [ListedFile], remote: GitHubRepository? = nil
    ) -> LoadedRepository {
        let ignores = policy.ignorePaths.map(Glob.init)
        var entries: [RepositoryEntry] = []
        var dockerfiles: [DockerfileFile] = []
        var scripts: [ScriptFile] = []
        var workflows: [WorkflowFile] = []
        var actions: [ActionFile] = []
        var skipped: [SkippedFile] = []
        var buildFiles: [String: SourceFile] = [:]
        var sources: [String: SourceFile] = [:]

        for file in listed {
            if ignores.contains(where: { $0.matches(file.path) }) { continue }
            let kind = FileKind.classify(file.path)
            entries.append(
                RepositoryEntry(path: file.path, kind: kind, isExecutable: file.isExecutable, size: file.size))
            guard isRead(kind: kind, path: file.path) else { continue }
            if case .outside(let target) = file.link {
                skipped.append(SkippedFile(path: file.path, reason: .symlinkOutsideRoot(target: target)))
                continue
            }
            let bytes: [UInt8]
            switch source.read(file, limit: Self.sizeLimit) {
            case .success(let read): bytes = read
            case .failure(.tooLarge(let size, let limit)):
                skipped.append(SkippedFile(path: file.path, reason: .tooLarge(size: size, limit: limit)))
                continue
            case .failure(.notRegularFile):
                skipped.append(SkippedFile(path: file.path, reason: .unreadable("it is not a regular file")))
                continue
            case .failure(.system(let reason)):
                skipped.append(SkippedFile(path: file.path, reason: .unreadable(reason)))
                continue
            }
            if let nul = bytes.firstIndex(of: 0) {
                skipped.append(SkippedFile(path: file.path, reason: .binary(nulAt: nul)))
                continue
            }
            let sourceFile = SourceFile(path: file.path, bytes: bytes)
            sources[file.path] = sourceFile
            switch kind {
            case .script: scripts.append(ScriptFile(source: sourceFile, isExecutable: file.isExecutable))
            case .buildFile: buildFiles[file.path] = sourceFile
            case .dockerfile:
                dockerfiles.append(DockerfileFile(source: sourceFile, dockerfile: DockerfileParser.parse(sourceFile)))
            case .workflow:
                let (workflow, diagnostics) = Workflow.load(sourceFile)
                workflows.append(WorkflowFile(source: sourceFile, workflow: workflow, diagnostics: diagnostics))
            case .action:
                let (action, diagnostics) = ActionMetadata.load(sourceFile)
                actions.append(ActionFile(source: sourceFile, action: action, diagnostics: diagnostics))
            default: break
            }
        }
        let repository = Repository(
            policy: policy, entries: entries, dockerfiles: dockerfiles, scripts: scripts, workflows: workflows, actions: actions, skipped: skipped,
            buildFiles: buildFiles, remote: remote ?? source.remote)
        return LoadedRepository(repository: repository, sources: sources)
    }

    /// Only the files some rule looks at are read: a repository of a million files costs a listing, not a read.
    private func isRead(kind: FileKind, path: String) -> Bool {
        switch kind {
        case .dockerfile, .workflow, .action: true
        case .script: path.hasPrefix("src/docker/") || path == policy.layout.buildScriptPath
        case .buildFile: true
        case .config, .other: false
        }
    }
}
