import CFileAccess
import Foundation
import PlimsollCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a fixed file was not written.
public struct FixWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writes fixed files into a repository on disk, safely: the folder is opened without leaving the root
/// (`openat2` with `RESOLVE_BENEATH` where the kernel has it, else by its real path) and without following a
/// symbolic link; the file must still be a regular file (never a link) holding exactly the bytes the fixes
/// were computed from; the new bytes go to a temporary file in the same folder, with the file's mode, which is
/// then renamed over it. A crash leaves the old file or the new one, never half of one.
public struct FixWriter: Sendable {
    /// The repository root, absolute.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func write(path: String, expected: [UInt8], bytes: [UInt8]) -> Result<Void, FixWriteError> {
        let file: VerifiedFile
        switch verified(path, expected: expected) {
        case .success(let found): file = found
        case .failure(let error): return .failure(error)
        }
        defer { close(file.folder) }
        let temporary = ".\(file.name).plimsoll-fix-\(getpid())"
        if let failed = Self.writeTemporary(file.folder, temporary, bytes, mode: file.mode) {
            return .failure(FixWriteError(path: path, reason: failed))
        }
        guard renameat(file.folder, temporary, file.folder, file.name) == 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(file.folder, temporary, 0)
            return .failure(FixWriteError(path: path, reason: reason))
        }
        return .success(())
    }

    /// A file a fix may replace, checked: its folder (open, for the caller to close), name and mode.
    private struct VerifiedFile {
        let folder: Int32
        let name: String
        let mode: mode_t
        /// The repository root's real path.
        let root: String
    }

    /// Opens the folder of `path` without leaving the root, and checks the file: a regular file, not a link,
    /// still holding `expected`, the bytes the fixes were computed from.
    private func verified(_ path: String, expected: [UInt8]) -> Result<VerifiedFile, FixWriteError> {
        func failure(_ reason: String) -> Result<VerifiedFile, FixWriteError> { .failure(FixWriteError(path: path, reason: reason)) }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = components.last, !name.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else { return failure("not a plain repository path") }
        let folder = components.dropLast().joined(separator: "/")
        guard let resolvedRoot = realpath(root, nil).map({ pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        }) else { return failure("the repository root cannot be resolved") }
        let rootDescriptor = open(resolvedRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return failure(String(cString: strerror(errno))) }
        defer { close(rootDescriptor) }
        let directory: Int32
        switch openFolder(folder.isEmpty ? "." : folder, root: rootDescriptor, resolvedRoot: resolvedRoot) {
        case .success(let descriptor): directory = descriptor
        case .failure(let reason): return failure(reason.description)
        }
        var status = stat()
        var reason: String?
        if fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) != 0 {
            reason = String(cString: strerror(errno))
        } else if status.st_mode & S_IFMT != S_IFREG {
            reason = status.st_mode & S_IFMT == S_IFLNK ? "it is a symbolic link" : "it is not a regular file"
        } else {
            let reader = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if reader < 0 {
                reason = String(cString: strerror(errno))
            } else {
                let current = Self.readAll(reader, limit: expected.count + 1)
                close(reader)
                if current != expected { reason = "it changed while it was being fixed" }
            }
        }
        if let reason {
            close(directory)
            return failure(reason)
        }
        return .success(VerifiedFile(folder: directory, name: name, mode: status.st_mode & 0o7777, root: resolvedRoot))
    }

    /// Creates the file a fix made, which must not exist: its folders are made beneath the root one by one
    /// (each opened without following a symbolic link, so a link where a folder should be is refused), the bytes
    /// go to a temporary file with `mode`, which is then linked to its name; the link fails rather than replace
    /// anything that appeared at the path meanwhile.
    public func create(path: String, bytes: [UInt8], mode: FileCreation) -> Result<Void, FixWriteError> {
        func failure(_ reason: String) -> Result<Void, FixWriteError> { .failure(FixWriteError(path: path, reason: reason)) }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = components.last, !name.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else { return failure("not a plain repository path") }
        guard let resolvedRoot = realpath(root, nil).map({ pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        }) else { return failure("the repository root cannot be resolved") }
        let directory: Int32
        switch Self.makeFolders(components.dropLast(), root: resolvedRoot) {
        case .success(let descriptor): directory = descriptor
        case .failure(let refusal): return failure(refusal.reason)
        }
        defer { close(directory) }
        var status = stat()
        guard fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) != 0, errno == ENOENT else {
            return failure("it already exists")
        }
        let permissions = mode_t(mode.permissions)
        let temporary = ".\(name).plimsoll-fix-\(getpid())"
        if let failed = Self.writeTemporary(directory, temporary, bytes, mode: permissions) { return failure(failed) }
        var failed: String?
        if linkat(directory, temporary, directory, name, 0) != 0 {
            failed = errno == EEXIST ? "it appeared while it was being created" : String(cString: strerror(errno))
        }
        unlinkat(directory, temporary, 0)
        if let failed { return failure(failed) }
        return .success(())
    }

    /// Moves the file at `move.from`, which must still be a regular file (never a link) holding `expected`, to
    /// `move.to`, where nothing may be, with `bytes` and the file's mode. In a git work tree that tracks the file,
    /// `git mv` moves it, so the index records the rename and history follows the file (git runs with hooks and
    /// fsmonitor off, nothing from the repository's configuration can run); the new bytes are then written as
    /// any fixed file is. Elsewhere the new file is linked into place (never replacing anything) and the old one
    /// removed. The new path's folders are made beneath the root, never through a link.
    public func move(_ move: FileMove, expected: [UInt8], bytes: [UInt8]) -> Result<Void, FixWriteError> {
        func failure(_ reason: String) -> Result<Void, FixWriteError> {
            .failure(FixWriteError(path: move.from, reason: reason))
        }
        let target = move.to.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let targetName = target.last, !targetName.isEmpty,
            !target.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty || $0 == ".git" })
        else { return .failure(FixWriteError(path: move.to, reason: "not a plain repository path")) }
        let source: VerifiedFile
        switch verified(move.from, expected: expected) {
        case .success(let found): source = found
        case .failure(let error): return .failure(error)
        }
        defer { close(source.folder) }

        let targetFolder: Int32
        switch Self.makeFolders(target.dropLast(), root: source.root) {
        case .success(let descriptor): targetFolder = descriptor
        case .failure(let refusal): return .failure(FixWriteError(path: move.to, reason: refusal.reason))
        }
        defer { close(targetFolder) }
        var existing = stat()
        guard fstatat(targetFolder, targetName, &existing, AT_SYMLINK_NOFOLLOW) != 0, errno == ENOENT else {
            return .failure(FixWriteError(path: move.to, reason: "it already exists"))
        }

        if Self.isTracked(move.from, root: source.root) {
            let moved = GitCommand.run(
                ["-C", source.root, "mv", "--", move.from, move.to], extraEnvironment: ["GIT_LITERAL_PATHSPECS": "1"],
                deadline: .now + .seconds(60))
            guard moved.status == 0 else { return failure("git mv failed: \(moved.reason)") }
            return bytes == expected ? .success(()) : write(path: move.to, expected: expected, bytes: bytes)
        }
        let temporary = ".\(targetName).plimsoll-fix-\(getpid())"
        if let failed = Self.writeTemporary(targetFolder, temporary, bytes, mode: source.mode) { return failure(failed) }
        var failed: String?
        if linkat(targetFolder, temporary, targetFolder, targetName, 0) != 0 {
            failed = errno == EEXIST ? "'\(move.to)' appeared while it was being moved" : String(cString: strerror(errno))
        }
        unlinkat(targetFolder, temporary, 0)
        if let failed { return failure(failed) }
        guard unlinkat(source.folder, source.name, 0) == 0 else {
            return failure("'\(move.to)' was written but the old file could not be removed: \(String(cString: strerror(errno)))")
        }
        return .success(())
    }

    /// True when `root` is the top of a git work tree whose index has `path`.
    private static func isTracked(_ path: String, root: String) -> Bool {
        let top = GitCommand.run(["-C", root, "rev-parse", "--show-toplevel"], deadline: .now + .seconds(30))
        guard top.status == 0, top.stdout.trimmingCharacters(in: .newlines) == root else { return false }
        let listed = GitCommand.run(
            ["-C", root, "ls-files", "--error-unmatch", "--", path], extraEnvironment: ["GIT_LITERAL_PATHSPECS": "1"],
            deadline: .now + .seconds(30))
        return listed.status == 0
    }

    /// Why a folder could not be opened.
    private struct Refusal: Error {
        var reason: String
    }

    /// Opens the folder `components` beneath `root`, making each missing folder on the way; each is opened
    /// without following a symbolic link, so a link where a folder should be is refused. The caller closes it.
    private static func makeFolders(_ components: ArraySlice<String>, root: String) -> Result<Int32, Refusal> {
        var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return .failure(Refusal(reason: String(cString: strerror(errno)))) }
        for folder in components {
            if mkdirat(directory, folder, 0o755) != 0, errno != EEXIST {
                let reason = String(cString: strerror(errno))
                close(directory)
                return .failure(Refusal(reason: reason))
            }
            let next = openat(directory, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else {
                let reason = errno == ELOOP || errno == ENOTDIR
                    ? "'\(folder)' is a symbolic link or not a folder" : String(cString: strerror(errno))
                close(directory)
                return .failure(Refusal(reason: reason))
            }
            close(directory)
            directory = next
        }
        return .success(directory)
    }

    /// Creates `temporary` in `directory` (never following or replacing anything) with `bytes` and `mode`, synced
    /// to disk; the error's text, or nil. A temporary file it created and could not finish is removed.
    private static func writeTemporary(_ directory: Int32, _ temporary: String, _ bytes: [UInt8], mode: mode_t) -> String? {
        let descriptor = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var failed = writeAll(descriptor, bytes)
        // The umask may have narrowed the mode the file was created with.
        if failed == nil, fchmod(descriptor, mode) != 0 { failed = String(cString: strerror(errno)) }
        if failed == nil, fsync(descriptor) != 0 { failed = String(cString: strerror(errno)) }
        close(descriptor)
        if failed != nil { unlinkat(directory, temporary, 0) }
        return failed
    }

    /// Writes all of `bytes`; the error's text, or nil.
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        var written = 0
        var failed: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let count = Glibc.write(descriptor, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = String(cString: strerror(errno))
                    return
                }
                written += count
            }
        }
        return failed
    }

    private func openFolder(_ folder: String, root: Int32, resolvedRoot: String) -> Result<Int32, FixWriteError> {
        let descriptor = plimsoll_open_directory_beneath(root, folder)
        if descriptor >= 0 { return .success(descriptor) }
        if descriptor == -1 {
            let reason = errno == EXDEV || errno == ELOOP ? "its folder leaves the repository" : String(cString: strerror(errno))
            return .failure(FixWriteError(path: folder, reason: reason))
        }
        // No openat2: the folder's real path must be the folder itself, inside the root.
        let path = folder == "." ? resolvedRoot : resolvedRoot + "/" + folder
        guard let real = realpath(path, nil).map({ pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        }), real == path else {
            return .failure(FixWriteError(path: folder, reason: "its folder leaves the repository or is a link"))
        }
        let opened = open(real, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else { return .failure(FixWriteError(path: folder, reason: String(cString: strerror(errno)))) }
        return .success(opened)
    }

    private static func readAll(_ descriptor: Int32, limit: Int) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while result.count < limit {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            result += buffer[0..<count]
        }
        return result
    }
}
