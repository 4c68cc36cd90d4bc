import Foundation
import Testing

/// Issue 21, attack 15: pre-commit appends staged file names to the hook's entry. Without `--` a file named
/// `--output=x.Dockerfile` was read as an option, and the report overwrote `x.Dockerfile`.
@Suite("Adversarial: pre-commit file names")
struct PreCommitArgumentTests {
    @Test("every hook entry ends its options with --")
    func entriesEndOptions() throws {
        let hooks = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let entries = hooks.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("entry:") }
        #expect(entries.count == 3)
        for entry in entries { #expect(entry.hasSuffix(" scan --"), "\(entry)") }
    }

    @Test("a staged file named like an option is scanned as a file",
          .enabled(if: FileManager.default.fileExists(atPath: TestPaths.binary.path)))
    func optionLikeFileName() throws {
        let directory = try TemporaryDirectory()
        try directory.write("--output=x.Dockerfile", "FROM alpine:3.20\n")
        try directory.write("x.Dockerfile", "FROM alpine:3.20\n")
        let run = try ProcessRunner.plimsoll(["scan", "--", "--output=x.Dockerfile"], in: directory.url)
        #expect(run.status != 2, "\(run.stderr)")
        #expect(try String(contentsOfFile: directory.path + "/x.Dockerfile", encoding: .utf8) == "FROM alpine:3.20\n")
    }
}
