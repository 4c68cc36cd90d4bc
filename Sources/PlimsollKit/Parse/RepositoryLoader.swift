import DockerfileSyntax
import PlimsollCore
import PlimsollRules
import WorkflowModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the files the rules need from a source and parses them. Pure apart from the reads the source does.
public struct RepositoryLoader: Sendable {
    /// Files larger than this are reported (`PL003`), not parsed.
    public static let sizeLimit = 4 * 1024 * 1024

    public let policy: Policy
    /// Threads for reading and parsing (at least 1). The repository is the same for any number.
    public let workers: Int

    public init(policy: Policy, workers: Int = 1) {
        self.policy = policy
        self.workers = max(1, workers)
    }

    /// `remote` overrides the source's `origin` remote (org discovery knows better).
    public func load(
        from source: any RepositorySource, listed: [ListedFile], remote: GitHubRepository? = nil
    ) -> LoadedRepository {
        let ignores = policy.ignorePaths.map(Glob.init)
        var entries: [RepositoryEntry] = []
        var skipped: [SkippedFile] = []
        // Listed files the rules read, in listing order: read and parsed below, then sorted into their kinds.
        var toRead: [(file: ListedFile, kind: FileKind)] = []
        for file in listed {
            if ignores.contains(where: { $0.matches(file.path) }) { continue }
            let kind = FileKind.classify(file.path)
            entries.append(
                RepositoryEntry(path: file.path, kind: kind, isExecutable: file.isExecutable, size: file.size))
            guard isRead(kind: kind, path: file.path) else { continue }
            toRead.append((file, kind))
        }
        // Pure apart from the read, so files are read and parsed on `workers` threads, results in listing order.
        let reads = toRead
        let outcomes = ConcurrentMap.map(reads.count, workers: workers) { index in
            Self.readAndParse(reads[index].file, kind: reads[index].kind, from: source)
        }

        var dockerfiles: [DockerfileFile] = []
        var scripts: [ScriptFile] = []
        var workflows: [WorkflowFile] = []
        var actions: [ActionFile] = []
        var buildFiles: [String: SourceFile] = [:]
        var sources: [String: SourceFile] = [:]
        for (item, outcome) in zip(toRead, outcomes) {
            let path = item.file.path
            switch outcome {
            case .skipped(let file): skipped.append(file)
            case .unparsed(let sourceFile):
                sources[path] = sourceFile
                if item.kind == .buildFile { buildFiles[path] = sourceFile }
            case .script(let script):
                sources[path] = script.source
                scripts.append(script)
            case .dockerfile(let file):
                sources[path] = file.source
                dockerfiles.append(file)
            case .workflow(let file):
                sources[path] = file.source
                workflows.append(file)
            case .action(let file):
                sources[path] = file.source
                actions.append(file)
            }
        }
        let repository = Repository(
            policy: policy, entries: entries, dockerfiles: dockerfiles, scripts: scripts, workflows: workflows, actions: actions, skipped: skipped,
            buildFiles: buildFiles, remote: remote ?? source.remote)
        return LoadedRepository(repository: repository, sources: sources)
    }

    /// What reading one listed file gave.
    private enum Outcome: Sendable {
        case skipped(SkippedFile)
        /// Read but not parsed (build files and other text the rules quote).
        case unparsed(SourceFile)
        case script(ScriptFile)
        case dockerfile(DockerfileFile)
        case workflow(WorkflowFile)
        case action(ActionFile)
    }

    /// Reads one file and parses it by kind. Pure apart from the read.
    private static func readAndParse(_ file: ListedFile, kind: FileKind, from source: any RepositorySource) -> Outcome {
        if case .outside(let target) = file.link {
            return .skipped(SkippedFile(path: file.path, reason: .symlinkOutsideRoot(target: target)))
        }
        let bytes: [UInt8]
        switch source.read(file, limit: Self.sizeLimit) {
        case .success(let read): bytes = read
        case .failure(.tooLarge(let size, let limit)):
            return .skipped(SkippedFile(path: file.path, reason: .tooLarge(size: size, limit: limit)))
        case .failure(.notRegularFile):
            return .skipped(SkippedFile(path: file.path, reason: .unreadable("it is not a regular file")))
        case .failure(.system(let reason)):
            return .skipped(SkippedFile(path: file.path, reason: .unreadable(reason)))
        }
        if let nul = Self.firstNUL(bytes) {
            return .skipped(SkippedFile(path: file.path, reason: .binary(nulAt: nul)))
        }
        let sourceFile = SourceFile(path: file.path, bytes: bytes)
        switch kind {
        case .script: return .script(ScriptFile(source: sourceFile, isExecutable: file.isExecutable))
        case .dockerfile:
            return .dockerfile(DockerfileFile(source: sourceFile, dockerfile: DockerfileParser.parse(sourceFile)))
        case .workflow:
            let (workflow, diagnostics) = Workflow.load(sourceFile)
            return .workflow(WorkflowFile(source: sourceFile, workflow: workflow, diagnostics: diagnostics))
        case .action:
            let (action, diagnostics) = ActionMetadata.load(sourceFile)
            return .action(ActionFile(source: sourceFile, action: action, diagnostics: diagnostics))
        default: return .unparsed(sourceFile)
        }
    }

    /// The offset of the first NUL byte, through the C library's `memchr`, which reads many bytes at a time
    /// (`firstIndex(of:)` went byte by byte over every file read: ~0.8% of a workflow scan).
    private static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
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
