import Foundation
import PlimsollCore
import PlimsollRules
import RepositoryModel
import Testing

@testable import PlimsollKit

/// Hostile and broken input: every case finishes, reports what it can with a position, never reads outside the
/// root, never prints raw control characters, and loses no finding from the other files.
@Suite("Adversarial input")
struct AdversarialTests {
    /// A finding every case keeps, from a file that is fine: proves one bad file hides nothing else.
    static let canary = ("src/docker/docker-build.sh", "#!/bin/sh\ndocker push app\n")

    private func scan(_ files: [String: [UInt8]]) throws -> ScanResult {
        var all = files
        all[Self.canary.0] = Array(Self.canary.1.utf8)
        let result = try Scanner().scan(
            InMemoryRepositorySource(files: all, executables: [Self.canary.0]), root: ".")
        #expect(result.findings.contains { $0.ruleID == "PL104" && $0.path == Self.canary.0 }, "the canary was lost")
        return result
    }

    @Test("binary data named Dockerfile")
    func binaryDockerfile() throws {
        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        for _ in 0..<100_000 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let result = try scan(["src/docker/Dockerfile": bytes])
        #expect(result.findings.contains { $0.path == "src/docker/Dockerfile" && ($0.ruleID == "PL003" || $0.ruleID == "PL001") })
    }

    @Test("invalid UTF-8, CRLF, lone CR and a BOM still parse with positions")
    func encodings() throws {
        let dockerfile: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("FROM alpine:3.20\r\nRUNN \u{FF}".utf8) + [0xC3, 0x28]
            + Array("\rRUN x\n".utf8)
        let workflow: [UInt8] = Array("on: push\r\njobs:\r\n  a:\r\n    runs_on: x\r\n".utf8) + [0xFF, 0xFE]
        let result = try scan(["src/docker/Dockerfile": dockerfile, ".github/workflows/a.yml": workflow])
        let syntax = try #require(result.findings.first { $0.ruleID == "PL001" })
        #expect(syntax.span.lowerBound.line == 2)
        #expect(result.findings.contains { $0.ruleID == "PL002" && $0.path == ".github/workflows/a.yml" })
    }

    @Test("a YAML alias bomb loads in bounded memory")
    func aliasBomb() throws {
        var yaml = "on: push\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1...30 {
            let name = "l\(level)"
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        yaml += "jobs: {}\n"
        let result = try scan([".github/workflows/bomb.yml": Array(yaml.utf8)])
        #expect(result.findings.contains { $0.path == ".github/workflows/bomb.yml" })
    }

    @Test("10,000-deep nesting is a diagnostic, not a stack overflow")
    func deepNesting() throws {
        let yaml = "on: push\njobs: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let result = try scan([".github/workflows/deep.yml": Array(yaml.utf8)])
        let finding = try #require(result.findings.first { $0.path == ".github/workflows/deep.yml" && $0.ruleID == "PL002" })
        #expect(finding.span.lowerBound.line >= 1)
    }

    @Test("a file over the size limit and a 10 MB one-line Dockerfile get a note")
    func hugeFiles() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
        let result = try scan([
            "src/docker/Dockerfile": Array("RUN ".utf8) + big,
            ".github/workflows/huge.yml": Array(String(repeating: "# padding\n", count: 500_000).utf8),
        ])
        let notes = result.findings.filter { $0.ruleID == "PL003" }.map(\.path)
        #expect(notes.contains("src/docker/Dockerfile"))
        #expect(notes.contains(".github/workflows/huge.yml"))
    }

    @Test("NUL bytes mark a file as binary")
    func nulBytes() throws {
        let result = try scan([".github/workflows/nul.yml": Array("on: push\n\u{0}jobs: {}\n".utf8)])
        #expect(result.findings.contains { $0.ruleID == "PL003" && $0.path == ".github/workflows/nul.yml" })
    }

    @Test("a file that disappears between listing and reading is reported")
    func vanishingFile() throws {
        struct Vanishing: RepositorySource {
            var displayName: String { "vanishing" }
            var remote: GitHubRepository? { nil }
            func listPaths() throws(DiscoveryError) -> [String] { ["src/docker/Dockerfile"] }
            func describe(_ path: String) -> ListedFile? { ListedFile(path: path, isExecutable: false, size: 10) }
            func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
                .failure(.system("No such file or directory"))
            }
        }
        let result = try Scanner().scan(Vanishing(), root: ".")
        let note = try #require(result.findings.first { $0.ruleID == "PL003" })
        #expect(note.message.contains("No such file or directory"))
    }

    @Test("a FIFO named like a Dockerfile never blocks the scan")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        try directory.write("README", "x")
        try FileManager.default.createDirectory(atPath: directory.path + "/src/docker", withIntermediateDirectories: true)
        #expect(mkfifo(directory.path + "/src/docker/Dockerfile", 0o644) == 0)
        let result = try Scanner().scan(try DiskRepositorySource(root: directory.path), root: ".")
        #expect(result.findings.contains { $0.ruleID == "PL101" })
    }

    @Test("paths with newlines and escape sequences are printed escaped")
    func hostilePaths() throws {
        let directory = try TemporaryDirectory()
        let name = "src/docker/evil\n\u{1B}[31mred\u{7}.sh"
        try directory.write(name, "#!/bin/sh\ndocker push x\n", executable: true)
        let result = try Scanner().scan(try DiskRepositorySource(root: directory.path), root: ".")
        #expect(result.findings.contains { $0.path == name })
        let text = TextReporter.report(result, options: ReportOptions(useColor: false))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(text.contains("evil\\x0A\\x1B[31mred\\x07.sh"))
        let github = GitHubActionsReporter.report(result, options: ReportOptions())
        for line in github.split(separator: "\n") { #expect(line.hasPrefix("::")) }
    }

    @Test("a configuration with every wrong type is rejected with a position, never a crash", arguments: [
        "layout: 3", "layout: [root]", "platforms: {a: b}", "platforms: [[linux/amd64]]", "registry: [a]",
        "owner: {x: y}", "environment-tags: dev", "dev-tag: yes", "extra-registries: 5", "rules: [PL101]",
        "rules: {PL101: [off]}", "rules: {PL101: {severity: [error]}}", "ignore-paths: {a: 1}", "enforce: [true]",
        "? [complex key]\n: value", "&a [1]\n", "layout: *undefined",
    ])
    func wrongTypes(_ text: String) {
        var policy = Policy()
        #expect(throws: ConfigError.self) {
            try ConfigLoader().apply(SourceFile(path: ".plimsoll.yml", text: text), to: &policy)
        }
    }

    /// A job output that names itself sent the tag rules' link from a build to its metadata step round the
    /// `needs.<job>.outputs` loop until the stack overflowed (plimsoll scan exited 139).
    @Test("a job output that refers to itself")
    func selfReferencingJobOutput() throws {
        let workflow = """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                needs: [a, b]
                outputs:
                  tags: ${{ needs.a.outputs.tags }}
                steps:
                  - uses: docker/build-push-action@v6
                    with:
                      push: true
                      tags: ${{ needs.a.outputs.tags }}, ${{ needs.b.outputs.tags }}
              b:
                runs-on: ubuntu-latest
                needs: a
                outputs:
                  tags: ${{ needs.a.outputs.tags }} ${{ needs.b.outputs.tags }}
                steps:
                  - run: make

            """
        let result = try scan([".github/workflows/build.yml": Array(workflow.utf8)])
        #expect(result.findings.contains { $0.path == ".github/workflows/build.yml" })
    }

    /// Whether a job may run was decided by following every `needs` path: 30 jobs that each need all earlier ones
    /// (7 KB of YAML) kept the pull-request rules busy for hours.
    @Test("thirty jobs that each need all earlier ones", .timeLimit(.minutes(1)))
    func denseNeeds() throws {
        var workflow = "on: [push, pull_request]\njobs:\n"
        for job in 0..<30 {
            workflow += "  j\(job):\n    runs-on: ubuntu-latest\n"
            if job > 0 { workflow += "    needs: [" + (0..<job).map { "j\($0)" }.joined(separator: ", ") + "]\n" }
            workflow += "    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"
            workflow += "          tags: ghcr.io/acme/app:latest\n"
        }
        let result = try scan([".github/workflows/build.yml": Array(workflow.utf8)])
        // Every job may run on a fork's pull request and pushes: each is reported.
        #expect(result.findings.filter { $0.ruleID == "PL403" }.count == 30)
    }
}
