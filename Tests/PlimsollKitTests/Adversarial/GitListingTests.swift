import Foundation
import Testing

@testable import PlimsollKit

/// Issue 21, attacks 7 and 19: `scan` lists files with `git ls-files`, and git reads configuration.
@Suite("Adversarial: git listing")
struct GitListingTests {
    @Test("git's environment names no global or system configuration")
    func environment() {
        let environment = GitFileLister.environment
        #expect(environment["GIT_CONFIG_GLOBAL"] == "/dev/null")
        #expect(environment["GIT_CONFIG_NOSYSTEM"] == "1")
        #expect(environment["HOME"] == nil && environment["XDG_CONFIG_HOME"] == nil)
    }

    @Test("a user's global excludes file cannot hide a Dockerfile from the scan",
          .enabled(if: FileManager.default.fileExists(atPath: TestPaths.binary.path)))
    func globalExcludes() throws {
        let home = try TemporaryDirectory()
        try home.write(".gitconfig", "[core]\n\texcludesFile = \(home.path)/ignore\n")
        try home.write("ignore", "Dockerfile\n")
        try home.write(".config/git/ignore", "Dockerfile\n")
        let repository = try TemporaryDirectory()
        try repository.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        _ = try ProcessRunner.git(["init", "-q"], in: repository.url)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.path + "/.config"
        let run = try ProcessRunner.plimsoll(["scan", ".", "--format", "json", "--fail-level", "never"], in: repository.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\"PL101\""), "the Dockerfile was hidden by the user's global excludes")
    }

    /// The deadline is an input here, so the test bounds the wait without measuring it.
    @Test("a .git/config that includes a FIFO stops the listing at its deadline with a reason")
    func fifoInclude() throws {
        let repository = try TemporaryDirectory()
        try repository.write("README.md", "x\n")
        _ = try ProcessRunner.git(["init", "-q"], in: repository.url)
        _ = try ProcessRunner.git(["config", "include.path", "evil"], in: repository.url)
        #expect(mkfifo(repository.path + "/.git/evil", 0o600) == 0)
        let real = URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path
        #expect(throws: DiscoveryError.self) {
            _ = try GitFileLister.list(root: real, timeout: .seconds(1))
        }
        do {
            _ = try GitFileLister.list(root: real, timeout: .seconds(1))
        } catch {
            #expect(error.description.contains("did not finish"))
        }
    }

    @Test("origin is read only from small regular files: a FIFO .git/config does not block")
    func fifoConfig() throws {
        let repository = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: repository.path + "/.git", withIntermediateDirectories: true)
        #expect(mkfifo(repository.path + "/.git/config", 0o600) == 0)
        #expect(GitRemoteReader.origin(root: repository.path) == nil)
        // A .git file pointing at a device is not read to its (missing) end either.
        let pointer = try TemporaryDirectory()
        try pointer.write(".git", "gitdir: /dev\n")
        #expect(GitRemoteReader.origin(root: pointer.path) == nil)
        #expect(GitRemoteReader.readSmallRegularFile("/dev/zero") == nil)
        let config = try pointer.write("config", "[remote \"origin\"]\n\turl = https://github.com/acme/app.git\n")
        #expect(GitRemoteReader.readSmallRegularFile(config.path)?.contains("acme/app") == true)
    }
}
