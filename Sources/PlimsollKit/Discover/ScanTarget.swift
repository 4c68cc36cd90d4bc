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

    /// Turns command-line paths into targets. A directory is a repository root. A file is reported within the
    /// repository that holds it: the nearest folder above it with a `.git`, else the current directory when the
    /// file is below it, else the file's own folder. Files of one repository share one target.
    public static func resolve(_ paths: [String], currentDirectory: String) throws(DiscoveryError) -> [ScanTarget] {
        var directories: [ScanTarget] = []
        var filesByRoot: [(root: String, files: Set<String>)] = []
        for path in paths.isEmpty ? ["."] : paths {
            let absolute = absolutePath(path, from: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw .notFound(path)
            }
            if isDirectory.boolValue {
                directories.append(ScanTarget(root: path, onlyPaths: nil))
                continue
            }
            let root = repositoryRoot(containing: absolute, currentDirectory: currentDirectory)
            let relative = String(absolute.dropFirst(root.count)).drop { $0 == "/" }
            let displayRoot = displayPath(root, currentDirectory: currentDirectory)
            if let index = filesByRoot.firstIndex(where: { $0.root == displayRoot }) {
                filesByRoot[index].files.insert(String(relative))
            } else {
                filesByRoot.append((displayRoot, [String(relative)]))
            }
        }
        return directories + filesByRoot.map { ScanTarget(root: $0.root, onlyPaths: $0.files) }
    }

    public static func absolutePath(_ path: String, from currentDirectory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    private static func repositoryRoot(containing file: String, currentDirectory: String) -> String {
        var directory = (file as NSString).deletingLastPathComponent
        while true {
            if FileManager.default.fileExists(atPath: directory + "/.git") { return directory }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || directory.isEmpty { break }
            directory = parent
        }
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        if file.hasPrefix(cwd + "/") { return cwd }
        return (file as NSString).deletingLastPathComponent
    }

    /// The root relative to the current directory when it is at or below it, for short report paths.
    private static func displayPath(_ root: String, currentDirectory: String) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        if root == cwd { return "." }
        if root.hasPrefix(cwd + "/") { return String(root.dropFirst(cwd.count + 1)) }
        return root
    }
}
