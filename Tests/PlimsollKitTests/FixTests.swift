import Foundation
import PlimsollCore
@testable import PlimsollKit
import Testing

/// The machinery of `plimsoll fix`: choosing edits, diffs, safe writes, and the command itself.
@Suite("Fixes", .serialized)
struct FixTests {
    private static func finding(_ rule: String, at offset: Int, _ edits: [FileEdit], safety: FixSafety = .safe) -> Finding {
        let file = SourceFile(path: "a.yml", text: String(repeating: "x", count: 40))
        return Finding(
            ruleID: rule, severity: .warning, message: rule, path: "a.yml", span: file.span(offset..<(offset + 1)),
            fixes: [Fix(title: rule, safety: safety, edits: edits)])
    }

    @Test("overlapping fixes: the first by position wins, later ones wait; the choice does not depend on order")
    func overlaps() {
        let first = Self.finding("PL001", at: 2, [FileEdit(path: "a.yml", range: 2..<6, replacement: "AB")])
        let overlapping = Self.finding("PL002", at: 4, [FileEdit(path: "a.yml", range: 4..<8, replacement: "C")])
        let touching = Self.finding("PL003", at: 6, [FileEdit(path: "a.yml", range: 6..<6, replacement: "D")])
        let apart = Self.finding("PL004", at: 10, [FileEdit(path: "a.yml", range: 10..<12, replacement: "")])
        // A fix is taken whole or not at all: its second edit overlaps `first`.
        let partly = Self.finding(
            "PL005", at: 20,
            [FileEdit(path: "a.yml", range: 20..<21, replacement: "E"), FileEdit(path: "a.yml", range: 5..<5, replacement: "F")])
        let outside = Self.finding("PL006", at: 30, [FileEdit(path: "a.yml", range: 30..<99, replacement: "G")])
        let all = [first, overlapping, touching, apart, partly, outside]
        for order in [all, all.reversed(), [apart, partly, outside, touching, overlapping, first]] {
            let (selected, deferred) = FixSelection.select(order, options: FixOptions(), sizes: { $0 == "a.yml" ? 40 : nil })
            #expect(selected.map(\.ruleID) == ["PL001", "PL004"])
            #expect(deferred == 3)
        }
        let bytes = Array(String(repeating: "x", count: 40).utf8)
        let (selected, _) = FixSelection.select(all, options: FixOptions(), sizes: { _ in 40 })
        let applied = FixSelection.apply(selected.flatMap(\.fix.edits), to: bytes, path: "a.yml")
        #expect(String(decoding: applied, as: UTF8.self) == "xxAB" + String(repeating: "x", count: 4) + String(repeating: "x", count: 28))
    }

    @Test("unsafe fixes only with --unsafe; --rule keeps only those rules; suppressed findings are not fixed")
    func options() {
        let safe = Self.finding("PL001", at: 1, [FileEdit(path: "a.yml", range: 1..<2, replacement: "s")])
        let unsafe = Self.finding("PL002", at: 5, [FileEdit(path: "a.yml", range: 5..<6, replacement: "u")], safety: .unsafe)
        var suppressed = Self.finding("PL003", at: 9, [FileEdit(path: "a.yml", range: 9..<10, replacement: "z")])
        suppressed.suppression = Suppression(kind: .inSource, justification: "known")
        let sizes: (String) -> Int? = { _ in 40 }
        #expect(FixSelection.select([safe, unsafe, suppressed], options: FixOptions(), sizes: sizes).selected.map(\.ruleID) == ["PL001"])
        #expect(
            FixSelection.select([safe, unsafe, suppressed], options: FixOptions(includeUnsafe: true), sizes: sizes)
                .selected.map(\.ruleID) == ["PL001", "PL002"])
        #expect(
            FixSelection.select([safe, unsafe], options: FixOptions(includeUnsafe: true, ruleIDs: ["PL002"]), sizes: sizes)
                .selected.map(\.ruleID) == ["PL002"])
    }

    @Test("inserted lines use the file's line ending")
    func lineEndings() {
        #expect(SourceFile(path: "a", text: "a: 1\r\nb: 2\r\n").lineEnding == "\r\n")
        #expect(SourceFile(path: "a", text: "a: 1\nb: 2\r\n").lineEnding == "\n")
        #expect(SourceFile(path: "a", text: "a: 1").lineEnding == "\n")
        #expect(SourceFile(path: "a", text: "  \tb: 2\n").indentation(ofLine: 1) == "  \t")
    }

    @Test("the unified diff applies with git apply, CRLF lines and a last line without a line end included")
    func diffApplies() throws {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        var cases: [(String, String, String)] = [
            ("crlf.yml", "a: 1\r\nb: 2\r\nc: 3\r\n", "a: 1\r\nb: 20\r\nc: 3\r\nd: 4\r\n"),
            ("no-eol.txt", "one\ntwo", "one\nTWO"),
            ("add-eol.txt", "one\ntwo", "one\ntwo\n"),
            ("start.txt", "x\ny\n", "w\nx\ny\n"),
            ("empty.txt", "", "new\n"),
        ]
        // Two changes far apart: two hunks.
        let long = (1...40).map { "line \($0)\n" }.joined()
        cases.append(("long.txt", long, long.replacingOccurrences(of: "line 2\n", with: "line two\n")
            .replacingOccurrences(of: "line 38\n", with: "")))
        var patch: [UInt8] = []
        for (path, old, new) in cases {
            try directory.write(path, old)
            patch += UnifiedDiff.diff(path: path, old: Array(old.utf8), new: Array(new.utf8))
        }
        #expect(UnifiedDiff.diff(path: "same", old: [1, 2], new: [1, 2]).isEmpty)
        #expect(String(decoding: patch, as: UTF8.self).components(separatedBy: "\n@@ ").count - 1 == cases.count + 1)
        let file = try directory.write("fix.patch", "")
        try Data(patch).write(to: file)
        let applied = try ProcessRunner.git(["apply", "--whitespace=nowarn", "fix.patch"], in: directory.url)
        #expect(applied.status == 0, "\(applied.stderr)")
        for (path, _, new) in cases {
            let bytes = try Data(contentsOf: directory.url.appendingPathComponent(path))
            #expect(Array(bytes) == Array(new.utf8), "\(path)")
        }
    }

    @Test("writes keep the mode, refuse symbolic links and files changed since they were read")
    func safeWrites() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/run.sh", "echo a\n", executable: true)
        try directory.write("outside.txt", "secret\n")
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/src/link.sh", withDestinationPath: directory.path + "/outside.txt")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/linked", withDestinationPath: directory.path + "/src")
        let writer = FixWriter(root: directory.path)

        if case .failure(let error) = writer.write(path: "src/run.sh", expected: Array("echo a\n".utf8), bytes: Array("echo b\n".utf8)) {
            Issue.record("\(error)")
        }
        #expect(try String(contentsOfFile: directory.path + "/src/run.sh", encoding: .utf8) == "echo b\n")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/src/run.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)

        // A link as the file, or as a folder on the way, is never written through.
        if case .success = writer.write(path: "src/link.sh", expected: Array("secret\n".utf8), bytes: [0x78]) {
            Issue.record("wrote through a symbolic link")
        }
        if case .success = writer.write(path: "linked/run.sh", expected: Array("echo b\n".utf8), bytes: [0x78]) {
            Issue.record("wrote through a linked folder")
        }
        #expect(try String(contentsOfFile: directory.path + "/outside.txt", encoding: .utf8) == "secret\n")
        #expect(try String(contentsOfFile: directory.path + "/src/run.sh", encoding: .utf8) == "echo b\n")
        // The file changed since the fixes were computed: not overwritten.
        if case .success = writer.write(path: "src/run.sh", expected: Array("echo a\n".utf8), bytes: [0x78]) {
            Issue.record("overwrote a file that changed")
        }
        for path in ["../outside.txt", "src/../outside.txt", "/etc/passwd", ""] {
            if case .success = writer.write(path: path, expected: [], bytes: [0x78]) { Issue.record("wrote \(path)") }
        }
        // No temporary file is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/src")
        #expect(left.sorted() == ["link.sh", "run.sh"])
    }

    static let workflow = """
        on:\r
          push:\r
            branches: [main]\r
        jobs:\r
          image:\r
            runs-on: ubuntu-latest  # the runner\r
            steps:\r
              - uses: actions/checkout@v4\r
              - uses: docker/build-push-action@v6\r
                with:\r
                  push: true\r
                  tags: ghcr.io/Acme/app:latest\r

        """

    @Test("plimsoll fix: exit 1 when it changed files, 0 when nothing is left; --dry-run changes nothing and its diff applies")
    func command() throws {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        try directory.write(".github/workflows/publish.yml", Self.workflow)
        try directory.write("Dockerfile", "FROM alpine:3.20\n# settings\nENV MODE production\n")
        _ = try ProcessRunner.git(["add", "-A"], in: directory.url)
        _ = try ProcessRunner.git(["commit", "-qm", "start"], in: directory.url)

        // A scan computes fixes only when asked, and its reports then carry them.
        let plain = try ProcessRunner.plimsoll(["scan", "--format", "json", "--fail-level", "never"], in: directory.url)
        #expect(!plain.stdout.contains("\"fixes\""))
        let withFixes = try ProcessRunner.plimsoll(
            ["scan", "--fixes", "--format", "json", "--fail-level", "never", "--report", "sarif=out.sarif"], in: directory.url)
        #expect(withFixes.stdout.contains("\"title\": \"write 'key=value'\""), "\(withFixes.stdout)")
        #expect(try String(contentsOfFile: directory.path + "/out.sarif", encoding: .utf8).contains("\"artifactChanges\""))
        try FileManager.default.removeItem(atPath: directory.path + "/out.sarif")

        let dryRun = try ProcessRunner.plimsoll(["fix", "--dry-run"], in: directory.url)
        #expect(dryRun.status == 1, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("-      - uses: actions/checkout@v4\r\n"))
        #expect(dryRun.stdout.contains("+      - uses: actions/checkout@v"))
        #expect(dryRun.stderr.contains("would fix"))
        #expect(try String(contentsOfFile: directory.path + "/Dockerfile", encoding: .utf8).contains("ENV MODE production"))

        let onlyDockerfile = try ProcessRunner.plimsoll(["fix", "--dry-run", "--rule", "PL207"], in: directory.url)
        #expect(onlyDockerfile.stdout.contains("+ENV MODE=production"))
        #expect(!onlyDockerfile.stdout.contains("publish.yml"))

        let fixed = try ProcessRunner.plimsoll(["fix"], in: directory.url)
        #expect(fixed.status == 1, "\(fixed.stderr)")
        let workflow = try String(contentsOfFile: directory.path + "/.github/workflows/publish.yml", encoding: .utf8)
        #expect(workflow.contains("runs-on: ubuntu-latest  # the runner\r\n"))
        #expect(workflow.contains("ghcr.io/acme/app:latest\r\n"))
        #expect(!workflow.contains("@v4") && !workflow.contains("@v6"))
        #expect(!workflow.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a line without CRLF")
        #expect(try String(contentsOfFile: directory.path + "/Dockerfile", encoding: .utf8) == "FROM alpine:3.20\n# settings\nENV MODE=production\n")

        // The dry run's diff gives the same files.
        try directory.write("dry.patch", dryRun.stdout)
        let fixedWorkflow = workflow
        _ = try ProcessRunner.git(["stash", "-q"], in: directory.url)
        let applied = try ProcessRunner.git(["apply", "dry.patch"], in: directory.url)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try String(contentsOfFile: directory.path + "/.github/workflows/publish.yml", encoding: .utf8) == fixedWorkflow)

        let again = try ProcessRunner.plimsoll(["fix"], in: directory.url)
        #expect(again.status == 0, "\(again.stderr)")
        let scan = try ProcessRunner.plimsoll(["scan", "--format", "json", "--fail-level", "never"], in: directory.url)
        for rule in ["PL307", "PL207", "PL501"] { #expect(!scan.stdout.contains("\"\(rule)\""), "\(rule) left") }

        let unknown = try ProcessRunner.plimsoll(["fix", "--rule", "PL999"], in: directory.url)
        #expect(unknown.status == 2)
    }

    @Test("a workflow that is a symbolic link is not fixed through it, and the run says so")
    func symbolicLinkNotFollowed() throws {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        try directory.write("shared/publish.yml", Self.workflow)
        try FileManager.default.createDirectory(
            atPath: directory.path + "/.github/workflows", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/.github/workflows/publish.yml", withDestinationPath: "../../shared/publish.yml")
        _ = try ProcessRunner.git(["add", "-A"], in: directory.url)
        _ = try ProcessRunner.git(["commit", "-qm", "start"], in: directory.url)
        let fixed = try ProcessRunner.plimsoll(["fix", "--rule", "PL307"], in: directory.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stderr.contains("'.github/workflows/publish.yml' is a symbolic link: its fixes were not applied"))
        #expect(try String(contentsOfFile: directory.path + "/shared/publish.yml", encoding: .utf8) == Self.workflow)
    }

    @Test("a created file: made beneath the root with its mode and folders, never over a file or through a linked folder")
    func safeCreation() throws {
        let directory = try TemporaryDirectory()
        try directory.write("outside/keep.txt", "keep\n")
        try directory.write("src/taken.sh", "old\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/linked", withDestinationPath: directory.path + "/outside")
        let writer = FixWriter(root: directory.path)

        if case .failure(let error) = writer.create(path: "src/docker/build.sh", bytes: Array("#!/bin/sh\n".utf8), mode: .executable) {
            Issue.record("\(error)")
        }
        #expect(try String(contentsOfFile: directory.path + "/src/docker/build.sh", encoding: .utf8) == "#!/bin/sh\n")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/src/docker/build.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)
        if case .failure(let error) = writer.create(path: "notes.txt", bytes: Array("a\n".utf8), mode: .regular) {
            Issue.record("\(error)")
        }
        let plainMode = try FileManager.default.attributesOfItem(atPath: directory.path + "/notes.txt")[.posixPermissions] as? Int
        #expect(plainMode == 0o644)

        // Never over an existing file, a link, nor through a linked folder, nor outside the root.
        if case .success = writer.create(path: "src/taken.sh", bytes: [0x78], mode: .executable) {
            Issue.record("created over an existing file")
        }
        #expect(try String(contentsOfFile: directory.path + "/src/taken.sh", encoding: .utf8) == "old\n")
        if case .success = writer.create(path: "linked/new.sh", bytes: [0x78], mode: .executable) {
            Issue.record("created through a linked folder")
        }
        if case .success = writer.create(path: "linked", bytes: [0x78], mode: .regular) {
            Issue.record("created over a link")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/outside") == ["keep.txt"])
        for path in ["../escape.sh", "src/../escape.sh", "/tmp/escape.sh", ""] {
            if case .success = writer.create(path: path, bytes: [0x78], mode: .regular) { Issue.record("created \(path)") }
        }
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/src/docker") == ["build.sh"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/src").sorted() == ["docker", "taken.sh"])
    }

    @Test("a file is created only where nothing is in the way: a file where a folder would be blocks it")
    func creationBlockers() {
        let source = InMemoryRepositorySource(textFiles: ["src/docker": "not a folder\n", "docs/readme.md": "x\n"])
        #expect(Fixer.creationBlocker("src/docker/docker-build.sh", in: source) == "'src/docker' is not a folder")
        #expect(Fixer.creationBlocker("docs/new/file.sh", in: source) == nil)
        #expect(Fixer.creationBlocker("docker-build.sh", in: source) == nil)
    }

    @Test("the new-file diff says so, and git apply creates the file with its mode")
    func newFileDiff() throws {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        let content = Array("#!/bin/sh\necho built\n".utf8)
        let diff = UnifiedDiff.diff(path: "src/docker/build.sh", old: [], new: content, created: .executable)
        let text = String(decoding: diff, as: UTF8.self)
        #expect(text.hasPrefix("diff --git a/src/docker/build.sh b/src/docker/build.sh\nnew file mode 100755\n--- /dev/null\n+++ b/src/docker/build.sh\n@@ -0,0 +1,2 @@\n"))
        try directory.write("fix.patch", text)
        let applied = try ProcessRunner.git(["apply", "fix.patch"], in: directory.url)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try String(contentsOfFile: directory.path + "/src/docker/build.sh", encoding: .utf8) == "#!/bin/sh\necho built\n")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/src/docker/build.sh")[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o111 != 0 } == true)
    }

    @Test("plimsoll fix creates the missing local build script, named after the folder without a GitHub origin; the dry run's diff creates the same")
    func createsBuildScript() throws {
        let top = try TemporaryDirectory()
        let repository = top.url.appendingPathComponent("Web App")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        _ = try ProcessRunner.git(["init", "-q"], in: repository)
        try top.write("Web App/src/docker/Dockerfile", "FROM alpine:3.20\n")
        _ = try ProcessRunner.git(["add", "-A"], in: repository)
        _ = try ProcessRunner.git(["commit", "-qm", "start"], in: repository)
        let expected = """
            #!/usr/bin/env bash
            # Builds the image for this machine's architecture: ./src/docker/docker-build.sh
            set -euo pipefail
            cd "$(dirname "$0")/../.."
            docker build -t web-app -f src/docker/Dockerfile .

            """

        // The JSON report says the fix's edit creates the file, and with which mode.
        let report = try ProcessRunner.plimsoll(["scan", "--fixes", "--format", "json", "--fail-level", "never"], in: repository)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let finding = try #require((document["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "PL102" })
        let edit = try #require(((finding["fixes"] as? [[String: Any]])?.first?["edits"] as? [[String: Any]])?.first)
        #expect(edit["creates"] as? String == "100755")
        #expect(edit["path"] as? String == "src/docker/docker-build.sh")
        #expect(edit["replacement"] as? String == expected)

        let dryRun = try ProcessRunner.plimsoll(["fix", "--dry-run", "--rule", "PL102"], in: repository)
        #expect(dryRun.status == 1, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("new file mode 100755\n--- /dev/null\n+++ b/src/docker/docker-build.sh\n"))
        #expect(!FileManager.default.fileExists(atPath: repository.path + "/src/docker/docker-build.sh"))
        try dryRun.stdout.write(toFile: top.path + "/dry.patch", atomically: true, encoding: .utf8)
        let applied = try ProcessRunner.git(["apply", top.path + "/dry.patch"], in: repository)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try String(contentsOfFile: repository.path + "/src/docker/docker-build.sh", encoding: .utf8) == expected)
        try FileManager.default.removeItem(atPath: repository.path + "/src/docker/docker-build.sh")

        let fixed = try ProcessRunner.plimsoll(["fix", "--rule", "PL102"], in: repository)
        #expect(fixed.status == 1, "\(fixed.stderr)")
        #expect(try String(contentsOfFile: repository.path + "/src/docker/docker-build.sh", encoding: .utf8) == expected)
        let mode = try FileManager.default.attributesOfItem(atPath: repository.path + "/src/docker/docker-build.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)
        let again = try ProcessRunner.plimsoll(["fix", "--rule", "PL102"], in: repository)
        #expect(again.status == 0, "\(again.stderr)")
        let scan = try ProcessRunner.plimsoll(["scan", "--format", "json", "--fail-level", "never"], in: repository)
        #expect(!scan.stdout.contains("\"PL102\""), "\(scan.stdout)")
    }

    @Test("fix --unsafe on a repository with only its Dockerfile: the added publish workflow and build script leave no error or warning")
    func addedFilesScanClean() throws {
        let directory = try TemporaryDirectory()
        _ = try ProcessRunner.git(["init", "-q"], in: directory.url)
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        _ = try ProcessRunner.git(["add", "-A"], in: directory.url)
        _ = try ProcessRunner.git(["commit", "-qm", "start"], in: directory.url)
        let before = try ProcessRunner.plimsoll(["scan", "--format", "json", "--fail-level", "never"], in: directory.url)
        #expect(before.stdout.contains("\"PL301\"") && before.stdout.contains("\"PL102\""))

        let fixed = try ProcessRunner.plimsoll(["fix", "--unsafe"], in: directory.url)
        #expect(fixed.status == 1, "\(fixed.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/.github/workflows/publish.yml"))
        // Exit 0 at the warning level: no error and no warning, in the new files or anywhere else.
        let scan = try ProcessRunner.plimsoll(["scan", "--fail-level", "warning"], in: directory.url)
        #expect(scan.status == 0, "\(scan.stdout)")
        #expect(scan.stdout.contains("0 errors, 0 warnings"), "\(scan.stdout)")

        // actionlint (installed next to the test Python by `make venv`) accepts the workflow.
        if let python = TestPaths.python {
            let actionlint = python.deletingLastPathComponent().appendingPathComponent("actionlint")
            if FileManager.default.isExecutableFile(atPath: actionlint.path) {
                let linted = try ProcessRunner.run(actionlint, [".github/workflows/publish.yml"], in: directory.url)
                #expect(linted.status == 0, "\(linted.stdout)\(linted.stderr)")
            }
        }
    }

    @Test("no tag fix where metadata-action's flavor gives every tag a suffix: the added line would not make the tag")
    func noTagFixUnderAFlavorSuffix() throws {
        func workflow(_ flavor: String) -> String {
            "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                + "        suffix: ['', '-open-data']\n    steps:\n"
                + "      - id: meta\n        uses: docker/metadata-action@v6\n        with:\n"
                + "          images: ghcr.io/acme/app\n" + flavor
                + "          tags: |\n            type=ref,event=branch\n"
                + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                + "          tags: ${{ steps.meta.outputs.tags }}\n"
        }
        var scanner = Scanner()
        scanner.computesFixes = true
        func latestFindings(_ flavor: String) throws -> [Finding] {
            let source = InMemoryRepositorySource(textFiles: [".github/workflows/publish.yml": workflow(flavor)])
            return try scanner.scan(source, root: ".").findings.filter { $0.ruleID == "PL504" }
        }
        let plain = try latestFindings("")
        #expect(!plain.isEmpty && plain.allSatisfy { !$0.fixes.isEmpty }, "without a suffix the tag line is added")
        let suffixed = try latestFindings("          flavor: |\n            suffix=${{ matrix.suffix }}\n")
        #expect(!suffixed.isEmpty, "the finding stays")
        #expect(suffixed.allSatisfy { $0.fixes.isEmpty }, "\(suffixed.map(\.fixes))")
    }

    @Test("no tag fix that would copy a template's blank into a new tag line")
    func noTagFixCopyingAPlaceholder() throws {
        func findings(_ image: String) throws -> [Finding] {
            let workflow = "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                + "          tags: \(image):latest\n"
            var scanner = Scanner()
            scanner.computesFixes = true
            let source = InMemoryRepositorySource(textFiles: [".github/workflows/publish.yml": workflow])
            return try scanner.scan(source, root: ".").findings.filter { $0.ruleID == "PL505" }
        }
        let plain = try findings("ghcr.io/acme/app")
        #expect(!plain.isEmpty && plain.allSatisfy { !$0.fixes.isEmpty }, "a plain name gets its SHA tag line")
        let blank = try findings("ghcr.io/acme/app-<<TODO:component>>")
        #expect(!blank.isEmpty && blank.allSatisfy { $0.fixes.isEmpty }, "\(blank.map(\.fixes))")
    }
}
