import PlimsollCore
import ShellSyntax

/// Where a script's commands run, as far as it can be followed without running it. A local build script is
/// run from the repository root (`./src/docker/docker-build.sh`), so its paths start there until it changes
/// directory; `cd "$(dirname "$0")…"` (or `${BASH_SOURCE[0]}`) moves to the script's own folder and the path
/// written after the substitution. Any other `cd` cannot be followed: what comes after it runs in an unknown
/// folder.
extension ScriptFile {
    /// One `cd` of the script, in order.
    public struct DirectoryChange: Sendable, Hashable {
        /// Byte offset of the `cd` command.
        public let offset: Int
        /// The repository folder it moves to ("" for the root); nil when it cannot be followed.
        public let folder: String?
    }

    /// The `cd` commands among a script's `commands`, for a script in the repository folder `own`.
    static func directoryChanges(_ commands: [ShellCommand], folder own: String) -> [DirectoryChange] {
        commands.compactMap { command in
            let words = command.programWords
            guard let first = words.first, first.value == "cd" else { return nil }
            guard let target = words.dropFirst().first, target.value.containsText("dirname"),
                target.value.containsText("$0") || target.value.containsText("BASH_SOURCE")
            else { return DirectoryChange(offset: first.range.lowerBound, folder: nil) }
            let suffix = target.value.split(separator: ")", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let folder = RepositoryPath.normalize(RepositoryPath.join(own, suffix.hasPrefix("/") ? String(suffix.dropFirst()) : suffix))
            return DirectoryChange(offset: first.range.lowerBound, folder: folder)
        }
    }

    /// The repository folder a command at `offset` runs in: the root, or where the last `cd` before it went; nil
    /// after a `cd` that cannot be followed.
    public func workingFolder(at offset: Int) -> String? {
        guard let change = directoryChanges.last(where: { $0.offset < offset }) else { return "" }
        return change.folder
    }
}

extension RepositoryPath {
    /// The folder of a repository path ("" at the root).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The relative path that leads from the folder `base` to `path`, both repository paths (`src/docker`,
    /// `Dockerfile` → `../../Dockerfile`); "" when they are the same.
    public static func relative(from base: String, to path: String) -> String {
        let from = base.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: Substring(".."), count: from.count - common) + to[common...]
        return parts.joined(separator: "/")
    }
}
