import Dispatch
import PlimsollCore
import RepositoryModel
import WorkflowModel
import PlimsollRules

/// The whole pipeline for one repository: discover → parse → check → (report, by the caller).
public struct Scanner: Sendable {
    /// A configuration file named by the user (`--config`), read instead of the repository's `.plimsoll.yml`.
    public var configFile: SourceFile?
    /// A central policy (`--policy`) applied after the repository's own file, so it wins.
    public var policyFile: SourceFile?
    /// When set, only findings in these repo-relative paths are reported (pre-commit passes changed files);
    /// the whole repository is still read for context.
    public var onlyPaths: Set<String>?
    /// `--no-ignores`: disregard every inline suppression (an enforcing policy file does the same).
    public var noIgnores: Bool
    public var rules: [any Rule.Type]
    /// Set for `--online`: what GitHub says about the repository, for the online rules. nil: an offline scan.
    public var online: (any OnlineFactsSource)?
    /// The GitHub repository, when known better than from the checkout's `origin` remote.
    public var remote: GitHubRepository?
    /// Set by a command that scans one repository and then exits: the parsed repository is then never freed
    /// (the exit frees it at once) instead of torn down in the background. Off for anything that scans many
    /// repositories in one process.
    public var keepsParsedUntilExit = false
    /// Threads for reading, parsing and checking one repository's files (`--jobs`); 1 for a serial scan. The
    /// findings are the same for any number. The org scan keeps this at 1 and runs repositories side by side.
    public var jobs = 1
    /// Called with the parsed repository before the rules run: how the org scan reads what a repository is
    /// (its Dockerfiles, image workflows and packages) without parsing it twice.
    public var inspect: (@Sendable (Repository) -> Void)?
    /// True when each finding should carry its automatic fixes (`plimsoll fix`, and the SARIF and JSON reports).
    public var computesFixes = false

    public init(
        configFile: SourceFile? = nil, policyFile: SourceFile? = nil, onlyPaths: Set<String>? = nil,
        noIgnores: Bool = false, rules: [any Rule.Type] = RuleRegistry.all
    ) {
        self.configFile = configFile
        self.policyFile = policyFile
        self.onlyPaths = onlyPaths
        self.noIgnores = noIgnores
        self.rules = rules
    }

    /// The names a repository's own configuration file may have, in order of preference.
    public static let configNames = [".plimsoll.yml", ".plimsoll.yaml"]

    public func scan(_ source: any RepositorySource, root: String) throws(ScanError) -> ScanResult {
        let paths: [String]
        do { paths = try source.listPaths() } catch { throw .discovery(error) }
        var policy = try resolvePolicy(source, paths: paths)
        // The namespace defaults to the repository's owner on GitHub (the standard's `ghcr.io/<owner>`).
        let remote = self.remote ?? source.remote
        if policy.owner == nil { policy.owner = remote?.owner }
        var loaded = RepositoryLoader(policy: policy, workers: jobs).load(from: source, paths: paths, remote: remote)
        inspect?(loaded.repository)
        var notes: [String] = []
        if let online {
            if let remote {
                let packages = PushedPackage.all(in: loaded.repository, remote: remote).map(\.name)
                let actions = Self.knownActions(in: loaded.repository)
                let facts = online.facts(
                    for: remote, packages: packages, actions: actions.map(\.name),
                    pinnedActions: Set(actions.filter(\.pinned).map(\.name)))
                loaded.repository.online = facts
                notes = facts.notes.map { "\(remote.owner)/\(remote.name): \($0)" }
            } else {
                notes = ["online checks skipped for \(root): its origin remote is not a GitHub repository"]
            }
        }
        let honour = !noIgnores && !policy.enforce
        var findings = RuleRunner(rules: rules, honourSuppressions: honour, workers: jobs, computesFixes: computesFixes).run(loaded)
        if let onlyPaths {
            // An entry ending in `/` is a folder: every finding below it is reported.
            let folders = onlyPaths.filter { $0.hasSuffix("/") }
            findings.removeAll { finding in
                !onlyPaths.contains(finding.path) && !folders.contains { finding.path.hasPrefix($0) }
            }
        }
        let result = ScanResult(
            root: root, findings: findings, filesScanned: loaded.filesScanned, rules: rules.map { $0.description },
            notes: notes)
        if keepsParsedUntilExit {
            Self.keepUntilExit(loaded)
        } else {
            Self.releaseInBackground(loaded)
        }
        return result
    }

    /// The well-known actions (those `KnownActions` has data on) the repository's workflows and actions use,
    /// whose latest release online mode asks for.
    static func knownActions(in repository: Repository) -> [(name: String, pinned: Bool)] {
        var names: [String: Bool] = [:]
        let steps = repository.workflows.flatMap { ($0.workflow?.jobs ?? []).flatMap(\.steps) }
            + repository.actions.flatMap { $0.action?.runs?.steps ?? [] }
        for step in steps {
            guard let action = step.action, let name = action.fullName?.lowercased(), KnownActions.data.actions[name] != nil
            else { continue }
            names[name, default: false] = names[name, default: false] || action.isPinnedToCommit
        }
        return names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Frees the parsed repository on another thread. Tearing down hundreds of syntax trees and models costs
    /// about as much as a rule pass, and nothing needs it done before the report is written: the caller formats
    /// the report meanwhile (or the process exits first, which frees everything at once).
    private static func releaseInBackground(_ loaded: consuming LoadedRepository) {
        let parsed = loaded
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(parsed) {} }
    }

    /// Keeps the parsed repository alive for the rest of the process (one deliberate, bounded leak per scan).
    private static func keepUntilExit(_ loaded: consuming LoadedRepository) {
        _ = Unmanaged.passRetained(ParsedBox(loaded))
    }

    /// Holds a `LoadedRepository` behind one reference, for `keepUntilExit`.
    private final class ParsedBox {
        let loaded: LoadedRepository
        init(_ loaded: consuming LoadedRepository) { self.loaded = loaded }
    }

    /// Defaults, then the repository's file (or `--config`), then the central policy. A central policy with
    /// `enforce: true` also takes from the repository's file what would let it hide findings (`enforced`).
    func resolvePolicy(_ source: any RepositorySource, paths: [String]) throws(ScanError) -> Policy {
        let defaults = Policy()
        var policy = defaults
        let loader = ConfigLoader(knownRules: RuleRegistry.descriptions)
        var repositoryConfig = configFile
        // The first configuration name listed that is a file (a path gone since listing is no configuration).
        if repositoryConfig == nil,
            let (file, read) = Self.configNames.lazy.filter(paths.contains).compactMap({ name in
                source.describeAndRead(name, limit: RepositoryLoader.sizeLimit)
            }).first
        {
            switch read {
            case .success(let bytes): repositoryConfig = SourceFile(path: file.path, bytes: bytes)
            case .failure(let reason):
                throw .config(ConfigError(path: file.path, location: nil, kind: .unreadable(reason: "\(reason)")))
            }
        }
        do {
            if let repositoryConfig { try loader.apply(repositoryConfig, to: &policy) }
            if let policyFile {
                var central = defaults
                try loader.apply(policyFile, to: &central)
                if central.enforce { policy = Self.enforced(policy, defaults: defaults) }
                try loader.apply(policyFile, to: &policy)
            }
        } catch {
            throw .config(error)
        }
        return policy
    }

    /// The repository's settings under an enforcing central policy. Inline suppressions were the only thing
    /// `enforce` took away, so a repository's `.plimsoll.yml` could still turn rules off or set `ignore-paths:
    /// ['**']` and pass. Now a rule the repository turned off is back at its default severity, and the paths it
    /// ignores or calls tests are the defaults again; the central policy is applied after this, so it wins for
    /// every key it sets. The repository keeps what describes it (layout, platforms, registry, owner, tags).
    static func enforced(_ repository: Policy, defaults: Policy) -> Policy {
        var policy = repository
        policy.rules = repository.rules.filter { $0.value != .off || defaults.rules[$0.key] == .off }
        policy.ignorePaths = defaults.ignorePaths
        policy.testPaths = defaults.testPaths
        return policy
    }
}

/// Why a scan could not run at all (as opposed to findings, which are results).
public enum ScanError: Error, Sendable, CustomStringConvertible {
    case discovery(DiscoveryError)
    case config(ConfigError)

    public var description: String {
        switch self {
        case .discovery(let error): error.description
        case .config(let error): error.description
        }
    }
}
