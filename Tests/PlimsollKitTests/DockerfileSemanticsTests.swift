import Foundation
import PlimsollCore
@testable import PlimsollKit
@testable import RepositoryModel
import Testing

@testable import PlimsollRules

/// A fixture repository of `Fixtures/repos/semantics/` and the findings of the rules it is about, as
/// `rule path:line` (severity included when it is not the rule's point), sorted. Every finding of those rules
/// must be listed, and every listed one found.
struct SemanticsCase: CustomTestStringConvertible, Sendable {
    let folder: String
    let rules: Set<String>
    let expected: [String]
    /// Expected entries read `rule severity path:line`.
    var withSeverity = false

    var testDescription: String { folder }

    static let all: [SemanticsCase] = [
        SemanticsCase(
            folder: "per-target-stages", rules: ["PL201", "PL202"],
            expected: [
                "PL201 src/docker/Dockerfile:19",
                "PL202 src/docker/Dockerfile:20",
            ]),
        SemanticsCase(
            folder: "parent-stage-arg", rules: ["PL203", "PL204", "PL205"],
            expected: ["PL203 src/docker/Dockerfile:13"]),
        SemanticsCase(
            folder: "per-arch-suffix", rules: ["PL201", "PL202"],
            expected: ["PL201 Dockerfile:1"]),
        SemanticsCase(
            folder: "official-images", rules: ["PL201", "PL202"],
            expected: ["PL201 amd64/Dockerfile:1", "PL202 arm64v8/Dockerfile:5"]),
        SemanticsCase(folder: "per-arch-workflow", rules: ["PL201", "PL202"], expected: []),
        SemanticsCase(
            folder: "multi-arch-beside-variant", rules: ["PL201", "PL202"],
            expected: ["PL201 Dockerfile.armhf:1", "PL202 Dockerfile:4"]),
        SemanticsCase(
            folder: "templates-by-name", rules: ["PL001", "PL003", "PL106"],
            expected: [
                "PL003 src/docker/Dockerfile.jinja2:1", "PL003 src/docker/Dockerfile.linux:1",
                "PL106 src/docker/Dockerfile:2",
            ]),
        SemanticsCase(
            folder: "templates-in-folder", rules: ["PL001", "PL003", "PL106"],
            expected: ["PL003 templates/debian/Dockerfile:1"]),
        SemanticsCase(
            folder: "template-repository", rules: ["PL001", "PL003", "PL106"],
            expected: ["PL003 src/docker/Dockerfile:1"]),
        SemanticsCase(
            folder: "template-config", rules: ["PL001", "PL003", "PL106"],
            expected: ["PL003 deploy/Dockerfile:1", "PL003 src/docker/api.tpl.Dockerfile:1"]),
        SemanticsCase(folder: "git-metadata-checkout", rules: ["PL209"], expected: []),
        SemanticsCase(
            folder: "build-checks", rules: ["PL201", "PL205", "PL206", "PL207", "PL210", "PL211", "PL212", "PL213"],
            expected: [
                "PL211 error docker/checks.Dockerfile:2", "PL207 error docker/checks.Dockerfile:7",
            ], withSeverity: true),
        SemanticsCase(
            folder: "version-lookup", rules: ["PL202"],
            expected: ["PL202 src/docker/Dockerfile:9", "PL202 src/docker/Dockerfile:10"]),
        SemanticsCase(folder: "git-metadata-git-context", rules: ["PL209"], expected: ["PL209 Dockerfile:3"]),
    ]
}

@Suite("Dockerfiles read as BuildKit builds them")
struct DockerfileSemanticsTests {
    @Test("a fixture repository gets exactly the expected findings", arguments: SemanticsCase.all)
    func fixture(_ testCase: SemanticsCase) throws {
        let root = TestPaths.repos.appendingPathComponent("semantics/\(testCase.folder)")
        let result = try Scanner().scan(try DiskRepositorySource(root: root.path), root: ".")
        let found = result.findings.filter { testCase.rules.contains($0.ruleID) }
            .map { finding in
                let severity = testCase.withSeverity ? " \(finding.severity.rawValue)" : ""
                return "\(finding.ruleID)\(severity) \(finding.path):\(finding.span.lowerBound.line)"
            }.sorted()
        #expect(found == testCase.expected.sorted(), "\(result.findings.filter { testCase.rules.contains($0.ruleID) }.map(\.message))")
    }
}

@Suite("BuildKit's check directive")
struct BuildKitCheckDirectiveTests {
    @Test("skip lists, skip=all and error=, as BuildKit's ParseLintOptions reads them")
    func parsing() {
        let listed = BuildKitCheckDirective(parsing: " skip = JSONArgsRecommended, FromAsCasing ;error=true")
        #expect(listed.skips(.jsonArgsRecommended))
        #expect(listed.skips(.fromAsCasing))
        #expect(!listed.skips(.redundantTargetPlatform))
        #expect(listed.severity(of: .redundantTargetPlatform) == .error)
        let all = BuildKitCheckDirective(parsing: "skip=all")
        #expect(BuildKitCheck.allCases.allSatisfy(all.skips))
        #expect(all.severity(of: .fromAsCasing) == nil)
        let off = BuildKitCheckDirective(parsing: "error=false;skip=jsonargsrecommended")
        #expect(!off.skips(.jsonArgsRecommended), "check names are matched as written, as BuildKit does")
        #expect(off.severity(of: .jsonArgsRecommended) == nil)
    }

    @Test("every BuildKit check maps to a registered rule whose documentation names it")
    func mapping() throws {
        for check in BuildKitCheck.allCases {
            let rule = try #require(RuleRegistry.descriptions.first { $0.id == check.ruleID }, "\(check.ruleID)")
            #expect(
                (rule.title + rule.summary + rule.rationale).contains(check.rawValue),
                "\(check.ruleID) does not name \(check.rawValue)")
        }
    }
}
