import Foundation
import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

@Suite("Discovery")
struct DiscoveryTests {
    @Test("a symbolic link out of the root is listed but never read")
    func symlinkOutsideRoot() throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try outside.write("secret.yml", "password: hunter2\n")
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        try FileManager.default.createDirectory(
            atPath: directory.path + "/.github/workflows", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/.github/workflows/x.yml", withDestinationPath: outside.path + "/secret.yml")
        let source = try DiskRepositorySource(root: directory.path)
        let listed = try source.listFiles()
        let link = try #require(listed.first { $0.path == ".github/workflows/x.yml" })
        #expect(link.link == .outside(target: outside.path + "/secret.yml"))
        guard case .failure = source.read(link, limit: 1 << 20) else {
            Issue.record("a link out of the root was read")
            return
        }
        let result = try Scanner().scan(source, root: directory.path)
        let note = try #require(result.findings.first { $0.ruleID == "PL003" })
        #expect(note.path == ".github/workflows/x.yml")
        #expect(note.message.contains("outside the repository"))
    }

    @Test("a folder swapped for a link out of the root after listing is not read through", arguments: [true, false])
    func folderSwappedForLink(resolvingBeneath: Bool) throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try outside.write("Dockerfile", "FROM secret\n")
        try directory.write("svc/Dockerfile", "FROM alpine:3.20\n")
        let source = try DiskRepositorySource(root: directory.path, resolvingBeneath: resolvingBeneath)
        let file = try #require(try source.listFiles().first { $0.path == "svc/Dockerfile" })
        #expect(try source.read(file, limit: 100).get() == Array("FROM alpine:3.20\n".utf8))
        try FileManager.default.moveItem(atPath: directory.path + "/svc", toPath: directory.path + "/moved")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/svc", withDestinationPath: outside.path)
        guard case .failure(.system(let reason)) = source.read(file, limit: 100) else {
            Issue.record("a file behind a link out of the root was read")
            return
        }
        #expect(reason == "the path leaves the repository")
    }

    @Test("a link inside the root is read through, under its own path", arguments: [true, false])
    func symlinkInsideRoot(resolvingBeneath: Bool) throws {
        let directory = try TemporaryDirectory()
        try directory.write("real/Dockerfile", "FROM alpine:3.20\n")
        try FileManager.default.createDirectory(atPath: directory.path + "/src/docker", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/src/docker/Dockerfile", withDestinationPath: "../../real/Dockerfile")
        let source = try DiskRepositorySource(root: directory.path, resolvingBeneath: resolvingBeneath)
        let link = try #require(try source.listFiles().first { $0.path == "src/docker/Dockerfile" })
        #expect(link.link == .inside(resolvedPath: "real/Dockerfile"))
        #expect(try source.read(link, limit: 100).get() == Array("FROM alpine:3.20\n".utf8))
    }

    @Test("describing and reading in one open answers as describe, then read, for every kind of path", arguments: [true, false])
    func describeAndReadAgrees(resolvingBeneath: Bool) throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try outside.write("secret.yml", "password: hunter2\n")
        try directory.write("plain.yml", "on: push\n")
        try directory.write("run.sh", "#!/bin/sh\n", executable: true)
        try directory.write("big.yml", String(repeating: "#", count: 200))
        try directory.write("closed.yml", "on: push\n")
        #expect(chmod(directory.path + "/closed.yml", 0) == 0)
        try directory.write("real/Dockerfile", "FROM alpine:3.20\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/inside", withDestinationPath: "real/Dockerfile")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/outside", withDestinationPath: outside.path + "/secret.yml")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dangling", withDestinationPath: "nowhere")
        #expect(mkfifo(directory.path + "/fifo", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: directory.path + "/submodule", withIntermediateDirectories: true)
        let source = try DiskRepositorySource(root: directory.path, resolvingBeneath: resolvingBeneath)
        let paths = [
            "plain.yml", "run.sh", "big.yml", "closed.yml", "inside", "outside", "dangling", "fifo", "submodule", "gone",
            "real",
        ]
        for path in paths {
            let twoSteps = source.describe(path).map { ($0, source.read($0, limit: 100)) }
            let oneOpen = source.describeAndRead(path, limit: 100)
            #expect(oneOpen?.file == twoSteps?.0, "\(path)")
            #expect(oneOpen?.bytes == twoSteps?.1, "\(path)")
        }
        // The cases are what they claim to be: a file, an executable, too large, a link each way, no files.
        #expect(try source.describeAndRead("plain.yml", limit: 100)?.bytes.get() == Array("on: push\n".utf8))
        #expect(source.describeAndRead("run.sh", limit: 100)?.file.isExecutable == true)
        #expect(source.describeAndRead("big.yml", limit: 100)?.bytes == .failure(.tooLarge(size: 200, limit: 100)))
        #expect(source.describeAndRead("inside", limit: 100)?.file.link == .inside(resolvedPath: "real/Dockerfile"))
        #expect(source.describeAndRead("outside", limit: 100)?.file.link == .outside(target: outside.path + "/secret.yml"))
        for path in ["fifo", "submodule", "gone", "real"] { #expect(source.describeAndRead(path, limit: 100) == nil, "\(path)") }
        if getuid() != 0 {
            guard case .failure(.system) = source.describeAndRead("closed.yml", limit: 100)?.bytes else {
                Issue.record("a file without read permission was read")
                return
            }
        }
    }

    @Test("a symbolic link loop neither hangs nor crashes the walk")
    func symlinkLoop() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/b", withDestinationPath: "a")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/Dockerfile", withDestinationPath: ".")
        let result = try Scanner().scan(try DiskRepositorySource(root: directory.path), root: ".")
        #expect(result.findings.contains { $0.ruleID == "PL101" })
    }

    @Test("inside a git work tree, .gitignore is honoured exactly as git does")
    func gitignore() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".gitignore", "build/\n*.tmp\n")
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        try directory.write("build/Dockerfile", "FROM ignored\n")
        try directory.write("notes.tmp", "x")
        try directory.write("untracked.txt", "x")
        #expect(try ProcessRunner.git(["init", "-q"], in: directory.url).status == 0)
        #expect(try ProcessRunner.git(["add", "src", ".gitignore"], in: directory.url).status == 0)
        let paths = try DiskRepositorySource(root: directory.path).listFiles().map(\.path)
        #expect(paths == [".gitignore", "src/docker/Dockerfile", "untracked.txt"])
    }

    @Test("a file in a merge conflict, which git lists once per stage, is listed once")
    func conflictedFileListedOnce() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.19\n")
        try directory.write("a.txt", "a")
        let git = { (arguments: [String]) throws in
            #expect(try ProcessRunner.git(arguments, in: directory.url).status == 0, "git \(arguments)")
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "base"])
        try git(["checkout", "-q", "-b", "other"])
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        try git(["commit", "-q", "-am", "other"])
        try git(["checkout", "-q", "main"])
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.21\n")
        try git(["commit", "-q", "-am", "main"])
        #expect(try ProcessRunner.git(["merge", "-q", "other"], in: directory.url).status != 0)
        let stages = try ProcessRunner.git(["ls-files", "--cached"], in: directory.url).stdout
        #expect(stages.components(separatedBy: "src/docker/Dockerfile").count - 1 == 3)
        let paths = try DiskRepositorySource(root: directory.path).listFiles().map(\.path)
        #expect(paths == ["a.txt", "src/docker/Dockerfile"])
    }

    @Test("outside git, the walk skips .git and lists everything else")
    func plainWalk() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".git", "gitdir: /nowhere\n")
        try directory.write("a/b/c.txt", "x")
        try directory.write("Dockerfile", "FROM x\n", executable: true)
        let files = try DiskRepositorySource(root: directory.path).listFiles()
        #expect(files.map(\.path) == ["Dockerfile", "a/b/c.txt"])
        #expect(files.first?.isExecutable == true)
    }

    @Test("binary and oversized files get a note instead of a parse")
    func binaryAndLarge() throws {
        let source = InMemoryRepositorySource(files: [
            "src/docker/Dockerfile": [0x46, 0x00, 0x01],
            ".github/workflows/big.yml": [UInt8](repeating: 0x20, count: RepositoryLoader.sizeLimit + 1),
        ])
        let result = try Scanner().scan(source, root: ".")
        let notes = result.findings.filter { $0.ruleID == "PL003" }.map(\.path)
        #expect(notes == [".github/workflows/big.yml", "src/docker/Dockerfile"])
    }

    @Test("test fixtures are read as context but not checked; vendored trees are not read")
    func testFixturesAndVendoredTrees() throws {
        let files = [
            "internal/pipe/testdata/Dockerfile": "FROM alpine\n",
            "test/action.yml": "name: broken\n",
            "vendor/github.com/x/Dockerfile": "FROM alpine\n",
            "Dockerfile": "FROM alpine\n",
        ]
        let result = try Scanner().scan(InMemoryRepositorySource(textFiles: files), root: ".")
        let checked = Set(result.findings.filter { ["PL208", "PL002"].contains($0.ruleID) }.map(\.path))
        #expect(checked == ["Dockerfile"])
        #expect(!result.findings.contains { $0.path.hasPrefix("vendor/") })

        // Setting the keys replaces the defaults: the fixtures are checked again.
        let config = SourceFile(path: ".plimsoll.yml", text: "test-paths: []\nignore-paths: []\n")
        let all = try Scanner(configFile: config).scan(InMemoryRepositorySource(textFiles: files), root: ".")
        let paths = Set(all.findings.filter { ["PL208", "PL002"].contains($0.ruleID) }.map(\.path))
        #expect(paths == ["Dockerfile", "internal/pipe/testdata/Dockerfile", "test/action.yml", "vendor/github.com/x/Dockerfile"])
    }

    @Test("files are classified by path as BuildKit and GitHub do")
    func classification() {
        #expect(FileKind.classify("src/docker/Dockerfile") == .dockerfile)
        #expect(FileKind.classify("dockerfile") == .dockerfile)
        #expect(FileKind.classify("build/app.Dockerfile") == .dockerfile)
        #expect(FileKind.classify("Dockerfile.dev") == .dockerfile)
        #expect(FileKind.classify("Containerfile") == .dockerfile)
        #expect(FileKind.classify(".github/workflows/ci.yaml") == .workflow)
        #expect(FileKind.classify(".github/workflows/sub/ci.yaml") == .other)
        #expect(FileKind.classify(".github/actions/x/action.yml") == .action)
        #expect(FileKind.classify("src/docker/docker-build.sh") == .script)
        #expect(FileKind.classify(".plimsoll.yml") == .config)
        #expect(FileKind.classify("docs/Dockerfile.md") == .other)
        #expect(FileKind.classify("Dockerfile.dockerignore") == .other)
        #expect(FileKind.classify("Sources/DockerfileSyntax/Dockerfile.swift") == .other)
        #expect(FileKind.classify("Dockerfile.template") == .other)
        #expect(FileKind.classify("Dockerfile.alpine") == .dockerfile)
    }

    @Test("ignore-paths globs", arguments: [
        ("vendor/", "vendor/a/Dockerfile", true),
        ("**/testdata/**", "x/testdata/y/Dockerfile", true),
        ("*.yml", "a.yml", true),
        ("*.yml", "dir/a.yml", false),
        ("**/*.yml", "a.yml", true),
        ("src/?ocker/*", "src/docker/Dockerfile", true),
        ("src/docker", "src/docker/Dockerfile", false),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches)
    }

    /// Matching used to recurse once per token: a 200 000-character `ignore-paths` entry of `*`s overflowed the
    /// stack of `plimsoll scan`. Matching is now a loop.
    @Test("a very long glob neither recurses nor takes long")
    func longGlob() {
        let stars = String(repeating: "*", count: 1_000_000)
        #expect(Glob(stars).matches("src/docker/Dockerfile"))
        #expect(Glob(stars + "/x").matches("a/b/x"))
        #expect(!Glob(stars + "/x").matches("a/b/y"))
        #expect(Glob(String(repeating: "?*", count: 100_000)).matches(String(repeating: "a", count: 100)) == false)
    }
}

@Suite("GitHub remote")
struct GitHubRemoteTests {
    @Test("remote URL shapes", arguments: [
        ("https://github.com/Example-Org/app.git", "Example-Org/app"),
        ("git@github.com:example/app.git", "example/app"),
        ("ssh://git@github.com/example/app", "example/app"),
        ("https://github.com/example/app/", "example/app"),
    ])
    func shapes(url: String, expected: String) throws {
        let remote = try #require(GitHubRepository(url: url))
        #expect("\(remote.owner)/\(remote.name)" == expected)
    }

    @Test("other hosts and malformed URLs are not GitHub repositories")
    func notGitHub() {
        #expect(GitHubRepository(url: "https://gitlab.com/a/b.git") == nil)
        #expect(GitHubRepository(url: "https://github.com/only-owner") == nil)
    }

    @Test("the origin remote sets the default owner")
    func ownerFromOrigin() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        #expect(try ProcessRunner.git(["init", "-q"], in: directory.url).status == 0)
        #expect(
            try ProcessRunner.git(["remote", "add", "origin", "git@github.com:Example-Org/app.git"], in: directory.url)
                .status == 0)
        let source = try DiskRepositorySource(root: directory.path)
        #expect(source.remote == GitHubRepository(owner: "Example-Org", name: "app"))
        let loaded = RepositoryLoader(policy: Policy()).load(from: source, paths: try source.listPaths())
        #expect(loaded.repository.remote?.name == "app")
    }
}
