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
/// global configuration are not read, and no pager or prompt can start.
enum GitFileLister {
    /// Configuration given on every git command line. `core.fsmonitor` would name a program git runs; with it
    /// off, listing files runs nothing from the repository, so a repository owned by another user (a volume
    /// mounted into Plimsoll's container, a CI checkout) can be listed too (`safe.directory`).
    private static let safety = ["-c", "core.fsmonitor=false", "-c", "safe.directory=*"]

    /// Tracked and untracked-but-not-ignored files below `root`, relative to it; nil when `root` is not inside
    /// a git work tree or git is not available.
    static func list(root: String) -> [String]? {
        // No separate `rev-parse --is-inside-work-tree` first: outside a work tree (no repository, a bare one,
        // inside `.git`) `ls-files` fails too, and each git process costs milliseconds of a pre-commit run.
        guard
            let output = run(
                ["-C", root] + safety + ["-c", "core.untrackedCache=false", "-c", "core.quotePath=false",
                 "ls-files", "--cached", "--others", "--exclude-standard", "-z"])
        else { return nil }
        var seen = Set<String>()
        var paths: [String] = []
        for chunk in output.split(separator: 0) {
            let path = String(decoding: chunk, as: UTF8.self)
            // A file both staged for deletion and present shows twice; keep one.
            if seen.insert(path).inserted { paths.append(path) }
        }
        return paths.sorted()
    }

    #if os(Linux)
    /// Runs git with a scrubbed environment; nil on any failure.
    ///
    /// Spawned with `posix_spawn` rather than Foundation's `Process`, whose setup cost more than git's own
    /// listing of a small repository.
    static func run(_ arguments: [String]) -> [UInt8]? {
        var environment = ["GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "GIT_OPTIONAL_LOCKS=0"]
        for key in ["HOME", "LANG", "LC_ALL", "PATH"] {
            if let value = getenv(key) { environment.append(key + "=" + String(cString: value)) }
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
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
        // starting /usr/bin/env first cost an extra exec, about 0.6 ms of every scan.
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
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 {
            if errno != EINTR { return nil }
        }
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import as macros).
        guard exitStatus & 0x7F == 0, (exitStatus >> 8) & 0xFF == 0 else { return nil }
        return output
    }

    /// NUL-terminated copies of `strings` as a NULL-terminated `char *` array, for `posix_spawn`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
    #else
    /// Runs git with a scrubbed environment; nil on any failure.
    static func run(_ arguments: [String]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            key == "PATH" || key == "HOME" || key == "LANG" || key == "LC_ALL"
        }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_PAGER"] = "cat"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
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
