import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes a report file without ever writing through a symbolic link.
///
/// Reports are written into folders an attacker may fill: the GitHub Action writes `plimsoll.sarif` into the
/// pull request's checkout, where a committed `plimsoll.sarif -> /home/runner/.bashrc` would otherwise make the
/// Action overwrite the link's target. So a link at the path is replaced by the report, never followed:
///
/// - a missing file, a regular file or a symbolic link: the bytes go to a new file created beside it with
///   `O_CREAT | O_EXCL | O_NOFOLLOW` (so the temporary name cannot be a planted link either), which is then
///   renamed over the path. A reader never sees half a report, and a link is replaced, its target untouched.
/// - a device or FIFO the user named (`/dev/null`, a pipe), or a path the user spelled under `/dev/`
///   (`/dev/stdout` is a link to `/proc/self/fd/1`): written in place, because replacing it would be wrong and a
///   repository's checkout can hold neither (git stores only files and links).
public enum ReportFileWriter {
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        case directory(String)
        case system(path: String, operation: String, reason: String)

        public var description: String {
            switch self {
            case .directory(let path): "'\(path)' is a directory"
            case .system(let path, let operation, let reason): "cannot \(operation) '\(path)': \(reason)"
            }
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        var info = stat()
        if lstat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR { throw .directory(path) }
            let namedDevice = path.hasPrefix("/dev/") && type == S_IFLNK
            if type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK || namedDevice {
                try writeInPlace(bytes, to: path)
                return
            }
        }
        try replace(path, with: bytes)
    }

    /// The temporary file is created in the path's own folder, so the rename stays on one file system and is
    /// atomic; its name is unique per process and attempt, and `O_EXCL | O_NOFOLLOW` refuse anything already there.
    private static func replace(_ path: String, with bytes: [UInt8]) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var descriptor: Int32 = -1
        var temporary = ""
        for attempt in 0..<100 {
            temporary = folder + ".\(name).\(getpid()).\(attempt).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw .system(path: path, operation: "create a file beside", reason: errorText()) }
        let written = writeAll(bytes, to: descriptor)
        let closed = close(descriptor) == 0
        guard written, closed else {
            let reason = errorText()
            unlink(temporary)
            throw .system(path: path, operation: "write", reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw .system(path: path, operation: "replace", reason: reason)
        }
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path: path, operation: "open", reason: errorText()) }
        defer { close(descriptor) }
        // A regular file behind a named /dev/ link (stdout redirected to a file) is truncated first.
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG { _ = ftruncate(descriptor, 0) }
        guard writeAll(bytes, to: descriptor) else { throw .system(path: path, operation: "write", reason: errorText()) }
    }

    /// Writes every byte to `descriptor`, through short writes and interruptions; false on an error (a pipe
    /// closed early, a full disk).
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count > 0 {
                    offset += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
