// pipe2 and F_SETPIPE_SZ are GNU extensions.
#define _GNU_SOURCE
#include "plimsoll_file_access.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#if defined(__linux__)
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/// openat2 with RESOLVE_BENEATH for `flags` (without O_NOFOLLOW and O_CLOEXEC, which every open here adds).
static int open_beneath(int root, const char *path, int flags) {
#if defined(__linux__) && defined(SYS_openat2)
    struct open_how how = {0};
    how.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC);
    // No magic links (/proc/self/fd/…) either: they could name any open file.
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    long descriptor;
    // EAGAIN: a rename raced with a RESOLVE_BENEATH lookup. Retried a few times, not forever, so a repository
    // renamed in a loop under the scan cannot hang it.
    int attempts = 0;
    do {
        descriptor = syscall(SYS_openat2, root, path, &how, sizeof how);
    } while (descriptor < 0 && (errno == EINTR || errno == EAGAIN) && ++attempts < 8);
    if (descriptor < 0 && (errno == ENOSYS || errno == EPERM)) {
        // No openat2 (kernel before 5.6), or a seccomp filter that refuses it (some container runtimes
        // answer EPERM rather than ENOSYS).
        return -2;
    }
    return (int)descriptor;
#else
    (void)root;
    (void)path;
    (void)flags;
    return -2;
#endif
}

int plimsoll_open_beneath(int root, const char *path) {
    return open_beneath(root, path, O_RDONLY | O_NONBLOCK);
}

int plimsoll_open_directory_beneath(int root, const char *path) {
    return open_beneath(root, path, O_RDONLY | O_DIRECTORY);
}

int plimsoll_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int plimsoll_set_pipe_capacity(int fd, int bytes) {
#if defined(__linux__) && defined(F_SETPIPE_SZ)
    return fcntl(fd, F_SETPIPE_SZ, bytes);
#else
    (void)fd;
    (void)bytes;
    return -1;
#endif
}
