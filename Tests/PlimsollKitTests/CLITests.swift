import Foundation
import Testing

/// The `plimsoll` binary as users run it: exit statuses, formats, and paths.
@Suite("Command line", .serialized)
struct CLITests {
    @Test("exit 0 for a compliant repository, 1 with findings, 2 for a bad configuration or path")
    func exitStatuses() throws {
        #expect(try ProcessRunner.plimsoll(["scan", TestPaths.repos.appendingPathComponent("compliant").path]).status == 0)
        #expect(try ProcessRunner.plimsoll(["scan", TestPaths.repos.appendingPathComponent("sample-app").path]).status == 1)
        let bad = try ProcessRunner.plimsoll(["scan", TestPaths.repos.appendingPathComponent("bad-config").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".plimsoll.yml:2:1: unknown key 'platfroms' (did you mean 'platforms'?)"))
        let missing = try ProcessRunner.plimsoll(["scan", "/nonexistent/repo"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("'/nonexistent/repo' does not exist"))
        let badFlag = try ProcessRunner.plimsoll(["scan", "--format", "xml"])
        #expect(badFlag.status == 2)
    }

    @Test("--fail-level decides which findings fail the run")
    func failLevel() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".plimsoll.yml", "rules:\n  PL101: warning\n  PL102: off\n  PL301: off\n")
        #expect(try ProcessRunner.plimsoll(["scan", directory.path]).status == 0)
        #expect(try ProcessRunner.plimsoll(["scan", directory.path, "--fail-level", "warning"]).status == 1)
        #expect(try ProcessRunner.plimsoll(["scan", directory.path, "--fail-level", "never"]).status == 0)
    }

    @Test("naming files reports only findings in those files, with the repository as context")
    func fileArguments() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".git/HEAD", "ref: refs/heads/main\n")
        try directory.write("Dockerfile", "FROM alpine:3.20\n")
        try directory.write("README.md", "x\n")
        let onlyReadme = try ProcessRunner.plimsoll(["scan", "README.md"], in: directory.url)
        #expect(onlyReadme.status == 0, "\(onlyReadme.stdout)")
        let dockerfile = try ProcessRunner.plimsoll(["scan", "Dockerfile"], in: directory.url)
        #expect(dockerfile.status == 1)
        #expect(dockerfile.stdout.hasPrefix("Dockerfile:1:1: error[PL101]"))
    }

    @Test("github format survives a file name built to inject a command")
    func githubInjection() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/docker/a,b:c%0A.Dockerfile", "FROM x\n")
        try directory.write("src/docker/docker-build.sh", "#!/bin/sh\ndocker build src/docker\n", executable: true)
        // A Dockerfile no Dockerfile rule objects to, so the link below is the only finding.
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\nUSER 65532\n")
        try directory.write(".plimsoll.yml", "rules:\n  PL301: off\n")
        // PL003 fires for the NUL-free but link-free file only if unreadable; force a finding on it instead by
        // making it a link out of the root.
        try FileManager.default.removeItem(atPath: directory.path + "/src/docker/a,b:c%0A.Dockerfile")
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/src/docker/a,b:c%0A.Dockerfile", withDestinationPath: "/etc/passwd")
        let output = try ProcessRunner.plimsoll(["scan", directory.path, "--format", "github", "--fail-level", "never"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("::notice file=src/docker/a%2Cb%3Ac%250A.Dockerfile,line=1,col=1,"))
        #expect(!output.stdout.contains("root:"), "the link target must never be read")
    }

    @Test("rules, explain and version")
    func informationCommands() throws {
        let rules = try ProcessRunner.plimsoll(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("PL101  error     STRUCTURE"))
        let explain = try ProcessRunner.plimsoll(["explain", "PL101"])
        #expect(explain.stdout.contains("# PL101: Dockerfile at the Layout Path"))
        let unknown = try ProcessRunner.plimsoll(["explain", "PL1O1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'PL101'?"))
        #expect(try ProcessRunner.plimsoll(["--version"]).stdout.hasPrefix("0."))
    }

    @Test("a scan command line is answered as the whole command tree answers it: help, usage and mistakes")
    func scanCommandLineAsTheTreeSeesIt() throws {
        // `scan` is parsed by itself first (it is nearly every run); whatever that cannot parse goes to the root
        // command, so these answers name `plimsoll scan` and the root's own options still work after `scan`.
        let help = try ProcessRunner.plimsoll(["scan", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: plimsoll scan "))
        let rootHelp = try ProcessRunner.plimsoll(["--help"])
        #expect(rootHelp.stdout.contains("SUBCOMMANDS:"))
        let mistake = try ProcessRunner.plimsoll(["scan", "--bogus"])
        #expect(mistake.status == 2)
        #expect(mistake.stderr.contains("Unknown option '--bogus'"))
        #expect(mistake.stderr.contains("plimsoll scan"))
        let completion = try ProcessRunner.plimsoll(["scan", "--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("plimsoll"))
        let implicit = try ProcessRunner.plimsoll([TestPaths.repos.appendingPathComponent("compliant").path])
        #expect(implicit.status == 0)
    }

    @Test("--min-severity hides lower findings from the report but not from the exit status; --color always")
    func displayOptions() throws {
        let sample = TestPaths.repos.appendingPathComponent("sample-app").path
        let all = try ProcessRunner.plimsoll(["scan", sample, "--format", "json"])
        let errors = try ProcessRunner.plimsoll(["scan", sample, "--format", "json", "--min-severity", "error"])
        func severities(_ text: String) throws -> Set<String> {
            let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return Set((json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["severity"] as? String })
        }
        #expect(try severities(all.stdout) == ["error", "warning", "note"])
        #expect(try severities(errors.stdout) == ["error"])
        let warningsOnly = try ProcessRunner.plimsoll(
            ["scan", sample, "--min-severity", "error", "--fail-level", "warning", "--format", "json"])
        #expect(warningsOnly.status == 1)
        let colour = try ProcessRunner.plimsoll(["scan", sample, "--color", "always"])
        #expect(colour.stdout.contains("\u{1B}["))
        let plain = try ProcessRunner.plimsoll(["scan", sample, "--color", "never"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test("a report into a folder that does not exist is a usage error naming it; a mistyped command gets a suggestion")
    func usageMistakes() throws {
        let sample = TestPaths.repos.appendingPathComponent("sample-app").path
        let missing = try ProcessRunner.plimsoll(["scan", sample, "--output", "/nonexistent-folder/report.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the folder '/nonexistent-folder' does not exist"))
        let typo = try ProcessRunner.plimsoll(["scna"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean the command 'scan'?"))
    }

    @Test("'-' lints standard input as the file --stdin-filename names, with the repository as context")
    func standardInput() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("input.txt", "FROM alpine\nENV A b\n")
        let sample = TestPaths.repos.appendingPathComponent("sample-app").path
        let run = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$0\" scan - --stdin-filename \"$1\"/Dockerfile --format json < \"$2\"",
             TestPaths.binary.path, sample, input.path])
        let json = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json != nil, "\(run.stdout)\(run.stderr)")
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["path"] as? String == "Dockerfile" })
        #expect(findings.contains { $0["rule"] as? String == "PL207" })
        let missing = try ProcessRunner.plimsoll(["scan", "-"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--stdin-filename"))
    }

    @Test("--output writes the report to a file")
    func outputFile() throws {
        let directory = try TemporaryDirectory()
        let target = directory.url.appendingPathComponent("report.json").path
        let run = try ProcessRunner.plimsoll(
            ["scan", TestPaths.repos.appendingPathComponent("sample-app").path, "--format", "json", "--output", target])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: target))) as? [String: Any]
        #expect(json?["format"] as? String == "plimsoll-findings/v1")
    }

    /// A link is replaced, never written through (issue 21: a committed `plimsoll.sarif -> script` in a pull
    /// request's checkout); a FIFO or device the user names is written in place.
    @Test("--output replaces a symlink with the report and writes into a FIFO in place")
    func outputIntoSpecialFiles() throws {
        let directory = try TemporaryDirectory()
        let real = directory.url.appendingPathComponent("real.json").path
        let link = directory.url.appendingPathComponent("link.json").path
        let stale = "stale report \(String(repeating: "x", count: 4096))"
        try stale.write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let sample = TestPaths.repos.appendingPathComponent("sample-app").path
        let run = try ProcessRunner.plimsoll(["scan", sample, "--format", "json", "--output", link])
        #expect(run.status == 1)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == stale)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: link))) as? [String: Any]
        #expect(json?["format"] as? String == "plimsoll-findings/v1")
        var linkInfo = stat()
        #expect(lstat(link, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFREG)

        // A FIFO stands in for /dev/null and friends: it must still be a FIFO afterwards.
        let fifo = directory.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader blocks in open(2) until plimsoll opens the FIFO for writing, then reads to its end.
        let reader = Thread { _ = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() }
        reader.start()
        let piped = try ProcessRunner.plimsoll(["scan", sample, "--format", "json", "--output", fifo])
        #expect(piped.status == 1)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }
}
