import Foundation

/// A fixed number of threads that take work items in order until none is left. Threads rather than Swift
/// tasks, because a worker blocks on git and on file reads, which must not starve the cooperative pool.
enum WorkerPool {
    /// Calls `body` once for every index in `0..<count`, on at most `workers` threads at a time; returns
    /// when all are done.
    static func run(count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let next = Locked(0)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            group.enter()
            let thread = Thread {
                while true {
                    let index = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    if index >= count { break }
                    body(index)
                }
                group.leave()
            }
            // The parsers recurse (YAML nesting, shell words): give workers the main thread's stack size.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }
}
