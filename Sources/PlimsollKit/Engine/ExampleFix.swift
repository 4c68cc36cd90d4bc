import PlimsollCore
import PlimsollRules

/// Runs a rule's documented fix example in memory, as `plimsoll fix --rule ID` (with `--unsafe` for an unsafe
/// fix) would on a repository holding the example's files. The test suite compares `files` with the example's
/// `after`, so the fixes in `rules/<ID>.md` are executed, not just shown.
public struct ExampleFix: Sendable {
    /// Every file of the example after the fix (path → text).
    public let files: [String: String]
    public let outcome: FixOutcome

    public init(rule: any Rule.Type, example: FixExample) throws(ScanError) {
        var files: [String: [UInt8]] = [:]
        for file in example.before.files { files[file.path] = Array(file.content.utf8) }
        if let policy = rule.description.examplePolicy, files[".plimsoll.yml"] == nil {
            files[".plimsoll.yml"] = Array(policy.utf8)
        }
        let source = InMemoryRepositorySource(
            files: files, executables: example.before.executables, remote: example.before.checkout)
        let options = FixOptions(includeUnsafe: example.safety == .unsafe, ruleIDs: [rule.description.id])
        // An example with GitHub answers is `plimsoll fix --online`.
        let outcome = try Fixer(scanner: .scanning(example.before), options: options).run(source, root: ".")
        for move in outcome.moves { files[move.from] = nil }
        for (path, bytes) in outcome.final { files[path] = bytes }
        self.files = files.mapValues { String(decoding: $0, as: UTF8.self) }
        self.outcome = outcome
    }
}
