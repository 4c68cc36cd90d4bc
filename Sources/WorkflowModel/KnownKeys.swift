import PlimsollCore
import YAMLSyntax

/// The keys GitHub accepts at each level of a workflow or action file, and the unknown-key check.
/// Source: GitHub docs "Workflow syntax for GitHub Actions" and "Metadata syntax for GitHub Actions".
enum KnownKeys {
    static let workflow: Set<String> = [
        "name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs",
    ]
    static let job: Set<String> = [
        "name", "permissions", "needs", "if", "runs-on", "snapshot", "environment", "concurrency", "outputs", "env",
        "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error", "container", "services", "uses",
        "with", "secrets",
    ]
    static let step: Set<String> = [
        "id", "if", "name", "uses", "run", "working-directory", "shell", "with", "env", "continue-on-error",
        "timeout-minutes",
        // Parallel steps (generally available 2026-06-25).
        "background", "parallel", "wait", "wait-all", "cancel",
    ]
    static let eventFilters: Set<String> = [
        "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types", "workflows",
        "inputs", "secrets", "outputs",
    ]
    static let action: Set<String> = ["name", "author", "description", "inputs", "outputs", "runs", "branding"]
    static let actionRuns: Set<String> = [
        "using", "main", "pre", "pre-if", "post", "post-if", "steps", "image", "args", "entrypoint",
        "pre-entrypoint", "post-entrypoint", "env",
    ]

    /// Reports every key of `pairs` not in `known`, with a "did you mean" for a near miss.
    static func check(_ pairs: YAMLNode.Pairs, known: Set<String>, section: String, context: inout ModelContext) {
        // Key texts only: no node handles (each a retain and a release) unless there is something to report.
        for position in pairs.indices {
            guard let key = pairs.keyString(at: position) else {
                context.report(.expectedScalar("key in \(section)", at: pairs.key(at: position).span))
                continue
            }
            if known.contains(key) { continue }
            context.report(.unknownKey(
                key, in: section, suggestion: suggestion(for: key, among: known), at: pairs.key(at: position).span))
        }
    }

    /// The closest candidate: a case-insensitive match, else the nearest within edit distance 1 (2 for names of
    /// five or more characters), else a candidate that starts with the key (`working-dir` → `working-directory`).
    static func suggestion<S: Sequence>(for key: String, among candidates: S) -> String? where S.Element == String {
        let lowered = key.lowercased()
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            if candidate.lowercased() == lowered { return candidate }
            let limit = candidate.count >= 5 ? 2 : 1
            let distance = Suggestion.editDistance(lowered, candidate)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.0 }
        guard lowered.count >= 4 else { return nil }
        return candidates.sorted().first { $0.hasPrefix(lowered) }
    }
}
