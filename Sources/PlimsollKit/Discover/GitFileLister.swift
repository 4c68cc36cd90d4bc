import CFileAccess
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks git which files a work tree has, honouring `.gitignore` exactly as git does.
///
/// git is the one program Plimsoll starts, and it is started so that a hostile repository cannot make it run
/// anything: `core.fsmonitor` (a hook git would execute) is switched off on the command line, system and
/// global configuration are not read (`environment`), and no pager or prompt can start.
enum GitFileLister {
    /// Configuration given on every git command line. `core.fsmonitor` would name a program git runs; with it
    /// off, listing files runs nothing from the repository, so a repository owned by another user (a volume
    /// mounted into Plimsoll's container, a CI checkout) can be listed too (`safe.directory`).
    private static let safety = ["-c", "core.fsmonitor=false", "-c", "safe.directory=*"]

    /// Tracked and untracked-but-not-ignored files below `root`, relative to it; nil when `root` is not inside
    /// a git work tree or git is not available.
    ///
    /// Throws when git is still running after `timeout` (it waits on something, such as a FIFO its configuration
    /// includes): the scan stops with that reason rather than hang, or quietly list the folder without
    /// `.gitignore`.
    static func list(root: String, timeout: Duration = GitFileLister.timeout) throws(DiscoveryError) -> [String]? {
        var undecodable: Set<String> = []
        return try list(root: root, timeout: timeout, undecodable: &undecodable)
    }

    /// `list`, adding to `undecodable` every listed path whose bytes are not UTF-8 (see `FileNameText`).
    static func list(root: String, timeout: Duration = GitFileLister.timeout, undecodable: inout Set<String>)
        throws(DiscoveryError) -> [String]?
    {
        guard let git = spawn(listingArguments(root: root)) else { return nil }
        let output: [UInt8]
        switch git.finish(timeout: timeout) {
        case .listed(let bytes): output = bytes
        case .failed: return nil
        case .timedOut:
            throw .unreadable(
                root, reason: "git ls-files did not finish within \(timeout) (does .git/config include a FIFO or device?)")
        }
        var paths = output.split(separator: 0).map { FileNameText.decode($0, undecodable: &undecodable) }
        paths.sort()
        // A file both staged for deletion and present shows twice; sorted, its copies are neighbours (cheaper than
        // hashing every path into a set).
        var kept = 0
        for index in paths.indices where index == 0 || paths[index] != paths[kept - 1] {
            paths.swapAt(kept, index)
            kept += 1
        }
        paths.removeLast(paths.count - kept)
        return paths
    }

    /// The command line that lists `root`'s files. No separate `rev-parse --is-inside-work-tree` first: outside a
    /// work tree (no repository, a bare one, inside `.git`) `ls-files` fails too, and each git process costs
    /// milliseconds of a pre-commit run.
    static func listingArguments(root: String) -> [String] {
        ["-C", root] + safety + ["-c", "core.untrackedCache=false", "-c", "core.quotePath=false",
         "ls-files", "--cached", "--others", "--exclude-standard", "-z"]
    }

    /// git's whole environment: PATH and the locale, and nothing that leads to configuration outside the
    /// repository. No system file (`GIT_CONFIG_NOSYSTEM`), no global one (`GIT_CONFIG_GLOBAL=/dev/null`), and no
    /// HOME or XDG_CONFIG_HOME, so neither `~/.gitconfig` nor `~/.config/git/ignore` (the default global
    /// excludes file) is read even by a git older than 2.32: the files listed are the repository's, the same for
    /// every user, and a user's `core.excludesFile` cannot hide a Dockerfile from the scan.
    static var environment: [String: String] {
        var environment = [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0",
        ]
        for key in ["LANG", "LC_ALL", "PATH"] {
            if let value = getenv(key) { environment[key] = String(cString: value) }
        }
        return environment
    }

    /// How long one listing may take: git lists a 100,000-file repository in about a second.
    static let timeout: Duration = .seconds(120)

    /// Runs git with a scrubbed environment and returns its output; nil on any failure.
    static func run(_ arguments: [String]) -> [UInt8]? {
        spawn(arguments)?.finish()
    }

    #if os(Linux)
    /// Starts git with a scrubbed environment, its output on a pipe; nil when it cannot start.
    ///
    /// Spawned with `posix_spawn` rather than Foundation's `Process`, whose setup cost more than git's own
    /// listing of a small repository.
    static func spawn(_ arguments: [String]) -> RunningGit? {
        let environment = Self.environment.map { $0.key + "=" + $0.value }
        var pipeEnds: [Int32] = [0, 0]
        // Close-on-exec, so that another process started while this one runs (an org scan's next repository)
        // inherits neither end; the file actions below make the write end this child's standard output.
        guard plimsoll_pipe_cloexec(&pipeEnds) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        // `posix_spawnp` searches PATH for git itself (the same PATH, and the same search, as `env git` did):
        // starting /usr/bin/env first would cost an extra exec in every scan.
        let argv = ["git"] + arguments
        var pid = pid_t()
        let status = withCStrings(argv) { argvPointers in
            withCStrings(environment) { environmentPointers in
                posix_spawnp(&pid, "git", &actions, nil, argvPointers, environmentPointers)
            }
        }
        close(writeEnd)
        guard status == 0 else {
            close(readEnd)
            return nil
        }
        // A pipe holds 64 KB by default; a larger one (1 MB, the unprivileged limit) lets a listing started
        // ahead of time run to its end while nobody reads yet. Best effort: the default still works.
        _ = plimsoll_set_pipe_capacity(readEnd, 1 << 20)
        return RunningGit(pid: pid, output: readEnd)
    }

    /// NUL-terminated copies of `strings` as a NULL-terminated `char *` array, for `posix_spawn`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
    #else
    /// Git started elsewhere runs to completion here: `finish()` returns the output captured by `spawn`.
    struct RunningGit: Sendable {
        enum Outcome: Equatable {
            case listed([UInt8])
            case failed
            case timedOut
        }

        let output: [UInt8]?
        func finish() -> [UInt8]? { output }
        func finish(timeout: Duration) -> Outcome { output.map(Outcome.listed) ?? .failed }
        func cancel() {}
    }

    /// Runs git with a scrubbed environment to its end (Foundation's `Process`, away from Linux).
    static func spawn(_ arguments: [String]) -> RunningGit? {
        RunningGit(output: runToEnd(arguments))
    }

    private static func runToEnd(_ arguments: [String]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.environment = Self.environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { usleep(100) }
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](data)
    }
    #endif
}
