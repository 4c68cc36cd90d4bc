import Dispatch
import Foundation

/// Maps indices to results on every core, results in index order. The scan's per-file parses and per-rule
/// checks are pure and independent, so a repository of hundreds of workflows no longer runs on one core while
/// the others idle. Small inputs stay on the calling thread: waking workers costs more than they save.
enum ParallelMap {
    /// `body(0) … body(count - 1)`, in order; concurrently when `count >= minimumForThreads`.
    static func map<T: Sendable>(_ count: Int, minimumForThreads: Int = 8, _ body: @Sendable (Int) -> T) -> [T] {
        guard count >= minimumForThreads, ProcessorCount.active > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let slots = Slots(buffer: results)
        // Each index is written by exactly one iteration and read only after concurrentPerform returns.
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.buffer[index] = body(index)
        }
        return results.map { $0! }
    }

    /// The result buffer, shared by the iterations; each writes only its own slot.
    private struct Slots<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T?>
    }
}

/// The number of processors this process may use.
enum ProcessorCount {
    static let active = ProcessInfo.processInfo.activeProcessorCount
}
