import Foundation
import PlimsollCore
@testable import PlimsollKit
import Testing

/// PL101's layout migration: files move with their history, every reference follows, and no fix is offered
/// where one could not be rewritten exactly.
@Suite("Layout migration", .serialized)
struct LayoutMigrationTests {
    static let workflow = """
        on:
          push:
            branches: [main]
            paths:
              - src/docker/Dockerfile
        permissions:
          contents: read
          packages: write
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - uses: hadolint/hadolint-action@v3.1.0
                with:
                  dockerfile: ./src/docker/Dockerfile
              - uses: docker/build-push-action@v7
                with:
                  context: .
                  file: src/docker/Dockerfile
                  push: true
                  tags: ghcr.io/acme/app:latest
              - run: docker build -t test src/docker

        """

    /// A repository in the `src/docker` layout whose policy says `root`, committed.
    private static func repository() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        try directory.write(".plimsoll.yml", "layout: root\n")
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\nCOPY app /app\n")
        try directory.write("src/docker/Dockerfile.dockerignore", "node_modules\n")
        try directory.write(
            "src/docker/docker-build.sh",
            "#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\ndocker build -t ghcr.io/acme/app .\n",
            executable: true)
        try directory.write(".github/workflows/publish.yml", workflow)
        _ = try ProcessRunner.git(["add", "-A"], in: directory.url)
        _ = try ProcessRunner.git(["commit", "-qm", "start"], in: directory.url)
        return directory
    }

    private static func read(_ directory: TemporaryDirectory, _ path: String) -> String? {
        try? String(contentsOfFile: directory.path + "/" + path, encoding: .utf8)
    }

    @Test("fix --unsafe moves the layout with git mv, rewrites every reference, and the dry run's diff gives the same files")
    func migratesWithHistory() throws {
        let directory = try Self.repository()
        let dryRun = try ProcessRunner.plimsoll(["fix", "--unsafe", "--rule", "PL101", "--dry-run"], in: directory.url)
        #expect(dryRun.status == 1, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("diff --git a/src/docker/Dockerfile b/Dockerfile\nrename from src/docker/Dockerfile\nrename to Dockerfile\n"))
        #expect(Self.read(directory, "src/docker/Dockerfile") != nil, "the dry run moved a file")

        let fixed = try ProcessRunner.plimsoll(["fix", "--unsafe", "--rule", "PL101"], in: directory.url)
        #expect(fixed.status == 1, "\(fixed.stderr)")
        #expect(Self.read(directory, "src/docker/Dockerfile") == nil)
        #expect(Self.read(directory, "Dockerfile") == "FROM alpine:3.20\nCOPY app /app\n")
        #expect(Self.read(directory, "Dockerfile.dockerignore") == "node_modules\n")
        // The script still builds its old folder, found through its own path, and reads the moved Dockerfile.
        #expect(
            Self.read(directory, "docker-build.sh")
                == "#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")/src/docker\"\ndocker build -f ../../Dockerfile -t ghcr.io/acme/app .\n")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/docker-build.sh")[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o111 != 0 } == true)
        let workflow = Self.read(directory, ".github/workflows/publish.yml") ?? ""
        #expect(workflow.contains("      - Dockerfile\n"))
        #expect(workflow.contains("dockerfile: ./Dockerfile\n"))
        #expect(workflow.contains("          file: Dockerfile\n"))
        #expect(workflow.contains("run: docker build -f Dockerfile -t test src/docker\n"))

        // git records the renames: the index holds them, the edits are left unstaged for review.
        let status = try ProcessRunner.git(["status", "--porcelain"], in: directory.url)
        #expect(status.stdout.contains("R  src/docker/Dockerfile -> Dockerfile"), "\(status.stdout)")
        #expect(status.stdout.contains("RM src/docker/docker-build.sh -> docker-build.sh"), "\(status.stdout)")

        let scan = try ProcessRunner.plimsoll(["scan", "--format", "json", "--fail-level", "never"], in: directory.url)
        for rule in ["PL101", "PL102", "PL105"] { #expect(!scan.stdout.contains("\"\(rule)\""), "\(rule) after the migration") }
        let again = try ProcessRunner.plimsoll(["fix", "--unsafe", "--rule", "PL101"], in: directory.url)
        #expect(again.status == 0, "\(again.stderr)")

        // The dry run's diff, applied to the repository as it was, gives the same files.
        let other = try Self.repository()
        try other.write("fix.patch", dryRun.stdout)
        let applied = try ProcessRunner.git(["apply", "fix.patch"], in: other.url)
        #expect(applied.status == 0, "\(applied.stderr)")
        for path in ["Dockerfile", "Dockerfile.dockerignore", "docker-build.sh", ".github/workflows/publish.yml", "src/docker/Dockerfile"] {
            #expect(Self.read(other, path) == Self.read(directory, path), "\(path)")
        }
    }

    @Test("outside a work tree the file is moved by Plimsoll: mode kept, never over a file, never from a link")
    func movesWithoutGit() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/docker/docker-build.sh", "#!/bin/sh\n", executable: true)
        try directory.write("src/docker/link-target", "x\n")
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/src/docker/linked.sh", withDestinationPath: directory.path + "/src/docker/link-target")
        try directory.write("taken.sh", "old\n")
        let writer = FixWriter(root: directory.path)
        let script = Array("#!/bin/sh\n".utf8)

        let moved = writer.move(FileMove(from: "src/docker/docker-build.sh", to: "docker-build.sh"), expected: script, bytes: script + Array("echo\n".utf8))
        if case .failure(let error) = moved { Issue.record("\(error)") }
        #expect(Self.read(directory, "docker-build.sh") == "#!/bin/sh\necho\n")
        #expect(Self.read(directory, "src/docker/docker-build.sh") == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/docker-build.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)

        let overFile = writer.move(FileMove(from: "docker-build.sh", to: "taken.sh"), expected: Array("#!/bin/sh\necho\n".utf8), bytes: [])
        if case .success = overFile { Issue.record("moved over an existing file") }
        #expect(Self.read(directory, "taken.sh") == "old\n")
        let fromLink = writer.move(FileMove(from: "src/docker/linked.sh", to: "linked.sh"), expected: Array("x\n".utf8), bytes: [])
        if case .success = fromLink { Issue.record("moved a symbolic link") }
        let changed = writer.move(FileMove(from: "docker-build.sh", to: "build.sh"), expected: script, bytes: script)
        if case .success = changed { Issue.record("moved a file that changed since it was read") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["docker-build.sh", "src", "taken.sh"])
    }

    /// The PL101 fixes offered on `files` (layout `root`, the files in `src/docker`).
    private static func fixes(_ files: [String: String], executables: Set<String> = []) throws -> [Fix] {
        var all = files
        all[".plimsoll.yml"] = "layout: root\n"
        let source = InMemoryRepositorySource(files: all.mapValues { Array($0.utf8) }, executables: executables)
        var scanner = Scanner()
        scanner.computesFixes = true
        return try scanner.scan(source, root: ".").findings.filter { $0.ruleID == "PL101" }.flatMap(\.fixes)
    }

    @Test("a Dockerfile named through the matrix: the matrix value is rewritten")
    func matrixValue() throws {
        let workflow = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
            + "        dockerfile: [src/docker/Dockerfile, 'src/docker/Dockerfile.dev']\n    steps:\n"
            + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n"
            + "          file: ${{ matrix.dockerfile }}\n"
        let fixes = try Self.fixes(
            ["src/docker/Dockerfile": "FROM alpine:3.20\n", "src/docker/Dockerfile.dev": "FROM alpine:3.20\n",
             ".github/workflows/build.yml": workflow])
        let edits = try #require(fixes.first).edits.filter { $0.path == ".github/workflows/build.yml" }
        #expect(edits.count == 1)
        let rewritten = FixSelection.apply(edits, to: Array(workflow.utf8), path: ".github/workflows/build.yml")
        #expect(String(decoding: rewritten, as: UTF8.self).contains("dockerfile: [Dockerfile, 'src/docker/Dockerfile.dev']"))
    }

    @Test("no migration where something could not follow exactly")
    func refusals() throws {
        let dockerfile = ("src/docker/Dockerfile", "FROM alpine:3.20\n")
        #expect(try Self.fixes([dockerfile.0: dockerfile.1]).count == 1, "the plain case is fixed")
        let cases: [(String, [String: String])] = [
            ("a Compose file builds from the folder", ["docker-compose.yml": "services:\n  app:\n    build: ./src/docker\n"]),
            ("the script finds its folder with readlink",
             ["src/docker/docker-build.sh": "#!/bin/sh\ncd \"$(dirname \"$(readlink -f \"$0\")\")\"\ndocker build -t app .\n"]),
            ("a cd Plimsoll cannot follow before a build", ["src/docker/build-all.sh": "#!/bin/sh\ncd \"$APP_DIR\"\ndocker build -t app .\n"]),
            ("the script's new path is taken", ["src/docker/docker-build.sh": "#!/bin/sh\ndocker build .\n", "docker-build.sh": "#!/bin/sh\n"]),
            ("the ignore file's new path is taken", ["src/docker/Dockerfile.dockerignore": "x\n", "Dockerfile.dockerignore": "y\n"]),
            ("an ignore file at the new path would apply to the moved Dockerfile", ["Dockerfile.dockerignore": "y\n"]),
            ("Jenkins builds images Plimsoll does not read", ["Jenkinsfile": "pipeline {}\n"]),
            ("a Bake file", ["docker-bake.hcl": "target \"default\" {}\n"]),
            ("goreleaser builds images", [".goreleaser.yml": "dockers:\n  - image_templates: [acme/app]\n"]),
            ("a script builds a Dockerfile named by a variable",
             ["src/docker/docker-build.sh": "#!/bin/sh\ndocker build -f \"$DOCKERFILE\" -t app .\n"]),
            ("a workflow's file: comes from a caller's input",
             [".github/workflows/build.yml": "on:\n  workflow_call:\n    inputs:\n      file: {type: string}\njobs:\n  b:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v7\n        with:\n"
                + "          file: ${{ inputs.file }}\n"]),
        ]
        for (reason, files) in cases {
            var all = files
            all[dockerfile.0] = dockerfile.1
            #expect(try Self.fixes(all).isEmpty, "\(reason)")
        }
    }
}
