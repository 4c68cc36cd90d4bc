#if os(Linux)
import Glibc

extension GitFileLister {
    /// A git process started by `spawn`, its standard output on a pipe: `finish()` reads it to the end and reaps
    /// the process, `cancel()` stops and reaps it unread. Exactly one of the two is called.
    struct RunningGit: Sendable {
        let pid: pid_t
        let output: Int32

        /// Everything git wrote, when it exited normally with status 0; nil otherwise.
        func finish() -> [UInt8]? {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
                if count > 0 {
                    bytes.append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(output)
            guard let status = reap() else { return nil }
            // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import as macros).
            guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { return nil }
            return bytes
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
