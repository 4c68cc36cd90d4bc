import PlimsollCore

/// A repository held in memory: rule examples and tests scan these without touching the disk.
public struct InMemoryRepositorySource: RepositorySource {
    public let files: [String: [UInt8]]
    public let executables: Set<String>
    public let remote: GitHubRepository?

    public init(files: [String: [UInt8]], executables: Set<String> = [], remote: GitHubRepository? = nil) {
        self.files = files
        self.executables = executables
        self.remote = remote
    }

    public init(textFiles: [String: String], executables: Set<String> = [], remote: GitHubRepository? = nil) {
        self.init(files: textFiles.mapValues { Array($0.utf8) }, executables: executables, remote: remote)
    }

    public var displayName: String { "<memory>" }

    public func listPaths() throws(DiscoveryError) -> [String] {
        files.keys.sorted()
    }

    public func describe(_ path: String) -> ListedFile? {
        files[path].map { ListedFile(path: path, isExecutable: executables.contains(path), size: $0.count) }
    }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> {
        guard let bytes = files[file.path] else { return .failure(.system("no such file")) }
        if bytes.count > limit { return .failure(.tooLarge(size: bytes.count, limit: limit)) }
        return .success(bytes)
    }
}
