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
            guard let pointer = try? String(contentsOfFile: dotGit, encoding: .utf8),
                let line = pointer.split(whereSeparator: \.isNewline).first, line.hasPrefix("gitdir:")
            else { return nil }
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = path.hasPrefix("/") ? path : root + "/" + path
            // A linked worktree's own folder points at the main repository through `commondir`.
            if let common = try? String(contentsOfFile: gitDirectory + "/commondir", encoding: .utf8) {
                let commonPath = common.trimmingCharacters(in: .whitespacesAndNewlines)
                gitDirectory = commonPath.hasPrefix("/") ? commonPath : gitDirectory + "/" + commonPath
            }
        }
        return try? String(contentsOfFile: gitDirectory + "/config", encoding: .utf8)
    }
}
