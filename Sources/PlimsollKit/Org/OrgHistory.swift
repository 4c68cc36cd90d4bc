import Foundation

/// One earlier (or the current) org run as the history keeps it: per repository, where it stood, the families
/// it failed and its active findings per rule. Enough for the chart and for what changed since the run before.
public struct OrgRun: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var state: OrgRecord.State
        /// Failing rule families, sorted.
        public var failing: [String]
        /// Active findings per rule ID.
        public var rules: [String: Int]

        public init(state: OrgRecord.State, failing: [String], rules: [String: Int]) {
            self.state = state
            self.failing = failing
            self.rules = rules
        }
    }

    /// When or what the run was (a UTC date, or the folder an earlier summary came from); nil when not known.
    public var label: String?
    public var repos: [String: Entry]

    public init(label: String?, repos: [String: Entry]) {
        self.label = label
        self.repos = repos
    }

    /// The run that `records` describe.
    public init(records: [OrgRecord], label: String?) {
        self.label = label
        repos = Dictionary(
            records.map { record in
                (
                    record.repo,
                    Entry(
                        state: record.state,
                        failing: record.families.filter { $0.value == .failing }.map(\.key).sorted(),
                        rules: record.rules.filter { $0.value > 0 })
                )
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Repositories in a state.
    public func count(_ state: OrgRecord.State) -> Int { repos.values.count { $0.state == state } }

    /// Repositories the standard applies to whose `family` passes (compliant ones, and failing ones that fail
    /// other families only).
    public func compliant(in family: String) -> Int {
        repos.values.count { ($0.state == .compliant || $0.state == .failing) && !$0.failing.contains(family) }
    }

    /// One compact JSON line with sorted keys, no newline.
    var jsonLine: String {
        var object: JSONObject = [
            "repos": .object(
                repos.mapValues { entry in
                    .object([
                        "state": .string(entry.state.rawValue),
                        "failing": .array(entry.failing.map(JSONValue.string)),
                        "rules": .object(entry.rules.mapValues(JSONValue.int)),
                    ])
                })
        ]
        if let label { object["label"] = .string(label) }
        return JSONValue.object(object).rendered(pretty: false)
    }
}

/// `history.jsonl` in the output folder: a line per org run, oldest first. Each run appends one; `merge`
/// combines the shards' histories run by run, so a merged folder has the history one unsharded folder would.
enum OrgHistory {
    public static let fileName = "history.jsonl"

    /// The runs recorded in `directory`; none when it has no history yet.
    public static func read(in directory: String) throws(OrgError) -> [OrgRun] {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var runs: [OrgRun] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() where !line.isEmpty
        {
            do { runs.append(try JSONDecoder().decode(OrgRun.self, from: Data(line.utf8))) } catch {
                throw .badResults(path: path, line: index + 1, reason: "not a history record")
            }
        }
        return runs
    }

    /// `--history DIR`: earlier runs' output folders (each with a `summary.jsonl`) or summary files (`*.jsonl`)
    /// directly in `directory`, oldest first by name, each labelled with its name.
    public static func readSummaries(in directory: String) throws(OrgError) -> [OrgRun] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .unreadableFolder(directory, reason: error.localizedDescription)
        }
        var runs: [OrgRun] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                guard FileManager.default.fileExists(atPath: path + "/" + OrgOutput.summaryName) else { continue }
                runs.append(OrgRun(records: try OrgOutput.readSummary(in: path), label: name))
            } else if name.hasSuffix(".jsonl") {
                runs.append(OrgRun(records: try OrgOutput.readSummary(file: path), label: name))
            }
        }
        return runs
    }

    public static func render(_ runs: [OrgRun]) -> String {
        runs.map { $0.jsonLine + "\n" }.joined()
    }

    /// The shards' histories as one: the last runs of each line up (shards run together), and each merged run
    /// holds every shard's repositories with the latest label among them.
    public static func merge(_ histories: [[OrgRun]]) -> [OrgRun] {
        let length = histories.map(\.count).max() ?? 0
        return (0..<length).map { position in
            var merged = OrgRun(label: nil, repos: [:])
            for history in histories {
                let index = history.count - length + position
                guard index >= 0 else { continue }
                let run = history[index]
                merged.repos.merge(run.repos) { first, _ in first }
                if let label = run.label, merged.label.map({ label > $0 }) ?? true { merged.label = label }
            }
            return merged
        }
    }
}

/// What changed between two runs, for "since last run".
struct OrgChanges: Sendable, Hashable {
    public struct RuleChange: Sendable, Hashable {
        public var repo: String
        public var rule: String
        /// Positive: new findings; negative: fixed ones.
        public var delta: Int
    }

    /// Repositories compliant now that were not in the previous run (failing, errored or not applicable).
    public var becameCompliant: [String] = []
    /// Repositories compliant in the previous run and failing or errored now.
    public var regressed: [String] = []
    public var fixed = 0
    public var new = 0
    /// Per repository and rule, sorted by repository then rule.
    public var ruleChanges: [RuleChange] = []

    /// Repositories present in both runs are compared; the others are new to the scan or gone from it.
    public init(from previous: OrgRun, to current: OrgRun) {
        for (repo, now) in current.repos.sorted(by: { $0.key < $1.key }) {
            guard let before = previous.repos[repo] else { continue }
            if now.state == .compliant, before.state != .compliant { becameCompliant.append(repo) }
            if before.state == .compliant, now.state == .failing || now.state == .errored { regressed.append(repo) }
            // Findings count where the standard applies: an errored scan has none, a not-applicable repository's
            // say nothing about the rollout.
            let counted: Set<OrgRecord.State> = [.compliant, .failing]
            guard counted.contains(now.state), counted.contains(before.state) else { continue }
            for rule in Set(before.rules.keys).union(now.rules.keys).sorted() {
                let delta = (now.rules[rule] ?? 0) - (before.rules[rule] ?? 0)
                guard delta != 0 else { continue }
                ruleChanges.append(RuleChange(repo: repo, rule: rule, delta: delta))
                if delta > 0 { new += delta } else { fixed -= delta }
            }
        }
    }
}
