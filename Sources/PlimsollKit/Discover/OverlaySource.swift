import PlimsollCore

/// A repository with one file's content given from elsewhere: `plimsoll scan - --stdin-filename PATH` lints the
/// text an editor or a pipeline holds as the file PATH of the repository, whatever is on disk (or not yet) at
/// PATH. Every other file comes from the underlying source, for context.
public struct OverlaySource: RepositorySource {
    public let base: any RepositorySource
    /// The repository path the bytes stand for.
    public let path: String
    public let bytes: [UInt8]

    public init(base: any RepositorySource, path: String, bytes: [UInt8]) {
        self.base = base
        self.path = path
        self.bytes = bytes
    }

    public var displayName: String { base.displayName }
    public var remote: GitHubRepository? { base.remote }

    public func listPaths() throws(DiscoveryError) -> [String] {
        let paths = try base.listPaths()
        return paths.contains(path) ? paths : paths + [path]
    }

    public func describe(_ path: String) -> ListedFile? {
        guard path == self.path else { return base.describe(path) }
        return ListedFile(path: path, isExecutable: base.describe(path)?.isExecutable ?? false, size: bytes.count)
    }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
        guard file.path == path else { return base.read(file, limit: limit) }
        return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .success(bytes)
    }

    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        guard path == self.path else { return base.describeAndRead(path, limit: limit) }
        return describe(path).map { ($0, read($0, limit: limit)) }
    }
}
