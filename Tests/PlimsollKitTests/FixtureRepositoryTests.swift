import Foundation
@testable import PlimsollKit
import Testing

/// Golden text reports of the example repositories: a change in what Plimsoll finds shows up as a diff.
/// Re-record with `RECORD_SNAPSHOTS=1 make test` (the run fails while recording, so nothing passes unseen).
@Suite("Fixture repositories")
struct FixtureRepositoryTests {
    static let repositories = ["compliant", "sample-app", "wrong-case", "root-layout"]

    @Test("the text report matches the snapshot", arguments: repositories)
    func snapshot(_ name: String) throws {
        let root = TestPaths.repos.appendingPathComponent(name)
        let result = try Scanner().scan(try DiskRepositorySource(root: root.path), root: name)
        let report = TextReporter.report(result, options: ReportOptions())
        let snapshot = TestPaths.fixtures.appendingPathComponent("expected/\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(
                at: snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.utf8).write(to: snapshot)
            Issue.record("recorded \(snapshot.lastPathComponent); run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(report == expected)
    }

    @Test("the compliant repository has no findings at all")
    func compliantIsClean() throws {
        let root = TestPaths.repos.appendingPathComponent("compliant")
        let result = try Scanner().scan(try DiskRepositorySource(root: root.path), root: ".")
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.ruleID) \($0.path): \($0.message)" })")
    }
}
