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

/// Opens the directory `path`, relative to the directory `root`, as `plimsoll_open_beneath` opens a file: never
/// leaving `root`, and refusing a symbolic link as the last component (O_NOFOLLOW | O_DIRECTORY). For writing a
/// file in it with openat/renameat. Same returns as `plimsoll_open_beneath`.
int plimsoll_open_directory_beneath(int root, const char *path);

/// Creates a pipe whose ends are closed on exec (pipe2 with O_CLOEXEC, which Swift's Glibc module does not
/// declare), so that a child started while it is open inherits neither end. Returns 0, or -1 with errno set.
int plimsoll_pipe_cloexec(int fds[2]);

/// Asks Linux to let the pipe behind `fd` hold `bytes` (F_SETPIPE_SZ); best effort, the result is the new
/// capacity or -1. Elsewhere does nothing and returns -1.
int plimsoll_set_pipe_capacity(int fd, int bytes);

#endif
