import PlimsollCore

/// A repository with some files' contents replaced by edited bytes held in memory: each round of
/// `plimsoll fix` scans the repository as the earlier rounds left it, on disk or not (`--dry-run` writes
/// nothing, and finds exactly what a real run would).
public struct EditedSource: RepositorySource {
    public let base: any RepositorySource
    /// Path → the file's edited bytes. Only files that exist in `base` are ever edited.
    public let edited: [String: [UInt8]]

    public init(base: any RepositorySource, edited: [String: [UInt8]]) {
        self.base = base
        self.edited = edited
    }

    public var displayName: String { base.displayName }
    public var remote: GitHubRepository? { base.remote }

    public func listPaths() throws(DiscoveryError) -> [String] { try base.listPaths() }

    public func describe(_ path: String) -> ListedFile? {
        guard let bytes = edited[path] else { return base.describe(path) }
        return base.describe(path).map { ListedFile(path: path, isExecutable: $0.isExecutable, size: bytes.count) }
    }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
        guard let bytes = edited[file.path] else { return base.read(file, limit: limit) }
        return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .success(bytes)
    }

    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        guard edited[path] != nil else { return base.describeAndRead(path, limit: limit) }
        return describe(path).map { ($0, read($0, limit: limit)) }
    }
}
