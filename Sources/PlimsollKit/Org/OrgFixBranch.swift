import Foundation
import PlimsollCore
import PlimsollRules

/// `plimsoll org --fix --branch NAME` for one git work tree: the safe fixes of its findings, family by family
/// (one commit each, in catalog order, each scanned on top of the one before), on a new branch made from HEAD.
///
/// The commits are made with git's plumbing (`hash-object --no-filters`, `update-index` on a temporary index,
/// `write-tree`, `commit-tree`, `update-ref`): the work tree, the index, HEAD and the checked-out branch are
/// never touched, so the user stays where they were and nothing is written through the repository's files.
/// No hook, signing program or fsmonitor runs (`GitCommand` points hooks at /dev/null and turns fsmonitor off;
/// signing is off) and the fixed bytes are stored without filters (`--no-filters`). Only the checkout's own
/// `.git/config` is read, as `git status` needs it to tell whether the tree is clean. Nothing is pushed.
public struct OrgFixBranch: Sendable {
    /// The branch to create (`refs/heads/<branch>`).
    public var branch: String
    /// The scanner the fixes are computed with (the org run's: same policy).
    public var scanner: Scanner
    /// The most one repository's git commands may take, together.
    public var timeout: Duration

    public init(branch: String, scanner: Scanner, timeout: Duration = .seconds(300)) {
        self.branch = branch
        self.scanner = scanner
        self.timeout = timeout
    }

    /// Who the commits are by: fixed, so no user or global git configuration is needed or read.
    static let identityOptions = [
        "-c", "user.name=plimsoll", "-c", "user.email=plimsoll@noreply.invalid",
        "-c", "commit.gpgSign=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
    ]

    /// One family's commit.
    public struct FamilyCommit: Sendable, Hashable {
        public var family: RuleFamily
        /// The commit's full message.
        public var message: String
        /// Files it changes, sorted.
        public var files: [String]
        /// Rule IDs whose fixes it applies, sorted.
        public var rules: [String]
        /// Active findings the commit clears (the scan before it minus the scan after it).
        public var cleared: Int
    }

    /// Why a repository's fixes could not be computed.
    struct Refusal: Error, Sendable {
        var reason: String
    }

    public enum Outcome: Sendable, Hashable {
        /// The branch was created with these commits (oldest first).
        case created(commits: [FamilyCommit])
        /// No safe fix applies: no branch.
        case nothingToFix
        /// Not done, and why (a dirty tree, an existing branch, a file whose bytes differ from HEAD's).
        case refused(String)

        /// Findings the branch clears, all commits together.
        public var cleared: Int {
            guard case .created(let commits) = self else { return 0 }
            return commits.reduce(0) { $0 + $1.cleared }
        }
    }

    /// Whether `name` is a branch name git accepts (`git check-ref-format --branch`), checked once before a run.
    public static func isValidBranchName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("-") else { return false }
        let output = GitCommand.run(["check-ref-format", "--branch", name], deadline: .now + .seconds(30))
        return output.status == 0
    }

    public func apply(in path: String, root: String) -> Outcome {
        let deadline = ContinuousClock.now + timeout
        func git(_ arguments: [String], index: String? = nil) -> GitCommand.Output {
            var environment = ["GIT_LITERAL_PATHSPECS": "1", "GIT_OPTIONAL_LOCKS": "0"]
            if let index { environment["GIT_INDEX_FILE"] = index }
            return GitCommand.run(
                ["-C", path] + arguments, options: Self.identityOptions, extraEnvironment: environment, deadline: deadline)
        }
        // A work tree of its own, on a commit.
        let top = git(["rev-parse", "--show-toplevel", "--verify", "HEAD^{commit}"])
        let lines = top.stdout.split(separator: "\n").map(String.init)
        guard top.status == 0, lines.count == 2, DiskRepositorySource.realPath(lines[0]) == DiskRepositorySource.realPath(path)
        else { return .refused("not a git work tree with a commit") }
        let head = lines[1]
        if git(["rev-parse", "--verify", "--quiet", "refs/heads/" + branch]).status == 0 {
            return .refused("branch '\(branch)' already exists")
        }
        let status = git(["status", "--porcelain", "-z", "--untracked-files=normal"])
        guard status.status == 0 else { return .refused("git status failed: \(status.reason)") }
        if !status.stdout.isEmpty { return .refused("the work tree has uncommitted changes") }

        let steps: [(family: RuleFamily, outcome: FixOutcome)]
        switch fixes(in: path, root: root) {
        case .success(let found): steps = found
        case .failure(let refusal): return .refused(refusal.reason)
        }
        if steps.isEmpty { return .nothingToFix }

        let scratch: TemporaryFolder
        do { scratch = try TemporaryFolder() } catch { return .refused("cannot make a temporary folder: \(error)") }
        defer { scratch.remove() }
        let index = scratch.path + "/index"
        var blobCount = 0
        /// The blob id of `bytes`, written to the repository's objects when `write`.
        func blob(_ bytes: [UInt8], write: Bool) -> String? {
            blobCount += 1
            let file = scratch.path + "/blob-\(blobCount)"
            guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else { return nil }
            let output = git(["hash-object"] + (write ? ["-w"] : []) + ["--no-filters", "--", file])
            return output.status == 0 ? output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }

        // Every file a fix edits must be committed and hold, in the work tree, exactly its committed bytes (a
        // checkout filter or an ignored file would make the commit say something else than the fix).
        var modes: [String: String] = [:]
        var firstOriginal: [String: [UInt8]] = [:]
        for step in steps {
            for (file, bytes) in step.outcome.original where firstOriginal[file] == nil { firstOriginal[file] = bytes }
        }
        var createdFiles: [String: FileCreation] = [:]
        for step in steps {
            for (file, mode) in step.outcome.created where createdFiles[file] == nil { createdFiles[file] = mode }
        }
        for (file, bytes) in firstOriginal.sorted(by: { $0.key < $1.key }) {
            let listed = git(["ls-tree", "-z", head, "--", file])
            // A file a fix creates must not be in the commit either.
            if let mode = createdFiles[file] {
                guard listed.status == 0, listed.stdout.isEmpty else {
                    return .refused("'\(TerminalText.sanitize(file))' is committed but was not there to fix")
                }
                modes[file] = mode.gitMode
                continue
            }
            let fields = listed.stdout.split(separator: "\0").first?.split(separator: "\t", maxSplits: 1)
            let words = fields?.first?.split(separator: " ").map(String.init) ?? []
            guard listed.status == 0, words.count == 3, words[1] == "blob", fields?.last.map(String.init) == file else {
                return .refused("'\(TerminalText.sanitize(file))' is not committed")
            }
            guard blob(bytes, write: false) == words[2] else {
                return .refused("'\(TerminalText.sanitize(file))' differs from its committed bytes (a checkout filter?)")
            }
            modes[file] = words[0]
        }

        guard git(["read-tree", head], index: index).status == 0 else { return .refused("git read-tree failed") }
        var parent = head
        var commits: [FamilyCommit] = []
        for (family, outcome) in steps {
            for file in outcome.changedPaths {
                guard let final = outcome.final[file], let id = blob(final, write: true), let mode = modes[file] else {
                    return .refused("cannot store the fixed '\(TerminalText.sanitize(file))'")
                }
                // A created file is new to the index.
                let add = createdFiles[file] != nil ? ["--add"] : []
                let updated = git(["update-index"] + add + ["--cacheinfo", "\(mode),\(id),\(file)"], index: index)
                guard updated.status == 0 else { return .refused("git update-index failed: \(updated.reason)") }
            }
            let tree = git(["write-tree"], index: index)
            guard tree.status == 0 else { return .refused("git write-tree failed: \(tree.reason)") }
            let commit = Self.commit(family: family, outcome: outcome)
            let made = git([
                "commit-tree", "--no-gpg-sign", tree.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                "-p", parent, "-m", commit.message,
            ])
            guard made.status == 0 else { return .refused("git commit-tree failed: \(made.reason)") }
            parent = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            commits.append(commit)
        }
        // The empty old value: the branch must still not exist (another process may have made it meanwhile).
        let created = git(["update-ref", "-m", "plimsoll org --fix", "refs/heads/" + branch, parent, ""])
        guard created.status == 0 else { return .refused("cannot create branch '\(branch)': \(created.reason)") }
        return .created(commits: commits)
    }

    /// The safe fixes family by family, each computed on the files as the families before it left them.
    func fixes(in path: String, root: String) -> Result<[(family: RuleFamily, outcome: FixOutcome)], Refusal> {
        let source: DiskRepositorySource
        do { source = try DiskRepositorySource(root: path) } catch { return .failure(Refusal(reason: error.description)) }
        var edited: [String: [UInt8]] = [:]
        var created: [String: FileCreation] = [:]
        var steps: [(family: RuleFamily, outcome: FixOutcome)] = []
        for family in RuleFamily.allCases where family != .online {
            let ids = Set(RuleRegistry.descriptions.filter { $0.family == family }.map(\.id))
            if ids.isEmpty { continue }
            let fixer = Fixer(scanner: scanner, options: FixOptions(includeUnsafe: false, ruleIDs: ids))
            let outcome: FixOutcome
            do { outcome = try fixer.run(OverlaySource(base: source, edited: edited, created: created), root: root) } catch {
                return .failure(Refusal(reason: error.description))
            }
            if outcome.changedPaths.isEmpty { continue }
            for file in outcome.changedPaths { edited[file] = outcome.final[file] }
            for (file, mode) in outcome.created { created[file] = mode }
            steps.append((family, outcome))
        }
        return .success(steps)
    }

    /// One family's commit message: what changed (files, each fix where its finding was) and why (the rules).
    static func commit(family: RuleFamily, outcome: FixOutcome) -> FamilyCommit {
        let titles = Dictionary(RuleRegistry.descriptions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let cleared = outcome.activeBefore - outcome.activeAfter
        let files = outcome.changedPaths
        let rules = outcome.countsByRule
        func clean(_ text: String) -> String { TerminalText.sanitize(text) }
        var lines = [
            "plimsoll: fix \(family.rawValue) findings (\(rules.map(\.ruleID).joined(separator: ", ")))", "",
            "Safe automatic fixes by plimsoll \(ToolInfo.version) for the \(family.rawValue) rules "
                + "(\(family.title.lowercased())).",
            "Active findings: \(outcome.activeBefore) before, \(outcome.activeAfter) after "
                + "(\(cleared) cleared).", "",
            "Why (the rules; `plimsoll explain ID` says more):",
        ]
        for rule in rules {
            lines.append("- \(rule.ruleID) \(titles[rule.ruleID] ?? ""): \(rule.count) fix\(rule.count == 1 ? "" : "es")")
        }
        lines += ["", "What changed:"]
        for fix in outcome.applied {
            lines.append("- \(clean(fix.path)):\(fix.line): \(fix.ruleID) \(clean(fix.fix.title))")
        }
        lines += ["", "Files:"] + files.map { "- \(clean($0))" }
        return FamilyCommit(
            family: family, message: lines.joined(separator: "\n") + "\n", files: files, rules: rules.map(\.ruleID),
            cleared: cleared)
    }
}

/// A private folder under the system temporary directory for the blobs and index of one repository's fixes.
struct TemporaryFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        path = url.path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
