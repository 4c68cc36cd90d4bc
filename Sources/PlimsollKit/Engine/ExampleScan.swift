import PlimsollCore
import PlimsollRules
import RepositoryModel

/// Scans a rule's documented example in memory. The test suite runs every example through this, so the
/// examples in `rules/<ID>.md` are executed, not just shown.
struct ExampleScan: Sendable {
    /// Where the `↓` markers say findings start: repo-relative path and location.
    public let expected: [(path: String, location: SourceLocation)]
    /// This rule's findings on the example.
    public let findings: [Finding]

    public init(rule: any Rule.Type, example: RuleExample) throws(ScanError) {
        var files: [String: [UInt8]] = [:]
        var expected: [(String, SourceLocation)] = []
        for file in example.files {
            var bytes: [UInt8] = []
            var markers: [Int] = []
            for character in file.content {
                if character == RuleExample.marker {
                    markers.append(bytes.count)
                } else {
                    bytes.append(contentsOf: Array(String(character).utf8))
                }
            }
            let source = SourceFile(path: file.path, bytes: bytes)
            expected += markers.map { (file.path, source.location(ofOffset: $0)) }
            files[file.path] = bytes
        }
        if let policy = rule.description.examplePolicy, files[".plimsoll.yml"] == nil {
            files[".plimsoll.yml"] = Array(policy.utf8)
        }
        let scanner = Scanner.scanning(example)
        let source = InMemoryRepositorySource(files: files, executables: example.executables, remote: example.checkout)
        // Every rule runs, as in a real scan: suppression rules need the findings of the others.
        let result = try scanner.scan(source, root: ".")
        self.expected = expected
        self.findings = result.findings.filter { $0.ruleID == rule.description.id }
    }
}

extension Scanner {
    /// The scanner for a rule example: an example with GitHub answers is scanned online, through the collector
    /// `scan --online` uses, fed those answers (any other request is a 404).
    static func scanning(_ example: RuleExample) -> Scanner {
        var scanner = Scanner()
        if !example.github.isEmpty {
            scanner.online = GitHubFactsCollector(
                client: GitHubClient(
                    apiURL: FixtureTransport.apiURL, token: nil, transport: FixtureTransport(example.github)))
        }
        return scanner
    }
}
