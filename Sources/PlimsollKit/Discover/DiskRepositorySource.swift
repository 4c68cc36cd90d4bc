import CFileAccess
import Foundation
import PlimsollCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A repository on disk. Inside a git work tree the file list comes from `git ls-files`, so `.gitignore` is
/// honoured exactly as git does it; elsewhere the tree is walked, skipping `.git`. Symbolic links are never
/// followed out of the root, and nothing in the repository is ever executed.
public struct DiskRepositorySource: RepositorySource {
    /// The root as given, absolute.
    public let root: String
    /// The root with every symbolic link resolved: the boundary no read may cross.
    public let resolvedRoot: String
    /// The resolved root, opened once: reads are resolved beneath it.
    private let rootDirectory: RootDirectory
    /// Listed paths whose names are not UTF-8, as `FileNameText` shows them: described, never read.
    private let undecodable = UndecodableNames()

    /// Files listed by git where the root is in a work tree, by walking the tree elsewhere; `walking: true` always
    /// walks (a folder its repository ignores, scanned as a repository of its own).
    public init(root: String, walking: Bool = false) throws(DiscoveryError) {
        try self.init(root: root, resolvingBeneath: true)
        self.walking = walking
    }

    /// True when the tree is walked even inside a work tree.
    private var walking = false

    /// `resolvingBeneath: false` skips `openat2` and always checks real paths, the fallback for kernels without
    /// it: for tests that both ways keep reads inside the root.
    package init(root: String, resolvingBeneath: Bool) throws(DiscoveryError) {
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        var status = stat()
        guard stat(absolute, &status) == 0 else { throw .notFound(root) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(root) }
        guard let resolved = Self.realPath(absolute) else {
            throw .unreadable(root, reason: String(cString: strerror(errno)))
        }
        self.root = absolute
        self.resolvedRoot = resolved
        self.rootDirectory = RootDirectory(path: resolvingBeneath ? resolved : nil)
    }

    public var displayName: String { root }

    /// The `origin` remote of the nearest work tree at or above the root.
    public var remote: GitHubRepository? {
        var directory = resolvedRoot
        while true {
            if FileManager.default.fileExists(atPath: directory + "/.git") { return GitRemoteReader.origin(root: directory) }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return nil }
            directory = parent
        }
    }

    public func listPaths() throws(DiscoveryError) -> [String] {
        var names: Set<String> = []
        let listed: [String]
        if !walking, let fromGit = try GitFileLister.list(root: resolvedRoot, undecodable: &names) {
            listed = fromGit
        } else {
            listed = try walk(undecodable: &names)
        }
        undecodable.set(names)
        return listed
    }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
        if undecodable.contains(file.path) { return .failure(.system(FileNameText.undecodableReason)) }
        let relative: String
        switch file.link {
        case .outside(let target): return .failure(.system("symbolic link to '\(target)' leaves the repository"))
        case .inside(let resolvedPath): relative = resolvedPath
        case nil: relative = file.path
        }
        let descriptor: Int32
        switch open(relative) {
        case .success(let opened): descriptor = opened
        case .failure(let error): return .failure(error)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegularFile) }
        return Self.readAll(descriptor, size: Int(status.st_size), limit: limit)
    }

    /// One open describes and reads a plain file: the open file's status says what it is, where `describe`
    /// then `read` would ask the kernel to walk the path twice.
    /// Links, paths gone since listing and every other surprise take the two steps, so the answers are the same.
    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        if let file = describeUndecodable(path) { return (file, .failure(.system(FileNameText.undecodableReason))) }
        if let directory = rootDirectory.descriptor {
            // The last component is never followed, so a link fails (ELOOP) and is described below.
            let descriptor = plimsoll_open_beneath(directory, path)
            if descriptor >= 0 {
                defer { close(descriptor) }
                var status = stat()
                if fstat(descriptor, &status) == 0 {
                    // A directory (submodule), FIFO or device is no file, as `describe` says.
                    guard status.st_mode & S_IFMT == S_IFREG else { return nil }
                    let size = Int(status.st_size)
                    let file = ListedFile(path: path, isExecutable: status.st_mode & 0o111 != 0, size: size)
                    return (file, Self.readAll(descriptor, size: size, limit: limit))
                }
            }
        }
        return describe(path).map { ($0, read($0, limit: limit)) }
    }

    /// Reads an open regular file of `size` bytes (by its status), refusing one larger than `limit`.
    private static func readAll(_ descriptor: Int32, size: Int, limit: Int) -> Result<[UInt8], ReadError> {
        if size > limit { return .failure(.tooLarge(size: size, limit: limit)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + total, size - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            total += count
        }
        // The file may have shrunk since fstat.
        if total < size { bytes.removeLast(size - total) }
        return .success(bytes)
    }

    /// Opens a repo-relative path for reading without leaving the root: through `openat2` with
    /// `RESOLVE_BENEATH` where the kernel has it (one system call), else by checking the real path first.
    /// A directory on the way may have become a link since listing, which both ways catch.
    private func open(_ relative: String) -> Result<Int32, ReadError> {
        if let directory = rootDirectory.descriptor {
            let descriptor = plimsoll_open_beneath(directory, relative)
            if descriptor >= 0 { return .success(descriptor) }
            if descriptor == -1 {
                if errno == EXDEV { return .failure(.system("the path leaves the repository")) }
                return .failure(.system(String(cString: strerror(errno))))
            }
        }
        guard let real = Self.realPath(resolvedRoot + "/" + relative), Self.isInside(real, root: resolvedRoot) else {
            return .failure(.system("the path leaves the repository"))
        }
        // O_NOFOLLOW refuses a last-moment link swap; O_NONBLOCK keeps a FIFO from hanging the scan.
        let descriptor = Glibc.open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        return .success(descriptor)
    }

    /// Stats one listed path; nil for directories (submodules), special files and paths that vanished since
    /// listing.
    public func describe(_ path: String) -> ListedFile? {
        if let file = describeUndecodable(path) { return file }
        var status = stat()
        // Relative to the open root where there is one: the kernel then walks the path's own components only,
        // not the root's again for every file (and no absolute path is built per file).
        if let directory = rootDirectory.descriptor {
            guard fstatat(directory, path, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        } else {
            guard lstat(resolvedRoot + "/" + path, &status) == 0 else { return nil }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return ListedFile(path: path, isExecutable: status.st_mode & 0o111 != 0, size: Int(status.st_size))
        case S_IFLNK:
            let absolute = resolvedRoot + "/" + path
            let target = Self.readLink(absolute) ?? "?"
            guard let real = Self.realPath(absolute), Self.isInside(real, root: resolvedRoot) else {
                return ListedFile(path: path, isExecutable: false, size: 0, link: .outside(target: target))
            }
            var targetStatus = stat()
            guard stat(real, &targetStatus) == 0, targetStatus.st_mode & S_IFMT == S_IFREG else { return nil }
            let relative = String(real.dropFirst(resolvedRoot.count + 1))
            return ListedFile(
                path: path, isExecutable: targetStatus.st_mode & 0o111 != 0, size: Int(targetStatus.st_size),
                link: .inside(resolvedPath: relative))
        default:
            return nil
        }
    }

    /// A path whose name is not UTF-8 cannot be opened by the text it is listed as; it is described as an empty
    /// file, so that reading it fails with the reason and PL003 reports it instead of it vanishing.
    private func describeUndecodable(_ path: String) -> ListedFile? {
        undecodable.contains(path) ? ListedFile(path: path, isExecutable: false, size: 0) : nil
    }

    /// Lists regular files and links below the root without following any link, skipping `.git`.
    private func walk(undecodable: inout Set<String>) throws(DiscoveryError) -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? resolvedRoot : resolvedRoot + "/" + relative
            guard let directory = opendir(absolute) else {
                if relative.isEmpty { throw .unreadable(root, reason: String(cString: strerror(errno))) }
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                var nameBytes: [UInt8] = []
                withUnsafeBytes(of: entry.pointee.d_name) { raw in nameBytes = Array(raw.prefix(while: { $0 != 0 })) }
                var undecodableName: Set<String> = []
                let name = FileNameText.decode(nameBytes, undecodable: &undecodableName)
                if name == "." || name == ".." || name == ".git" { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                if !undecodableName.isEmpty {
                    // Stat'ed by its own bytes, relative to the open folder. A folder so named cannot be opened by
                    // its text, so its contents stay unlisted; a file is listed, to be reported.
                    let statted = (nameBytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
                        fstatat(dirfd(directory), $0.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) == 0
                    }
                    let type = status.st_mode & S_IFMT
                    if statted, type == S_IFREG || type == S_IFLNK {
                        undecodable.insert(child)
                        result.append(child)
                    }
                    continue
                }
                guard lstat(resolvedRoot + "/" + child, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: pending.append(child)
                case S_IFREG, S_IFLNK: result.append(child)
                default: continue
                }
            }
        }
        return result.sorted()
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isInside(_ path: String, root: String) -> Bool {
        root == "/" ? path.hasPrefix("/") : (path == root || path.hasPrefix(root + "/"))
    }
}

/// A directory descriptor held for the life of a `DiskRepositorySource` (and its copies); nil when the
/// directory could not be opened, and reads then check real paths instead.
private final class RootDirectory: Sendable {
    let descriptor: Int32?

    init(path: String?) {
        let descriptor = path.map { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1
        self.descriptor = descriptor >= 0 ? descriptor : nil
    }

    deinit {
        if let descriptor { close(descriptor) }
    }
}

/// The names of listed paths that are not UTF-8, filled by `listPaths` and read by `describe` and `read`, which
/// may run on several threads.
private final class UndecodableNames: Sendable {
    private let names = Mutex<Set<String>>([])

    func set(_ new: Set<String>) { names.withLock { $0 = new } }

    func contains(_ path: String) -> Bool {
        names.withLock { !$0.isEmpty && $0.contains(path) }
    }
}
