import Foundation
#if canImport(Glibc)
    import Glibc
#endif
@testable import PlimsollKit
import Testing

/// The listing started before the command line is parsed: which root the raw words name, and that a taken
/// listing is git's own while a listing for another root is stopped.
@Suite("Listing prefetch")
struct ListingPrefetchTests {
    /// A git work tree with a tracked file, an untracked one, an ignored one and a folder `sub`.
    private static func repository() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        try directory.write(".gitignore", "*.tmp\n")
        try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        try directory.write("sub/notes.txt", "x")
        try directory.write("ignored.tmp", "x")
        #expect(try ProcessRunner.git(["init", "-q"], in: directory.url).status == 0)
        #expect(try ProcessRunner.git(["add", "src", ".gitignore"], in: directory.url).status == 0)
        return (directory, try #require(DiskRepositorySource.realPath(directory.path)))
    }

    @Test("the words after `scan` are kept; another command's words are not a scan")
    func scanWords() {
        let scanWords = { (words: [String]) in
            ListingPrefetch.scanWords(words, scanCommand: "scan", otherCommands: ["scan", "org", "rules", "help"])
        }
        #expect(scanWords([]) == [])
        #expect(scanWords(["scan", "a", "-j", "1"]) == ["a", "-j", "1"])
        #expect(scanWords(["a", "--no-color"]) == ["a", "--no-color"])
        #expect(scanWords(["--format", "sarif"]) == ["--format", "sarif"])
        #expect(scanWords(["org", "--checkouts", "x"]) == nil)
        #expect(scanWords(["help", "scan"]) == nil)
    }

    @Test("the root is the one repository the words name; options and their values name nothing")
    func root() throws {
        let (directory, real) = try Self.repository()
        let other = try TemporaryDirectory()
        defer { withExtendedLifetime((directory, other)) {} }
        let otherReal = try #require(DiskRepositorySource.realPath(other.path))
        let root = { (words: [String], cwd: String) in ListingPrefetch.root(scanWords: words, currentDirectory: cwd) }
        #expect(root([], directory.path) == real)
        #expect(root(["--fail-level", "never", "-j", "1"], directory.path) == real)
        #expect(root([directory.path, "--format", "sarif"], other.path) == real)
        #expect(root(["--fail-level", "never", directory.path, "-j", "1"], other.path) == real)
        // Files inside the repository (pre-commit's command line) name the repository.
        #expect(root(["src/docker/Dockerfile", "sub/notes.txt"], directory.path) == real)
        #expect(root([directory.path + "/src/docker/Dockerfile"], other.path) == real)
        #expect(root(["sub"], directory.path) == real + "/sub")
        // Two roots: no guess.
        #expect(root([directory.path, other.path], other.path) == nil)
        #expect(root([other.path], directory.path) == otherReal)
    }

    @Test("a taken listing is the listing git gives for that root")
    func taken() throws {
        let (repository, real) = try Self.repository()
        defer { withExtendedLifetime(repository) {} }
        let prefetch = ListingPrefetch()
        prefetch.start(scanWords: [real], currentDirectory: "/")
        let git = try #require(prefetch.take(root: real))
        let output = try #require(git.finish())
        #expect(output == GitFileLister.run(GitFileLister.listingArguments(root: real)))
        let paths = output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.sorted()
        #expect(paths == [".gitignore", "src/docker/Dockerfile", "sub/notes.txt"])
        #expect(prefetch.take(root: real) == nil)
    }

    @Test("a listing for another root is stopped, and a new start replaces the pending one")
    func cancelled() throws {
        let (repository, real) = try Self.repository()
        let (other, otherReal) = try Self.repository()
        defer { withExtendedLifetime((repository, other)) {} }
        let prefetch = ListingPrefetch()
        prefetch.start(scanWords: [real], currentDirectory: "/")
        let first = try #require(prefetch.take(root: real))
        first.cancel()
        #if os(Linux)
            // Reaped: no such process any more, not even a zombie.
            #expect(kill(first.pid, 0) == -1 && errno == ESRCH)
        #endif

        prefetch.start(scanWords: [real], currentDirectory: "/")
        prefetch.start(scanWords: [otherReal], currentDirectory: "/")
        let listing = GitFileLister.run(GitFileLister.listingArguments(root: otherReal))
        #expect(prefetch.take(root: otherReal)?.finish() == listing)

        prefetch.start(scanWords: [real], currentDirectory: "/")
        #expect(prefetch.take(root: otherReal) == nil)
        #expect(prefetch.take(root: real) == nil)

        // A command line that needed no listing after all (help, a mistake) stops the pending one.
        prefetch.start(scanWords: [real], currentDirectory: "/")
        prefetch.cancel()
        #expect(prefetch.take(root: real) == nil)
        prefetch.cancel()
    }
}
