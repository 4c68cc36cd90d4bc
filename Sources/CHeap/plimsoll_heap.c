#include "plimsoll_heap.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

/// 0 until configured; then the reservation size every thread takes.
static _Atomic size_t configured_reserve = 0;
static _Thread_local bool thread_reserved = false;

#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
static bool reserve_for_this_thread(size_t size) {
    // glibc serves each thread from its own arena (the first from the brk heap, later ones from mapped heaps of
    // up to 64 MB); a block below the mapping threshold comes from the calling thread's arena, and once freed
    // it is the top of that arena, handed out again from its low end.
    unsigned char *block = malloc(size);
    if (block == NULL) return false;
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)block + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)block + size) & ~(huge - 1);
    bool advised = end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0;
    // Freed after the advice, never before: a freed block may be unmapped, and its addresses reused by
    // somebody else's mapping.
    free(block);
    return advised;
}
#endif

bool plimsoll_heap_configure(size_t reserve) {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    const size_t mapping_threshold = (size_t)32 << 20;  // glibc's largest allowed value on 64-bit systems
    if (reserve == 0 || reserve >= mapping_threshold) return false;
    if (mallopt(M_MMAP_THRESHOLD, (int)mapping_threshold) == 0) return false;
    // Never hand the heap's top back to the kernel: the process is about to exit, and memory handed back is
    // faulted in again by the next file.
    mallopt(M_TRIM_THRESHOLD, INT32_MAX);
    atomic_store(&configured_reserve, reserve);
    thread_reserved = true;
    return reserve_for_this_thread(reserve);
#else
    (void)reserve;
    return false;
#endif
}

bool plimsoll_heap_reserve_thread(void) {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    size_t reserve = atomic_load(&configured_reserve);
    if (reserve == 0 || thread_reserved) return false;
    thread_reserved = true;
    return reserve_for_this_thread(reserve);
#else
    return false;
#endif
}
