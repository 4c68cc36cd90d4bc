import Foundation
import PlimsollCore
@testable import PlimsollKit

/// Local git repositories for the org-scan tests, each reachable through a `file://` URL, and a manifest
/// listing them. Nothing reaches the network.
final class OrgFixture {
    let directory: TemporaryDirectory
    var sources: URL { directory.url.appendingPathComponent("sources") }
    var manifestPath: String { directory.path + "/repos.yml" }

    /// What each repository is, by name.
    enum Kind: Equatable {
        case compliant, violating, wrongCase, rootLayout, brokenWorkflow, badConfig, missingDockerfile, cloneFails
    }

    static let hostileName = "<img src=x onerror=alert(1)>"

    /// 23 repositories: the kinds the tests check, several of each.
    let kinds: [(name: String, kind: Kind)] =
        (1...8).map { (String(format: "compliant-%02d", $0), Kind.compliant) }
        + (1...6).map { (String(format: "violating-%02d", $0), Kind.violating) }
        + [
            ("wrong-case", .wrongCase), ("root-layout", .rootLayout), ("broken-workflow-1", .brokenWorkflow),
            ("broken-workflow-2", .brokenWorkflow), ("bad-config", .badConfig), ("no-dockerfile", .missingDockerfile),
            ("missing-remote", .cloneFails), ("comma, \"quoted\"", .compliant), (OrgFixture.hostileName, .violating),
        ]

    init() throws {
        directory = try TemporaryDirectory()
        var manifest = "repos:\n"
        for (index, (name, kind)) in kinds.enumerated() {
            let folder = sources.appendingPathComponent("repo-\(index)")
            if kind == .cloneFails {
                manifest += "  - url: \(Self.yamlQuoted("file://" + folder.path + "-does-not-exist"))\n"
            } else {
                try Self.populate(folder, kind: kind)
                try Self.commitAll(in: folder, message: "initial")
                manifest += "  - url: \(Self.yamlQuoted("file://" + folder.path))\n"
            }
            manifest += "    name: \(Self.yamlQuoted(name))\n"
        }
        try directory.write("repos.yml", manifest)
    }

    func folder(of name: String) -> URL {
        let index = kinds.firstIndex { $0.name == name }!
        return sources.appendingPathComponent("repo-\(index)")
    }

    func head(of name: String) throws -> String {
        try ProcessRunner.git(["rev-parse", "HEAD"], in: folder(of: name)).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func repositories() throws -> [OrgRepository] { try OrgManifest.load(path: manifestPath) }

    func runner(output: String, cache: String, shard: OrgShard? = nil, policy: String? = nil) throws -> OrgRunner {
        OrgRunner(
            repositories: try repositories(), fetcher: GitFetcher(cacheDirectory: cache, timeout: .seconds(120)),
            outputDirectory: output, policyFile: policy.map { SourceFile(path: "policy.yml", text: $0) },
            shard: shard, jobs: 3)
    }

    static func populate(_ folder: URL, kind: Kind) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        func copy(_ fixture: String) throws {
            let source = TestPaths.repos.appendingPathComponent(fixture)
            for item in try manager.contentsOfDirectory(atPath: source.path) {
                try manager.copyItem(at: source.appendingPathComponent(item), to: folder.appendingPathComponent(item))
            }
        }
        func write(_ path: String, _ text: String) throws {
            let file = folder.appendingPathComponent(path)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        switch kind {
        case .compliant: try copy("compliant")
        case .violating: try copy("sample-app")
        case .wrongCase: try copy("wrong-case")
        case .rootLayout: try copy("root-layout")
        case .brokenWorkflow:
            try copy("compliant")
            try write(".github/workflows/broken.yml", "on: [push\njobs: {build: \n")
        case .badConfig:
            try copy("compliant")
            try write(".plimsoll.yml", "layout: [src-docker\n")
        case .missingDockerfile: try write("README.md", "nothing to build\n")
        case .cloneFails: break
        }
    }

    static func commitAll(in folder: URL, message: String) throws {
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
            _ = try ProcessRunner.git(["init", "-q"], in: folder)
        }
        _ = try ProcessRunner.git(["add", "-A"], in: folder)
        let commit = try ProcessRunner.git(["commit", "-q", "-m", message], in: folder)
        guard commit.status == 0 else { throw FixtureError(message: "git commit failed: \(commit.stderr)") }
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Records what an org run reported, from any worker thread.
final class RecordingProgress: OrgProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var finishedRecords: [(OrgRecord, Bool)] = []

    func begin(total: Int) {}
    func started(_ repository: String) {}
    func finished(_ record: OrgRecord, reused: Bool) {
        lock.lock()
        finishedRecords.append((record, reused))
        lock.unlock()
    }
    func end() {}

    /// Names of the repositories that were scanned again rather than reused, sorted.
    var rescanned: [String] {
        lock.lock()
        defer { lock.unlock() }
        return finishedRecords.filter { !$0.1 }.map(\.0.repo).sorted()
    }

    var reused: [String] {
        lock.lock()
        defer { lock.unlock() }
        return finishedRecords.filter { $0.1 }.map(\.0.repo).sorted()
    }
}
