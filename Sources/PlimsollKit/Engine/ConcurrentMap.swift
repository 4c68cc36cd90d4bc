import Dispatch
import Synchronization

/// Maps `0..<count` on up to `workers` threads, results in index order, so a parallel scan reports exactly what
/// a serial one does.
///
/// Workers take the next index from a shared counter rather than a fixed slice each: the files of a repository
/// differ in cost by orders of magnitude (one 4 MB workflow among hundreds of small ones), and fixed slices
/// left one thread idle while the other finished the expensive half.
///
/// Fewer than `serialBelow` items run on the calling thread: a pre-commit run's handful of files gains nothing
/// from a second thread (the small benchmark repository measured the same either way, within noise), and the
/// serial path keeps such runs free of thread start-up.
enum ConcurrentMap {
    static let serialBelow = 32

    /// `serialBelow` is for callers whose items are large (a few chunks of a report each worth a thread).
    static func map<Result: Sendable>(
        _ count: Int, workers: Int, serialBelow: Int = serialBelow, _ transform: @Sendable (Int) -> Result
    ) -> [Result] {
        let threads = count < serialBelow ? 1 : min(workers, count)
        guard threads > 1 else { return (0..<count).map(transform) }
        let slots = Slots<Result>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            HeapReservation.reserveForWorkerThread()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                slots.store(transform(index), at: index)
            }
        }
        return slots.take()
    }
}

/// One write-once slot per index. Each index is claimed by exactly one worker (the counter hands it out once)
/// and read only after `concurrentPerform` returned, which orders every write before the read.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ value: consuming Value, at index: Int) {
        buffer[index] = value
    }

    /// The values in index order; every slot must have been stored.
    func take() -> [Value] {
        buffer.map { $0! }
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}
