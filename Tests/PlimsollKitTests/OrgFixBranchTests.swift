import Foundation
import PlimsollCore
@testable import PlimsollKit
import Testing

/// `plimsoll org --fix --branch NAME` on git work trees made here: branches with one commit per rule family,
/// nothing else touched, refusals per repository.
@Suite("Org-wide fix branches")
struct OrgFixBranchTests {
    static let branch = "plimsoll/fixes"

    /// Work trees under `checkouts/`, each a copy of a fixture repository committed on `main`.
    final class Checkouts {
        let directory: TemporaryDirectory
        var root: URL { directory.url.appendingPathComponent("checkouts") }

        init(_ repositories: [(name: String, fixture: String)]) throws {
            directory = try TemporaryDirectory()
            for (name, fixture) in repositories {
                let folder = root.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let source = TestPaths.repos.appendingPathComponent(fixture)
                for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                    try FileManager.default.copyItem(
                        at: source.appendingPathComponent(item), to: folder.appendingPathComponent(item))
                }
                try OrgFixture.commitAll(in: folder, message: "initial")
            }
        }

        func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

        func git(_ name: String, _ arguments: [String]) throws -> String {
            let output = try ProcessRunner.git(arguments, in: folder(name))
            guard output.status == 0 else { throw FixtureError(message: "git \(arguments): \(output.stderr)") }
            return output.stdout
        }

        func branches(_ name: String) throws -> [String] {
            try git(name, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]).split(separator: "\n").map(String.init)
        }

        func run(branch: String = OrgFixBranchTests.branch, output: String = "out", shard: OrgShard? = nil) throws
            -> [String: OrgRecord]
        {
            var runner = OrgRunner(
                repositories: try OrgManifest.checkouts(in: root.path), outputDirectory: directory.path + "/" + output,
                shard: shard, jobs: 2)
            runner.fixBranch = branch
            _ = try runner.run()
            return Dictionary(
                uniqueKeysWithValues: try OrgOutput.readSummary(in: directory.path + "/" + output).map { ($0.repo, $0) })
        }
    }

    /// Every file of the work tree (outside `.git`) with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if path == ".git" || path.hasPrefix(".git/") { continue }
            let url = folder.appendingPathComponent(path)
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test("a file a safe fix creates (the local build script) is committed on the branch with its mode, not in the work tree")
    func createdFileCommitted() throws {
        let checkouts = try Checkouts([])
        let folder = checkouts.folder("tool")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("src/docker"), withIntermediateDirectories: true)
        try Data("FROM alpine:3.20\n".utf8).write(to: folder.appendingPathComponent("src/docker/Dockerfile"))
        try OrgFixture.commitAll(in: folder, message: "initial")
        let before = try Self.snapshot(folder)

        let records = try checkouts.run()
        #expect(try Self.snapshot(folder) == before)
        #expect(try checkouts.git("tool", ["status", "--porcelain"]) == "")
        let record = try #require(records["tool"])
        #expect(record.fixRefused == nil)
        #expect(record.fixBranch == Self.branch)
        let listed = try checkouts.git("tool", ["ls-tree", Self.branch, "--", "src/docker/docker-build.sh"])
        #expect(listed.hasPrefix("100755 blob "), "\(listed)")
        let script = try checkouts.git("tool", ["show", Self.branch + ":src/docker/docker-build.sh"])
        #expect(script.contains("docker build -t tool -f src/docker/Dockerfile .\n"), "\(script)")
        let subjects = try checkouts.git("tool", ["log", "--format=%s", "main.." + Self.branch])
        #expect(subjects.split(separator: "\n").contains("plimsoll: fix STRUCTURE findings (PL102)"), "\(subjects)")
    }

    @Test("a repository with safe fixes gets the branch, one commit per family, and stays as the user left it")
    func branchWithCommitsPerFamily() throws {
        let checkouts = try Checkouts([("app", "sample-app"), ("ok", "compliant")])
        let head = try checkouts.git("app", ["rev-parse", "HEAD"])
        let before = try Self.snapshot(checkouts.folder("app"))
        // What `plimsoll fix` would write (safe fixes only), computed in memory from the same work tree.
        let expected = try Fixer(scanner: Scanner(), options: FixOptions())
            .run(DiskRepositorySource(root: checkouts.folder("app").path), root: "app")
        #expect(!expected.changedPaths.isEmpty, "the fixture has safe fixes")
        // A hook would run on update-ref if hooks were not off: it must not.
        let hook = checkouts.folder("app").appendingPathComponent(".git/hooks/reference-transaction")
        let marker = checkouts.directory.url.appendingPathComponent("hook-ran")
        try Data("#!/bin/sh\ntouch '\(marker.path)'\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        let records = try checkouts.run()

        // The user's side: same branch, same commit, same files, clean status; no hook ran.
        #expect(try checkouts.git("app", ["symbolic-ref", "HEAD"]) == "refs/heads/main\n")
        #expect(try checkouts.git("app", ["rev-parse", "HEAD"]) == head)
        #expect(try checkouts.git("app", ["status", "--porcelain"]) == "")
        #expect(try Self.snapshot(checkouts.folder("app")) == before)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "no hook may run")

        // The branch: on top of HEAD, one commit per family in catalog order, each changing what its rules fix.
        #expect(try checkouts.branches("app").sorted() == ["main", Self.branch])
        let log = try checkouts.git("app", ["log", "--format=%H %an <%ae> %s", "--reverse", "main.." + Self.branch])
            .split(separator: "\n").map(String.init)
        let subjects = log.map { $0.split(separator: " ", maxSplits: 1)[1] }
        #expect(subjects == [
            "plimsoll <plimsoll@noreply.invalid> plimsoll: fix DOCKERFILE findings (PL207)",
            "plimsoll <plimsoll@noreply.invalid> plimsoll: fix WORKFLOW-ARCH findings (PL307)",
            "plimsoll <plimsoll@noreply.invalid> plimsoll: fix TOKEN findings (PL407)",
        ])
        #expect(try checkouts.git("app", ["rev-parse", Self.branch + "~3"]) == head)
        let families = ["DOCKERFILE": ["Dockerfile"], "WORKFLOW-ARCH": [".github/workflows/docker.yml"], "TOKEN": [".github/workflows/docker.yml"]]
        var cleared = 0
        for line in log {
            let commit = String(line.prefix { $0 != " " })
            let message = try checkouts.git("app", ["log", "-1", "--format=%B", commit])
            let family = try #require(families.keys.first { message.hasPrefix("plimsoll: fix \($0) findings") })
            let files = try checkouts.git("app", ["diff-tree", "--no-commit-id", "--name-only", "-r", commit])
            #expect(files.split(separator: "\n").map(String.init) == families[family], "\(family)")
            #expect(message.contains("Files:\n- \(families[family]![0])\n"), "\(message)")
            // Each rule the commit names has a fix line with the file and the rule's ID.
            let rule = try #require(message.firstMatch(of: /findings \((PL\d+)\)/)?.1)
            #expect(message.contains("- \(families[family]![0]):"), "\(message)")
            #expect(message.contains("- \(rule) "), "\(message)")
            let counts = try #require(message.firstMatch(of: /Active findings: (\d+) before, (\d+) after \((\d+) cleared\)/))
            #expect(Int(counts.1)! - Int(counts.2)! == Int(counts.3)!)
            #expect(Int(counts.3)! > 0, "every commit clears something")
            cleared += Int(counts.3)!
        }
        // The branch holds exactly what `plimsoll fix` writes.
        for path in expected.changedPaths {
            let committed = try ProcessRunner.git(["show", Self.branch + ":" + path], in: checkouts.folder("app")).stdout
            #expect(Array(committed.utf8) == expected.final[path], "\(path)")
        }

        // The summary: the branch, its commits and the findings it clears; the compliant repository has none.
        let app = try #require(records["app"])
        #expect(app.fixBranch == Self.branch)
        #expect(app.fixCommits == 3)
        #expect(app.fixCleared == cleared)
        #expect(app.fixRefused == nil)
        let ok = try #require(records["ok"])
        #expect(ok.fixBranch == nil && ok.fixCommits == nil && ok.fixCleared == nil && ok.fixRefused == nil)
        #expect(try checkouts.branches("ok") == ["main"], "an untouched repository gets no branch")

        // Scanning the branch finds `fixCleared` fewer active findings than the scanned HEAD.
        let clone = checkouts.directory.url.appendingPathComponent("clone")
        _ = try ProcessRunner.git(["clone", "-q", "--branch", Self.branch, checkouts.folder("app").path, clone.path], in: checkouts.directory.url)
        let fixed = try Scanner().scan(DiskRepositorySource(root: clone.path), root: "app")
        #expect(fixed.activeFindings.count == app.findingCount - cleared)

        // The dashboard says so, and a repository page names the branch.
        let dashboard = try String(contentsOfFile: checkouts.directory.path + "/out/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("fix branches in 1 repository, clearing \(DashboardText.count(cleared, "finding", "findings")), 0 refused"))
        let page = try String(contentsOfFile: checkouts.directory.path + "/out/pages/repos/app.html", encoding: .utf8)
        #expect(page.contains("Fix branch <code>plimsoll/fixes</code>: 3 commits, clearing"))
    }

    @Test("a dirty work tree and an existing branch are refused per repository; the others still get theirs")
    func refusals() throws {
        let checkouts = try Checkouts([("dirty", "sample-app"), ("taken", "sample-app"), ("fine", "sample-app")])
        let dockerfile = checkouts.folder("dirty").appendingPathComponent("Dockerfile")
        let edited = try Data(contentsOf: dockerfile) + Data("# work in progress\n".utf8)
        try edited.write(to: dockerfile)
        _ = try checkouts.git("taken", ["branch", Self.branch])
        let taken = try checkouts.git("taken", ["rev-parse", Self.branch])

        let records = try checkouts.run()

        #expect(records["dirty"]?.fixRefused == "the work tree has uncommitted changes")
        #expect(records["dirty"]?.fixBranch == nil)
        #expect(try checkouts.branches("dirty") == ["main"])
        #expect(try Data(contentsOf: dockerfile) == edited, "the user's change stays")
        #expect(records["taken"]?.fixRefused == "branch '\(Self.branch)' already exists")
        #expect(try checkouts.git("taken", ["rev-parse", Self.branch]) == taken, "an existing branch is not moved")
        #expect(records["fine"]?.fixBranch == Self.branch)
        #expect(records["fine"]?.status == .ok && records["dirty"]?.status == .ok, "a refusal is not an error")

        // A second run refuses where the first made the branch, and reuses no earlier record.
        let again = try checkouts.run()
        #expect(again["fine"]?.fixRefused == "branch '\(Self.branch)' already exists")
        #expect(again["fine"]?.fixBranch == nil)
    }

    @Test("a plain folder is refused, and branch names are checked before a run")
    func plainFolderAndNames() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("checkouts/plain")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestPaths.repos.appendingPathComponent("sample-app/Dockerfile"), to: folder.appendingPathComponent("Dockerfile"))
        var runner = OrgRunner(
            repositories: try OrgManifest.checkouts(in: directory.path + "/checkouts"), outputDirectory: directory.path + "/out",
            jobs: 1)
        runner.fixBranch = Self.branch
        _ = try runner.run()
        let record = try #require(try OrgOutput.readSummary(in: directory.path + "/out").first)
        #expect(record.fixRefused == "not a git work tree")
        #expect(try Data(contentsOf: folder.appendingPathComponent("Dockerfile"))
            == Data(contentsOf: TestPaths.repos.appendingPathComponent("sample-app/Dockerfile")))

        #expect(OrgFixBranch.isValidBranchName("plimsoll/fixes-2026"))
        for bad in ["", "-x", "a..b", "a b", "ends/", "x.lock"] {
            #expect(!OrgFixBranch.isValidBranchName(bad), "\(bad)")
        }
    }

    @Test("shards of a fix run merge into exactly what one run writes")
    func shardsMerge() throws {
        let checkouts = try Checkouts([("a", "sample-app"), ("b", "sample-app"), ("c", "compliant"), ("d", "wrong-case")])
        try Data("FROM scratch\n".utf8).write(to: checkouts.folder("d").appendingPathComponent("Dockerfile.wip"))
        let whole = try checkouts.run(output: "whole")
        #expect(whole.values.count { $0.fixBranch != nil } == 2)
        #expect(whole["d"]?.fixRefused == "the work tree has uncommitted changes")
        // The same repositories again, their branches removed, in two shards.
        for name in ["a", "b"] { _ = try checkouts.git(name, ["branch", "-D", Self.branch]) }
        for index in 1...2 { _ = try checkouts.run(output: "shard-\(index)", shard: try OrgShard(index: index, count: 2)) }
        let merged = checkouts.directory.path + "/merged"
        _ = try OrgMerge.merge([1, 2].map { checkouts.directory.path + "/shard-\($0)" }, into: merged)
        for name in ["summary.jsonl", "matrix.csv", "history.jsonl", "dashboard.html", "pages/repos/a.html", "pages/repos/d.html"] {
            let expected = try Data(contentsOf: URL(fileURLWithPath: checkouts.directory.path + "/whole/" + name))
            let actual = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + name))
            #expect(expected == actual, "\(name) differs")
        }
    }

    @Test("the command line: --fix needs --branch, a bad name is a usage error, and the run says what it made")
    func commandLine() throws {
        let checkouts = try Checkouts([("app", "sample-app"), ("ok", "compliant")])
        let base = ["org", "--checkouts", checkouts.root.path, "--output", checkouts.directory.path + "/out", "--quiet"]
        let alone = try ProcessRunner.plimsoll(base + ["--fix"])
        #expect(alone.status == 2 && alone.stderr.contains("--fix and --branch NAME go together"), "\(alone.stderr)")
        let bad = try ProcessRunner.plimsoll(base + ["--fix", "--branch", "a..b"])
        #expect(bad.status == 2 && bad.stderr.contains("is not a valid git branch name"), "\(bad.stderr)")
        #expect(try checkouts.branches("app") == ["main"], "nothing is made before the options are valid")
        let run = try ProcessRunner.plimsoll(Array(base.dropLast()) + ["--fix", "--branch", Self.branch])
        #expect(run.status == 0, "\(run.stderr)")
        let cleared = try #require(try OrgOutput.readSummary(in: checkouts.directory.path + "/out").first { $0.repo == "app" }?.fixCleared)
        #expect(run.stderr.contains("Branch \(Self.branch) made in 1 repository (clearing \(cleared) findings); 0 refused"), "\(run.stderr)")
        #expect(try checkouts.branches("app").sorted() == ["main", Self.branch])
    }
}
