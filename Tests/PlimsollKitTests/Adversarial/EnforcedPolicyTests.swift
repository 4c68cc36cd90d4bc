import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attack 18: `enforce: true` in a central policy only turned inline suppressions off; the repository's
/// own `.plimsoll.yml` could still turn rules off or ignore every path, and the scan passed.
@Suite("Adversarial: an enforcing policy")
struct EnforcedPolicyTests {
    static let evasion = "rules: {PL101: off, PL102: off}\nignore-paths: ['**']\ntest-paths: ['**']\n"

    private func scan(repositoryConfig: String, policy: String?) throws -> ScanResult {
        let files: [String: [UInt8]] = [
            ".plimsoll.yml": Array(repositoryConfig.utf8),
            ".github/workflows/build.yml": Array("on: [\n".utf8),
        ]
        var scanner = Scanner()
        scanner.policyFile = policy.map { SourceFile(path: "policy.yml", text: $0) }
        return try scanner.scan(InMemoryRepositorySource(files: files), root: ".")
    }

    @Test("without enforce, the repository's settings stand")
    func notEnforced() throws {
        let result = try scan(repositoryConfig: Self.evasion, policy: "layout: src-docker\n")
        #expect(!result.findings.contains { $0.ruleID == "PL101" })
        #expect(!result.findings.contains { $0.path == ".github/workflows/build.yml" })
    }

    @Test("with enforce, rules turned off are back and no path is ignored")
    func enforced() throws {
        let result = try scan(repositoryConfig: Self.evasion, policy: "enforce: true\n")
        #expect(result.findings.contains { $0.ruleID == "PL101" })
        #expect(result.findings.contains { $0.ruleID == "PL102" })
        #expect(result.findings.contains { $0.ruleID == "PL002" && $0.path == ".github/workflows/build.yml" })
    }

    @Test("the enforcing policy still wins for the keys it sets")
    func policyWins() throws {
        let result = try scan(repositoryConfig: Self.evasion, policy: "enforce: true\nrules: {PL102: off}\nignore-paths: ['.github/**']\n")
        #expect(result.findings.contains { $0.ruleID == "PL101" })
        #expect(!result.findings.contains { $0.ruleID == "PL102" })
        #expect(!result.findings.contains { $0.path == ".github/workflows/build.yml" })
    }
}
