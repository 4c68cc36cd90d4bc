import Foundation
import PlimsollCore

/// Reads a checkout's `origin` remote from `.git/config` as text — never by running git — so a scan works the
/// same inside containers and on repositories owned by other users.
enum GitRemoteReader {
    /// The `origin` remote of the work tree at `root`, when it is on GitHub.
    static func origin(root: String) -> GitHubRepository? {
        guard let config = configText(root: root) else { return nil }
        var inOrigin = false
        for rawLine in config.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inOrigin = line.replacingOccurrences(of: " ", with: "") == "[remote\"origin\"]"
            } else if inOrigin, line.hasPrefix("url") {
                let value = line.drop { $0 != "=" }.dropFirst().trimmingCharacters(in: .whitespaces)
                return GitHubRepository(url: value)
            }
        }
        return nil
    }

    /// `.git/config`, following a `.git` file's `gitdir:` pointer (worktrees, submodules).
    private static func configText(root: String) -> String? {
        let dotGit = root + "/.git"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else { return nil }
        var gitDirectory = dotGit
        if !isDirectory.boolValue {
            guard let pointer = readSmallRegularFile(dotGit),
                let line = pointer.split(whereSeparator: \.isNewline).first, line.hasPrefix("gitdir:")
            else { return nil }
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = path.hasPrefix("/") ? path : root + "/" + path
            // A linked worktree's own folder points at the main repository through `commondir`.
            if let common = readSmallRegularFile(gitDirectory + "/commondir") {
                let commonPath = common.trimmingCharacters(in: .whitespacesAndNewlines)
                gitDirectory = commonPath.hasPrefix("/") ? commonPath : gitDirectory + "/" + commonPath
            }
        }
        return readSmallRegularFile(gitDirectory + "/config")
    }

    /// The text of `path` when it is a regular file of at most `limit` bytes. The `.git` pointer, `commondir` and
    /// `config` come from the checkout, and reading a FIFO there blocked the scan for ever (open(2) waits for a
    /// writer), a device such as /dev/zero never ended: opened without blocking, checked on the descriptor, read
    /// to the limit.
    static func readSmallRegularFile(_ path: String, limit: Int = 1 << 20) -> String? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count > 0 {
                filled += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes[0..<filled], as: UTF8.self)
    }
}
