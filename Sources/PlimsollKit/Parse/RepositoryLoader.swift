import DockerfileSyntax
import PlimsollCore
import PlimsollRules
import RepositoryModel
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

    /// `paths` are the source's listing (`listPaths`); `remote` overrides the source's `origin` remote (org
    /// discovery knows better).
    public func load(
        from source: any RepositorySource, paths: [String], remote: GitHubRepository? = nil
    ) -> LoadedRepository {
        let ignores = policy.ignorePaths.map(Glob.init)
        // Listed paths not ignored, in listing order, with their kinds and whether a rule reads them.
        var kept: [(path: String, kind: FileKind, isRead: Bool)] = []
        kept.reserveCapacity(paths.count)
        for path in paths {
            if ignores.contains(where: { $0.matches(path) }) { continue }
            let kind = FileKind.classify(path)
            kept.append((path, kind, isRead(kind: kind, path: path)))
        }
        let declared = declaredTemplates(in: source, paths: kept.map(\.path))
        // Pure apart from the source's stat and read calls, so paths are described (and the files the rules
        // need read and parsed, in the same step) on `workers` threads, results in listing order.
        let pending = kept
        let looked = ConcurrentMap.map(pending.count, workers: workers) { index -> (ListedFile, Outcome?)? in
            let item = pending[index]
            guard item.isRead else { return source.describe(item.path).map { ($0, nil) } }
            guard let (file, bytes) = source.describeAndRead(item.path, limit: Self.sizeLimit) else { return nil }
            return (file, Self.parse(file, bytes: bytes, kind: item.kind, template: declared(item.path, item.kind)))
        }
        var entries: [RepositoryEntry] = []
        entries.reserveCapacity(looked.count)
        var skipped: [SkippedFile] = []
        var dockerfiles: [DockerfileFile] = []
        var scripts: [ScriptFile] = []
        var workflows: [WorkflowFile] = []
        var actions: [ActionFile] = []
        var buildFiles: [String: SourceFile] = [:]
        var sources: [String: SourceFile] = [:]
        for (item, result) in zip(pending, looked) {
            // A path that is no file (a submodule, a special file, gone since listing) is no entry.
            guard let (file, outcome) = result else { continue }
            let path = file.path
            entries.append(
                RepositoryEntry(path: path, kind: item.kind, isExecutable: file.isExecutable, size: file.size))
            guard let outcome else { continue }
            switch outcome {
            case .skipped(let reason): skipped.append(reason)
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
        var repository = Repository(
            policy: policy, entries: entries, dockerfiles: dockerfiles, scripts: scripts, workflows: workflows, actions: actions, skipped: skipped,
            buildFiles: buildFiles, remote: remote ?? source.remote)
        // A source on disk is named by its root's absolute path; a source in memory has no folder.
        if source.displayName.hasPrefix("/"), let last = source.displayName.split(separator: "/").last,
            last != ".", last != ".."
        {
            repository.folderName = String(last)
        }
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

    /// Why a listed file is a template, decided before it is read: the repository declares it one (the policy's
    /// `templates` globs, a stage0 template's `.stage0_template/process.yaml`), or its name or folder says so.
    /// Build files (a Makefile, package.json) are read as they are wherever they live.
    private func declaredTemplates(in source: any RepositorySource, paths: [String]) -> @Sendable (String, FileKind) -> String? {
        let globs = policy.templates.map(Glob.init)
        var stage0: Set<String> = []
        if paths.contains(TemplateFiles.stage0ProcessFile),
           let (file, read) = source.describeAndRead(TemplateFiles.stage0ProcessFile, limit: Self.sizeLimit),
           case .success(let bytes) = read {
            stage0 = Set(TemplateFiles.stage0Templates(processFile: SourceFile(path: file.path, bytes: bytes)))
        }
        let listed = stage0
        return { path, kind in
            guard kind != .buildFile else { return nil }
            if listed.contains(path) { return "'\(TemplateFiles.stage0ProcessFile)' lists it among the templates" }
            if globs.contains(where: { $0.matches(path) }) { return "the configuration's 'templates' list matches it" }
            return TemplateFiles.evidence(path: path)
        }
    }

    /// Parses one described file's bytes by kind (or says why it was skipped). Pure.
    private static func parse(
        _ file: ListedFile, bytes read: Result<[UInt8], ReadError>, kind: FileKind, template: String?
    ) -> Outcome {
        if case .outside(let target) = file.link {
            return .skipped(SkippedFile(path: file.path, reason: .symlinkOutsideRoot(target: target)))
        }
        let bytes: [UInt8]
        switch read {
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
        if let evidence = template ?? (kind == .dockerfile ? TemplateFiles.evidence(dockerfileBytes: bytes) : nil) {
            return .skipped(SkippedFile(path: file.path, reason: .template(evidence: evidence)))
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
    /// (every file read is searched).
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
        // Both layouts' scripts: the layout migration (PL101's fix) moves the other layout's.
        case .script: path.hasPrefix("src/docker/") || Layout.allCases.contains { $0.buildScriptPath == path }
        case .buildFile: true
        case .config, .other: false
        }
    }
}
