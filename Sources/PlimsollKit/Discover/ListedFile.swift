import PlimsollCore

/// One path discovery found, before anything is read.
public struct ListedFile: Sendable, Hashable {
    /// Path relative to the root, `/`-separated, exact case.
    public let path: String
    public let isExecutable: Bool
    public let size: Int
    /// Set when the path is a symbolic link: where it points, and whether that stays inside the root.
    public let link: Link?

    public enum Link: Sendable, Hashable {
        /// Resolves inside the root; reading it reads the resolved file.
        case inside(resolvedPath: String)
        /// Leaves the root (or dangles): never read.
        case outside(target: String)
    }

    public init(path: String, isExecutable: Bool, size: Int, link: Link? = nil) {
        self.path = path
        self.isExecutable = isExecutable
        self.size = size
        self.link = link
    }
}

/// Errors reading one file; they become `PL003` notes, never a crash.
public enum ReadError: Error, Sendable, Hashable {
    case tooLarge(size: Int, limit: Int)
    case notRegularFile
    case system(String)
}

/// Where a repository's files come from: the disk (`DiskRepositorySource`) or memory (tests and rule examples).
public protocol RepositorySource: Sendable {
    /// A label for messages, such as the root directory.
    var displayName: String { get }
    /// Every file of the repository, with ignored files already left out.
    func listFiles() throws(DiscoveryError) -> [ListedFile]
    /// The bytes of a listed file, at most `limit` bytes; larger files are an error, not a truncation.
    func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError>
    /// The GitHub repository the source is a checkout of, when known.
    var remote: GitHubRepository? { get }
}

/// Why a repository could not be listed at all.
public enum DiscoveryError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case notADirectory(String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "'\(path)' does not exist"
        case .notADirectory(let path): "'\(path)' is not a directory"
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        }
    }
}
