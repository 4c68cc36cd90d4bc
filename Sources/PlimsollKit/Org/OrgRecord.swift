import Foundation
import PlimsollCore
import PlimsollRules
import RepositoryModel

/// One repository's line of `summary.jsonl`: everything the matrix and the dashboard need, and nothing that
/// depends on when or where the scan ran (no timings, no absolute paths), so shards merge byte for byte.
public struct OrgRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case ok, errored
    }

    /// Where a repository stands as a whole: what the dashboard, the history and the totals count.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case compliant, failing
        /// No Dockerfile and no workflow that builds an image: the standard does not apply.
        case notApplicable = "not applicable"
        case errored
    }

    /// A rule family's verdict for one repository.
    public enum Compliance: String, Sendable, Hashable, Codable, CaseIterable {
        case compliant, failing, errored
    }

    public var repo: String
    public var url: String
    /// The scanned commit; nil for a plain folder or a repository that could not be fetched.
    public var commit: String?
    public var status: Status
    /// Why the repository errored.
    public var reason: String?
    /// Hash of the effective configuration (tool version, rules, fail level, the repository's `.plimsoll.yml`
    /// and the central policy): a repository is rescanned when it changes.
    public var policy: String
    /// `sarif/<stem>.sarif`, relative to the output folder; nil when the repository errored.
    public var sarif: String?

    /// Whether `path` is a SARIF path this tool writes: `sarif/`, a `fileStem` (ASCII letters, digits, `-`, `_`
    /// and `.` not first), `.sarif`. A record read back from a shard's summary is data someone else wrote: its
    /// path goes into an `href` and is opened for reading, so nothing else (a quote, `..`, `javascript:`) passes.
    public static func isValidSARIFPath(_ path: String) -> Bool {
        guard path.hasPrefix("sarif/"), path.hasSuffix(".sarif") else { return false }
        let stem = path.utf8.dropFirst(6).dropLast(6)
        guard let first = stem.first, first != UInt8(ascii: ".") else { return false }
        return stem.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }
    public var filesScanned: Int
    /// Active (unsuppressed) findings per rule ID.
    public var rules: [String: Int]
    /// Active findings per severity, and `suppressed`.
    public var severities: [String: Int]
    /// Verdict per rule family (`STRUCTURE`, `TOKEN`…).
    public var families: [String: Compliance]
    /// False when the standard does not apply (`OrgInventory.applies`); nil in records of older versions and of
    /// errored repositories.
    public var applies: Bool?
    /// The owning team: the manifest's `team:`, else the owner CODEOWNERS names for the whole repository.
    public var team: String?
    /// `owner/name` when the repository is on GitHub (from discovery, the manifest URL or the checkout's
    /// `origin`): what locations link to.
    public var gitHub: String?
    /// The images it publishes and the registry images it builds on (`OrgInventory`), for the org-only checks.
    public var publishes: [OrgInventory.ImageUse]?
    public var bases: [OrgInventory.ImageUse]?
    /// `org --fix --branch`: the branch made with the repository's safe fixes (nil when none was made).
    public var fixBranch: String?
    /// Its commits (one per rule family) and the active findings they clear together.
    public var fixCommits: Int?
    public var fixCleared: Int?
    /// Why no branch was made although fixes were asked for (a dirty work tree, an existing branch…).
    public var fixRefused: String?

    public init(
        repo: String, url: String, commit: String?, status: Status, reason: String?, policy: String, sarif: String?,
        filesScanned: Int, rules: [String: Int], severities: [String: Int], families: [String: Compliance]
    ) {
        self.repo = repo
        self.url = url
        self.commit = commit
        self.status = status
        self.reason = reason
        self.policy = policy
        self.sarif = sarif
        self.filesScanned = filesScanned
        self.rules = rules
        self.severities = severities
        self.families = families
    }

    /// The families every record has: those with at least one rule, in catalog order, without `ONLINE`, which
    /// only an `--online` run checks (an offline run must not call it compliant).
    public static let families: [RuleFamily] = {
        let present = Set(RuleRegistry.descriptions.map(\.family))
        return RuleFamily.allCases.filter { present.contains($0) && $0 != .online }
    }()

    /// The columns of a report over `records`: `families`, plus `ONLINE` when some record was checked online.
    public static func families(for records: [OrgRecord]) -> [RuleFamily] {
        records.contains { $0.families[RuleFamily.online.rawValue] != nil } ? families + [.online] : families
    }

    /// A record for a repository that could not be fetched or scanned.
    public static func errored(_ repository: OrgRepository, commit: String?, policy: String, reason: String) -> OrgRecord {
        OrgRecord(
            repo: repository.name, url: repository.displayURL, commit: commit, status: .errored,
            reason: reason, policy: policy, sarif: nil, filesScanned: 0, rules: [:],
            severities: Dictionary(uniqueKeysWithValues: (Severity.allCases.map(\.rawValue) + ["suppressed"]).map { ($0, 0) }),
            families: Dictionary(uniqueKeysWithValues: families.map { ($0.rawValue, .errored) }))
    }

    /// The record of a finished scan. A family fails when it has an active finding at or above `failLevel`.
    public static func scanned(
        _ repository: OrgRepository, commit: String?, policy: String, sarif: String, result: ScanResult,
        failLevel: Severity, online: Bool = false, inventory: OrgInventory? = nil
    ) -> OrgRecord {
        let families = online ? Self.families + [.online] : Self.families
        var rules: [String: Int] = [:]
        var severities = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
        severities["suppressed"] = result.suppressedCount
        var failing = Set<RuleFamily>()
        let familyOf = Dictionary(result.rules.map { ($0.id, $0.family) }, uniquingKeysWith: { first, _ in first })
        for finding in result.activeFindings {
            rules[finding.ruleID, default: 0] += 1
            severities[finding.severity.rawValue, default: 0] += 1
            if finding.severity >= failLevel, let family = familyOf[finding.ruleID] { failing.insert(family) }
        }
        return OrgRecord(
            repo: repository.name, url: repository.displayURL, commit: commit, status: .ok, reason: nil,
            policy: policy, sarif: sarif, filesScanned: result.filesScanned, rules: rules, severities: severities,
            families: Dictionary(uniqueKeysWithValues: families.map { ($0.rawValue, failing.contains($0) ? .failing : .compliant) }))
            .inventory(inventory)
    }

    private func inventory(_ inventory: OrgInventory?) -> OrgRecord {
        guard let inventory else { return self }
        var record = self
        record.applies = inventory.applies
        record.publishes = inventory.publishes.isEmpty ? nil : inventory.publishes
        record.bases = inventory.bases.isEmpty ? nil : inventory.bases
        return record
    }

    public var state: State {
        if status == .errored { return .errored }
        if applies == false { return .notApplicable }
        return failingFamilies > 0 ? .failing : .compliant
    }

    /// Findings that a suppression hid.
    public var suppressedCount: Int { severities["suppressed"] ?? 0 }

    /// The record with what the manifest and the checkout say about the repository now (a reused record keeps
    /// its scan, not its team).
    func describing(_ repository: OrgRepository, gitHub: GitHubRepository?, team: String?) -> OrgRecord {
        var record = self
        record.team = team
        record.gitHub = gitHub.map { "\($0.owner)/\($0.name)" }
        return record
    }

    /// The record with what `org --fix --branch` did.
    func fixed(_ outcome: OrgFixBranch.Outcome, branch: String) -> OrgRecord {
        var record = self
        switch outcome {
        case .created(let commits):
            record.fixBranch = branch
            record.fixCommits = commits.count
            record.fixCleared = outcome.cleared
        case .nothingToFix: break
        case .refused(let reason): record.fixRefused = reason
        }
        return record
    }

    /// Active findings of every severity.
    public var findingCount: Int { Severity.allCases.reduce(0) { $0 + (severities[$1.rawValue] ?? 0) } }

    public var failingFamilies: Int { families.values.count { $0 == .failing } }

    /// One compact JSON line with sorted keys, no newline.
    public var jsonLine: String {
        var object: JSONObject = [
            "repo": .string(repo),
            "url": .string(url),
            "commit": commit.map(JSONValue.string) ?? .null,
            "status": .string(status.rawValue),
            "reason": reason.map(JSONValue.string) ?? .null,
            "policy": .string(policy),
            "sarif": sarif.map(JSONValue.string) ?? .null,
            "filesScanned": .int(filesScanned),
            "rules": .object(rules.mapValues(JSONValue.int)),
            "severities": .object(severities.mapValues(JSONValue.int)),
        ]
        object["families"] = .object(families.mapValues { .string($0.rawValue) })
        // Written only when set, so records of repositories without them read as before.
        if let applies { object["applies"] = .bool(applies) }
        if let team { object["team"] = .string(team) }
        if let gitHub { object["gitHub"] = .string(gitHub) }
        for (key, uses) in [("publishes", publishes), ("bases", bases)] {
            guard let uses else { continue }
            object[key] = .array(
                uses.map { .object(["image": .string($0.image), "path": .string($0.path), "line": .int($0.line)]) })
        }
        if let fixBranch { object["fixBranch"] = .string(fixBranch) }
        if let fixCommits { object["fixCommits"] = .int(fixCommits) }
        if let fixCleared { object["fixCleared"] = .int(fixCleared) }
        if let fixRefused { object["fixRefused"] = .string(fixRefused) }
        return JSONValue.object(object).rendered(pretty: false)
    }

    /// Parses one line written by `jsonLine`.
    public init(jsonLine: Substring) throws {
        self = try JSONDecoder().decode(OrgRecord.self, from: Data(jsonLine.utf8))
    }
}
