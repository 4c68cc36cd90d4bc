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
}
