#ifndef PLIMSOLL_FILE_ACCESS_H
#define PLIMSOLL_FILE_ACCESS_H

/// Opens `path`, relative to the directory `root`, for reading, such that resolving it can never leave `root`:
/// Linux's openat2(2) with RESOLVE_BENEATH checks every component, symbolic links included, atomically, where
/// realpath(3) followed by open(2) asked the kernel once per path component and left a window between the
/// check and the open. The last component is not followed (O_NOFOLLOW) and a FIFO does not block (O_NONBLOCK).
///
/// Returns the descriptor, or -1 with errno set (EXDEV: the path leads outside `root`; ELOOP: the last
/// component is a symbolic link). Returns -2 when the kernel or platform has no openat2: the caller then
/// falls back to checking the real path itself.
int plimsoll_open_beneath(int root, const char *path);

#endif
