import Foundation

/// One repository to scan, and optionally the files in it to report on.
public struct ScanTarget: Sendable, Hashable {
    /// The repository root as the user named it (or as found above a named file).
    public let root: String
    /// Repo-relative paths to report; nil reports everything.
    public let onlyPaths: Set<String>?

    public init(root: String, onlyPaths: Set<String>?) {
        self.root = root
        self.onlyPaths = onlyPaths
    }

    /// Turns command-line paths into targets, finding the repository as git does: the root is the nearest folder
    /// at or above the path that holds `.git` (or marks a project: `.plimsoll.yml`, `.github/workflows`), so `plimsoll scan src/docker` (or a scan started there) checks
    /// the whole repository and reports what is in that folder. A path outside any repository is its own root (a
    /// file's own folder, never the current directory, which may be a large unrelated tree). Paths of one
    /// repository share one target.
    public static func resolve(_ paths: [String], currentDirectory: String) throws(DiscoveryError) -> [ScanTarget] {
        var targets: [(root: String, only: Set<String>?)] = []
        for path in paths.isEmpty ? ["."] : paths {
            let absolute = absolutePath(path, from: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw .notFound(path)
            }
            let folder = isDirectory.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
            let root = repositoryRoot(at: folder) ?? folder
            let relative = String(absolute.dropFirst(root.count).drop { $0 == "/" })
            // The repository itself: everything; a folder in it: what is below; a file: that file.
            let only: String? = relative.isEmpty ? nil : (isDirectory.boolValue ? relative + "/" : relative)
            let displayRoot = displayPath(root, currentDirectory: currentDirectory)
            if let index = targets.firstIndex(where: { $0.root == displayRoot }) {
                if let only, targets[index].only != nil {
                    targets[index].only!.insert(only)
                } else {
                    targets[index].only = nil
                }
            } else {
                targets.append((displayRoot, only.map { [$0] }))
            }
        }
        return targets.map { ScanTarget(root: $0.root, onlyPaths: $0.only) }
    }

    public static func absolutePath(_ path: String, from currentDirectory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The nearest folder at or above `folder` that is a repository (it holds `.git`: a folder, or a file for
    /// a worktree or submodule) or a project of its own (it holds `.plimsoll.yml` or `.github/workflows`, as a
    /// project kept inside another repository does); nil outside any.
    private static func repositoryRoot(at folder: String) -> String? {
        var directory = folder
        while true {
            for marker in ["/.git", "/.plimsoll.yml", "/.plimsoll.yaml", "/.github/workflows"]
            where FileManager.default.fileExists(atPath: directory + marker) {
                return directory
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || directory.isEmpty { return nil }
            directory = parent
        }
    }

    /// The root relative to the current directory when it is at or below it, for short report paths.
    private static func displayPath(_ root: String, currentDirectory: String) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        if root == cwd { return "." }
        if root.hasPrefix(cwd + "/") { return String(root.dropFirst(cwd.count + 1)) }
        return root
    }
}
