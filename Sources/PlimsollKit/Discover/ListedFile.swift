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
///
/// Listing and describing are separate steps: a scan lists every path, but only needs to look at the files it
/// reads (and at the others only to know they are files). A source that can describe a file while reading it
/// (the disk: one open, and the open file's status) does both in `describeAndRead`.
public protocol RepositorySource: Sendable {
    /// A label for messages, such as the root directory.
    var displayName: String { get }
    /// Every path of the repository, with ignored files already left out; nothing is looked at yet.
    func listPaths() throws(DiscoveryError) -> [String]
    /// What a listed path is now: nil for a directory (a submodule), a special file, or a path gone since
    /// listing.
    func describe(_ path: String) -> ListedFile?
    /// The bytes of a listed file, at most `limit` bytes; larger files are an error, not a truncation.
    func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError>
    /// `describe`, then `read` when it is a file; nil exactly when `describe` is nil. The default does just that.
    func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)?
    /// The GitHub repository the source is a checkout of, when known.
    var remote: GitHubRepository? { get }
}

extension RepositorySource {
    /// Every file of the repository, described.
    public func listFiles() throws(DiscoveryError) -> [ListedFile] {
        try listPaths().compactMap(describe)
    }

    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        describe(path).map { ($0, read($0, limit: limit)) }
    }
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
