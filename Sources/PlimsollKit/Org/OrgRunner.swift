import Foundation
import PlimsollCore
import PlimsollRules
import RepositoryModel

/// Scans many repositories with the engine `plimsoll scan` uses, on a bounded pool of workers, streaming each
/// repository's SARIF file and record to the output folder as it finishes (memory grows with the largest
/// repository, not with their number). A repository that cannot be fetched, read or configured is recorded
/// as `errored` and the batch goes on. Repositories whose commit and effective configuration have not changed
/// since the last run into the same folder keep their previous result.
public struct OrgRunner: Sendable {
    public var repositories: [OrgRepository]
    /// Needed for `.remote` repositories.
    public var fetcher: GitFetcher?
    public var outputDirectory: String
    /// The central policy (`--policy`), applied after each repository's own `.plimsoll.yml`.
    public var policyFile: SourceFile?
    public var shard: OrgShard?
    /// Repositories fetched and scanned at once.
    public var jobs: Int
    /// A family fails for a repository when it has an active finding at or above this severity.
    public var failLevel: Severity
    /// `--online`: GitHub's answers for the online rules. Every repository is then scanned again on each run, as
    /// settings and packages change without a commit.
    public var online: (any OnlineFactsSource)?
    /// `--history DIR`: earlier runs' output folders or summaries, read instead of the output folder's
    /// `history.jsonl` as the runs before this one.
    public var historyDirectory: String?
    /// What the history calls this run (the CLI: today's UTC date); nil keeps runs byte for byte alike.
    public var runLabel: String?
    /// `--fix --branch NAME`: make a branch with the safe fixes in each work tree that has some (see
    /// `OrgFixBranch`). Every repository is then scanned again on each run.
    public var fixBranch: String?

    public init(
        repositories: [OrgRepository], fetcher: GitFetcher? = nil, outputDirectory: String,
        policyFile: SourceFile? = nil, shard: OrgShard? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, failLevel: Severity = .error
    ) {
        self.repositories = repositories
        self.fetcher = fetcher
        self.outputDirectory = outputDirectory
        self.policyFile = policyFile
        self.shard = shard
        self.jobs = jobs
        self.failLevel = failLevel
    }

    public struct Summary: Sendable, Hashable {
        public var total = 0
        public var scanned = 0
        public var reused = 0
        public var errored = 0
        public var failing = 0
        /// Repositories the standard does not apply to (no Dockerfile, no image workflow).
        public var notApplicable = 0
        /// `--fix --branch`: repositories that got a branch, the findings those branches clear, and repositories
        /// where the branch was refused.
        public var fixBranches = 0
        public var fixCleared = 0
        public var fixRefused = 0
        /// Online checks that could not run, and why (one line each).
        public var notes: [String] = []
    }

    /// The repositories this run covers: every one, or this shard's.
    public var selected: [OrgRepository] {
        guard let shard else { return repositories }
        return repositories.filter(shard.contains)
    }

    public func run(progress: any OrgProgress = SilentOrgProgress()) throws(OrgError) -> Summary {
        try OrgManifest.checkUniqueNames(repositories)
        let selected = self.selected
        let output = try OrgOutput(directory: outputDirectory)
        let earlier: [OrgRun]
        if let historyDirectory {
            earlier = try OrgHistory.readSummaries(in: historyDirectory)
        } else {
            earlier = try OrgHistory.read(in: outputDirectory)
        }
        let state = try OrgState(outputDirectory: outputDirectory)
        let records = Locked([OrgRecord?](repeating: nil, count: selected.count))
        let reusedCount = Locked(0)
        let notes = Locked([String]())
        progress.begin(total: selected.count)
        WorkerPool.run(count: selected.count, workers: jobs) { index in
            let repository = selected[index]
            progress.started(repository.name)
            let (record, reused, scanNotes) = process(
                repository, output: output, previous: state.previous[repository.name])
            if !scanNotes.isEmpty { notes.withLock { $0 += scanNotes } }
            state.append(record)
            records.withLock { $0[index] = record }
            if reused { reusedCount.withLock { $0 += 1 } }
            progress.finished(record, reused: reused)
        }
        progress.end()
        state.close()
        let finished = records.withLock { $0.compactMap { $0 } }
        try output.finish(finished, history: earlier + [OrgRun(records: finished, label: runLabel)])
        var summary = Summary()
        summary.total = finished.count
        summary.reused = reusedCount.withLock { $0 }
        summary.scanned = finished.count - summary.reused
        summary.errored = finished.count { $0.status == .errored }
        summary.failing = finished.count { $0.state == .failing }
        summary.notApplicable = finished.count { $0.state == .notApplicable }
        summary.fixBranches = finished.count { $0.fixBranch != nil }
        summary.fixCleared = finished.reduce(0) { $0 + ($1.fixCleared ?? 0) }
        summary.fixRefused = finished.count { $0.fixRefused != nil }
        summary.notes = notes.withLock { $0 }
        return summary
    }

    /// Fetches (or finds) one repository and scans it unless its previous result still holds.
    func process(_ repository: OrgRepository, output: OrgOutput, previous: OrgRecord?)
        -> (OrgRecord, reused: Bool, notes: [String])
    {
        let (record, reused, notes, gitHub, team) = scan(repository, output: output, previous: previous)
        return (record.describing(repository, gitHub: gitHub, team: team), reused, notes)
    }

    /// `process` before the record gets the repository's team (the manifest's, else its CODEOWNERS') and GitHub
    /// address.
    private func scan(_ repository: OrgRepository, output: OrgOutput, previous: OrgRecord?)
        -> (OrgRecord, reused: Bool, notes: [String], gitHub: GitHubRepository?, team: String?)
    {
        let path: String
        let commit: String?
        switch repository.location {
        case .checkout(let folder):
            path = folder
            commit = GitFetcher.headCommit(of: folder)
        case .remote:
            guard let fetcher else {
                return (.errored(repository, commit: nil, policy: "", reason: "no cache folder to fetch into"), false, [], repository.gitHub, repository.team)
            }
            switch fetcher.fetch(repository) {
            case .success(let checkout):
                path = checkout.path
                commit = checkout.commit
            case .failure(let error):
                return (.errored(repository, commit: nil, policy: "", reason: error.description), false, [], repository.gitHub, repository.team)
            }
        }
        let source: DiskRepositorySource
        do { source = try DiskRepositorySource(root: path) } catch {
            return (.errored(repository, commit: commit, policy: "", reason: error.description), false, [], repository.gitHub, repository.team)
        }
        let gitHub = repository.gitHub ?? source.remote
        let team = repository.team ?? CodeOwners.team(in: source)
        let policy = policyHash(source)
        if online == nil, fixBranch == nil, let previous, let commit, previous.commit == commit, previous.policy == policy,
            previous.url == repository.displayURL,
            previous.sarif.map({ FileManager.default.fileExists(atPath: output.directory + "/" + $0) }) ?? true
        {
            return (previous, true, [], gitHub, team)
        }
        let result: ScanResult
        var scanner = Scanner(policyFile: policyFile)
        scanner.online = online
        scanner.remote = repository.gitHub
        let inventory = Locked<OrgInventory?>(nil)
        scanner.inspect = { parsed in inventory.withLock { $0 = OrgInventory.of(parsed) } }
        do { result = try scanner.scan(source, root: repository.name) } catch {
            return (.errored(repository, commit: commit, policy: policy, reason: error.description), false, [], gitHub, team)
        }
        let sarif = output.sarifPath(for: repository)
        do { try output.write(SARIFReporter.report(result, options: ReportOptions()), to: sarif) } catch {
            return (.errored(repository, commit: commit, policy: policy, reason: error.description), false, [], gitHub, team)
        }
        var record = OrgRecord.scanned(
            repository, commit: commit, policy: policy, sarif: sarif, result: result, failLevel: failLevel,
            online: online != nil, inventory: inventory.withLock { $0 })
        if let fixBranch {
            // The scan's findings are the repository's as it is; the branch is what the fixes would make of it.
            let outcome: OrgFixBranch.Outcome =
                commit == nil
                ? .refused("not a git work tree")
                : OrgFixBranch(branch: fixBranch, scanner: Scanner(policyFile: policyFile))
                    .apply(in: path, root: repository.name)
            record = record.fixed(outcome, branch: fixBranch)
        }
        return (record, false, result.notes, gitHub, team)
    }

    /// 64-bit FNV-1a over everything that decides a scan's result besides the files: the tool and its rules,
    /// the fail level, the repository's own configuration file and the central policy.
    func policyHash(_ source: DiskRepositorySource) -> String {
        var hash = PolicyHasher()
        hash.add(ToolInfo.version)
        // What a record holds: records written before they said whether the standard applies are scanned again.
        hash.add("record: applies, publishes, bases")
        hash.add(RuleRegistry.descriptions.map(\.id).joined(separator: ","))
        hash.add(failLevel.rawValue)
        for name in Scanner.configNames {
            let file = ListedFile(path: name, isExecutable: false, size: 0)
            switch source.read(file, limit: RepositoryLoader.sizeLimit) {
            case .success(let bytes):
                hash.add(name)
                hash.add(bytes)
            case .failure: hash.add("-")
            }
        }
        hash.add(policyFile.map(\.bytes) ?? [])
        return hash.hex
    }
}

/// 64-bit FNV-1a over length-prefixed parts, so `["ab", "c"]` and `["a", "bc"]` differ.
struct PolicyHasher {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) { add(Array(text.utf8)) }

    mutating func add(_ bytes: [UInt8]) {
        for byte in withUnsafeBytes(of: UInt64(bytes.count).littleEndian, Array.init) + bytes {
            state ^= UInt64(byte)
            state = state &* 0x100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
