import Foundation

/// Fetches a repository shallowly into its own folder of the cache, reusing the folder on the next run: one
/// commit, no tags, no submodules, no hooks, no LFS smudging.
public struct GitFetcher: Sendable {
    public var cacheDirectory: String
    /// The most one repository's fetch may take, in seconds.
    public var timeout: Duration

    public init(cacheDirectory: String, timeout: Duration = .seconds(300)) {
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
    }

    public struct Checkout: Sendable {
        public var path: String
        public var commit: String
    }

    /// Why a repository could not be fetched, in git's own words where it gave some.
    public struct FetchError: Error, Sendable, CustomStringConvertible {
        public var step: String
        public var reason: String
        public var description: String { "\(step) failed: \(reason)" }
    }

    public func fetch(_ repository: OrgRepository) -> Result<Checkout, FetchError> {
        guard case .remote(let url, let ref) = repository.location else {
            return .failure(FetchError(step: "fetch", reason: "not a remote repository"))
        }
        let deadline = ContinuousClock.now + timeout
        let directory = cacheDirectory + "/" + repository.fileStem
        let manager = FileManager.default
        if !manager.fileExists(atPath: directory + "/.git/HEAD") {
            try? manager.removeItem(atPath: directory)
            do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                return .failure(FetchError(step: "create the cache folder", reason: error.localizedDescription))
            }
            // An empty template: no sample hooks, nothing the user's template would add.
            let initialised = GitCommand.run(["init", "-q", "--template=", directory], deadline: deadline)
            guard initialised.status == 0 else { return .failure(FetchError(step: "git init", reason: initialised.reason)) }
        }
        let (address, credentials) = GitCredentials.split(url)
        let redactor = TokenRedactor([credentials?.password, credentials?.username])
        for step in Self.steps(directory: directory, address: address, ref: ref, credentials: credentials) {
            let output = GitCommand.run(
                step.arguments, options: step.options, extraEnvironment: step.environment, deadline: deadline)
            guard output.status == 0, !output.timedOut else {
                return .failure(FetchError(step: step.name, reason: redactor(output.reason)))
            }
        }
        let head = GitCommand.run(["-C", directory, "rev-parse", "HEAD"], deadline: deadline)
        guard head.status == 0 else { return .failure(FetchError(step: "git rev-parse", reason: head.reason)) }
        return .success(Checkout(path: directory, commit: head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// One git command of a fetch: its arguments, and the options and variables it alone gets.
    struct Step: Sendable {
        var name: String
        var arguments: [String]
        var options: [String] = []
        var environment: [String: String] = [:]
    }

    /// The git commands that fetch `address` (credentials already split off) into `directory`. The remote stored
    /// in the cache's `.git/config` is the bare address; only `git fetch` gets the credential helper and the
    /// variables it reads.
    static func steps(directory: String, address: String, ref: String?, credentials: GitCredentials?) -> [Step] {
        [
            Step(name: "set the remote", arguments: ["-C", directory, "config", "remote.origin.url", address]),
            Step(
                name: "git fetch",
                arguments: ["-C", directory, "fetch", "-q", "--depth", "1", "--no-tags", "--no-recurse-submodules",
                            "--no-write-fetch-head", "origin", "+" + (ref ?? "HEAD") + ":refs/plimsoll/fetched"],
                options: credentials?.helperOptions ?? [], environment: credentials?.environment ?? [:]),
            Step(name: "git checkout", arguments: ["-C", directory, "checkout", "-q", "--force", "--detach", "refs/plimsoll/fetched"]),
            Step(name: "git clean", arguments: ["-C", directory, "clean", "-q", "-ffdx"]),
        ]
    }

    /// The commit checked out in a local work tree, or nil for a plain folder (also one inside another
    /// repository's work tree: that repository's commit says nothing about the folder).
    public static func headCommit(of path: String) -> String? {
        let output = GitCommand.run(["-C", path, "rev-parse", "--show-toplevel", "HEAD"], deadline: .now + .seconds(60))
        guard output.status == 0 else { return nil }
        let lines = output.stdout.split(separator: "\n").map(String.init)
        guard lines.count == 2, let top = DiskRepositorySource.realPath(lines[0]),
            top == DiskRepositorySource.realPath(path)
        else { return nil }
        return lines[1]
    }
}
