import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs git for the org fetcher so that nothing from a repository or the user's configuration can run: the
/// environment is scrubbed, system and global configuration are not read, hooks and fsmonitor are off, no
/// prompt or pager can start, and only ordinary transports are allowed.
struct GitCommand: Sendable {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool

        /// The last line git wrote to stderr, which says why it failed.
        var reason: String {
            if timedOut { return "timed out" }
            let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last { !$0.isEmpty }.map { TerminalText.sanitize($0) } ?? "git exited with status \(status)"
        }
    }

    static let safetyOptions = [
        "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "submodule.recurse=false",
        "-c", "advice.detachedHead=false", "-c", "credential.helper=", "-c", "core.askPass=",
    ]

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            key == "PATH" || key == "HOME" || key == "LANG" || key == "LC_ALL" || key == "TMPDIR"
        }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_ASKPASS"] = "/bin/false"
        environment["SSH_ASKPASS"] = "/bin/false"
        environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
        environment["GIT_PAGER"] = "cat"
        environment["GIT_ALLOW_PROTOCOL"] = "file:git:http:https:ssh"
        environment["GIT_LFS_SKIP_SMUDGE"] = "1"
        return environment
    }

    /// Runs `git <safety options> <options> <arguments>` with `environment` plus `extraEnvironment`; gives up
    /// (SIGTERM, then SIGKILL) once `deadline` has passed.
    static func run(
        _ arguments: [String], options: [String] = [], extraEnvironment: [String: String] = [:],
        deadline: ContinuousClock.Instant
    ) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + safetyOptions + options + arguments
        process.environment = environment.merging(extraEnvironment) { _, extra in extra }
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            return Output(status: -1, stdout: "", stderr: "cannot start git: \(error.localizedDescription)", timedOut: false)
        }
        let collected = Locked((out: Data(), err: Data()))
        let readers = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            readers.enter()
            Thread.detachNewThread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.withLock { if isError { $0.err = data } else { $0.out = data } }
                readers.leave()
            }
        }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(0, remaining.components.seconds) * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000
        var timedOut = false
        if exited.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + .seconds(2)) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        // A helper git started may still hold the pipes after a kill: wait for the readers only briefly then.
        _ = readers.wait(timeout: timedOut ? .now() + .seconds(2) : .distantFuture)
        let (out, err) = collected.withLock { ($0.out, $0.err) }
        return Output(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut)
    }
}

/// A value behind a lock, for the few places the org runner shares state between threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
