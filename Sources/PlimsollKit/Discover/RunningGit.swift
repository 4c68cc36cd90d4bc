#if os(Linux)
import Glibc

extension GitFileLister {
    /// A git process started by `spawn`, its standard output on a pipe: `finish()` reads it to the end and reaps
    /// the process, `cancel()` stops and reaps it unread. Exactly one of the two is called.
    struct RunningGit: Sendable {
        let pid: pid_t
        let output: Int32

        /// How a listing ended.
        enum Outcome: Equatable {
            /// git exited normally with status 0: everything it wrote.
            case listed([UInt8])
            /// git failed (not a work tree, no git): the caller walks the folder instead.
            case failed
            /// git was still running at the deadline and was killed.
            case timedOut
        }

        /// Everything git wrote, when it exited normally with status 0; nil otherwise (a timeout included).
        func finish() -> [UInt8]? {
            if case .listed(let bytes) = finish(timeout: GitFileLister.timeout) { return bytes }
            return nil
        }

        /// Reads git's output until it ends or `timeout` has passed. git reads the repository's configuration,
        /// and a `.git/config` that includes a FIFO (`[include] path = fifo`) makes it wait in open(2) for a
        /// writer that never comes: without a deadline the scan waited with it, forever. Past the deadline git is
        /// killed and reaped.
        func finish(timeout: Duration) -> Outcome {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            while true {
                let left = clock.now.duration(to: deadline)
                guard left > .zero else {
                    close(output)
                    kill(pid, SIGKILL)
                    _ = reap()
                    return .timedOut
                }
                var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
                let ready = poll(&descriptor, 1, milliseconds)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                // Nothing yet: the deadline is checked again at the top.
                if ready == 0 { continue }
                let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
                if count > 0 {
                    bytes.append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(output)
            guard let status = reap() else { return .failed }
            // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import as macros).
            guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { return .failed }
            return .listed(bytes)
        }

        /// Stops a listing nobody will read, so that no git process outlives its use.
        func cancel() {
            close(output)
            kill(pid, SIGTERM)
            _ = reap()
        }

        /// The raw wait status, nil when waiting failed.
        private func reap() -> Int32? {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR { return nil }
            }
            return status
        }
    }
}
#endif
