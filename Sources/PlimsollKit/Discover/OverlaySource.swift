import PlimsollCore

/// A repository with some files' contents given in memory, whatever is on disk (or not yet) at their paths; every
/// other file comes from the underlying source, for context. `plimsoll scan - --stdin-filename PATH` lints the text
/// an editor or a pipeline holds as the file PATH, and each round of `plimsoll fix` scans the repository as the
/// earlier rounds left it (`--dry-run` writes nothing, and finds exactly what a real run would).
public struct OverlaySource: RepositorySource {
    public let base: any RepositorySource
    /// Path → the file's bytes: files of `base`, and the files in `created`.
    public let edited: [String: [UInt8]]
    /// Files `base` may not have (a fix created them, or standard input names a new file), with their mode.
    public let created: [String: FileCreation]
    /// Files of `base` that are gone (a fix moved them away).
    public let removed: Set<String>

    public init(
        base: any RepositorySource, edited: [String: [UInt8]], created: [String: FileCreation] = [:],
        removed: Set<String> = []
    ) {
        self.base = base
        self.edited = edited
        self.created = created
        self.removed = removed
    }

    public var displayName: String { base.displayName }
    public var remote: GitHubRepository? { base.remote }

    public func listPaths() throws(DiscoveryError) -> [String] {
        var listed = try base.listPaths()
        if !removed.isEmpty { listed.removeAll { removed.contains($0) } }
        guard !created.isEmpty else { return listed }
        let known = Set(listed)
        return listed + created.keys.filter { !known.contains($0) && edited[$0] != nil }.sorted()
    }

    public func describe(_ path: String) -> ListedFile? {
        if removed.contains(path) { return nil }
        guard let bytes = edited[path] else { return base.describe(path) }
        if let described = base.describe(path) {
            return ListedFile(path: path, isExecutable: described.isExecutable, size: bytes.count)
        }
        return created[path].map { ListedFile(path: path, isExecutable: $0 == .executable, size: bytes.count) }
    }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
        guard let bytes = edited[file.path] else { return base.read(file, limit: limit) }
        return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .success(bytes)
    }

    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        if removed.contains(path) { return nil }
        guard edited[path] != nil else { return base.describeAndRead(path, limit: limit) }
        return describe(path).map { ($0, read($0, limit: limit)) }
    }
}
