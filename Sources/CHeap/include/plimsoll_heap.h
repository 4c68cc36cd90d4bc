#ifndef PLIMSOLL_HEAP_H
#define PLIMSOLL_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/// Heap tuning for a short-lived batch process that keeps what it parses until it exits (a scan holds every
/// file's tree and model until its report is written, ~18 MB for 860 workflows).
///
/// With glibc's defaults such a process grows its heap a page at a time and takes a page fault for each of
/// those pages (~5,700 faults, a fifth of a one-thread scan of those workflows), and allocations above 128 KB
/// are mapped and unmapped one by one. `plimsoll_heap_configure` keeps allocations below 32 MB in the heap and
/// stops the heap from being trimmed, then reserves `reserve` bytes for the calling thread; later threads
/// reserve their own with `plimsoll_heap_reserve_thread`. A reservation is a block allocated, advised to the
/// kernel as transparent-huge-page eligible (MADV_HUGEPAGE: the kernel then maps it in 2 MB pages as it is first
/// touched), and freed back to the allocator, which hands the same addresses out next.
///
/// Memory that is never touched is never backed: the reservation costs address space, not memory, though what
/// is touched is backed 2 MB at a time. On other platforms, or where the kernel refuses the advice, both calls
/// leave the allocator as it was and return false.
bool plimsoll_heap_configure(size_t reserve);

/// Reserves for the calling thread once (a no-op on later calls from the same thread, and unless
/// `plimsoll_heap_configure` ran first). Returns whether the calling thread's heap is advised.
bool plimsoll_heap_reserve_thread(void);

#endif
