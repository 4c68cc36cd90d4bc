import Foundation

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
        guard isWorkTree(root) else { return nil }
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

    /// True when `root` itself has a `.git` (directory or file) or sits inside a work tree.
    private static func isWorkTree(_ root: String) -> Bool {
        guard let output = run(["-C", root] + safety + ["rev-parse", "--is-inside-work-tree"]) else {
            return false
        }
        return String(decoding: output, as: UTF8.self).hasPrefix("true")
    }

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
        // Not `waitUntilExit()`: on Linux it spins the run loop in 50 ms slices, which added ~100 ms to every scan
        // (two git calls). stdout is at EOF, so the child is exiting: poll briefly instead.
        while process.isRunning { usleep(100) }
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](data)
    }
}
