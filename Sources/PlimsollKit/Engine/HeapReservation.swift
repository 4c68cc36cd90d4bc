import CHeap

/// Opt-in heap tuning for a process that runs one scan and exits (the `plimsoll` executable turns it on;
/// a program embedding PlimsollKit keeps its allocator as it was unless it calls `enable`).
///
/// A scan keeps every file's tree and model until the report is written, so its heap only grows; with glibc's
/// defaults every new 4 KB page of it is a page fault, a fifth of a one-thread scan of 860 workflows. Enabling
/// reserves `bytes` of address space for the calling thread, and for each scan worker thread as it starts,
/// that the kernel backs with 2 MB pages as it is touched. The C target's header has the details.
public enum HeapReservation {
    /// 30 MB: below glibc's 32 MB mapping threshold, above the heap of a scan of ~1,000 workflows.
    public static let defaultBytes = 30 << 20

    /// Configures the allocator and reserves for the calling thread. Returns false where nothing was changed
    /// (not Linux with glibc, or the kernel refused the advice); the scan works the same either way.
    @discardableResult
    public static func enable(bytes: Int = defaultBytes) -> Bool {
        plimsoll_heap_configure(bytes)
    }

    /// Reserves for the calling worker thread, once; nothing unless `enable` ran.
    static func reserveForWorkerThread() {
        _ = plimsoll_heap_reserve_thread()
    }
}
