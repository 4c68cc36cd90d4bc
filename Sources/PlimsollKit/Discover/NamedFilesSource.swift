import PlimsollCore
import Synchronization

/// A repository in which the files a user named are always read, even when `.gitignore` leaves them out of the
/// listing: naming a file is asking for it (`plimsoll scan build/Dockerfile.generated`). The names that had to
/// be added are kept, so the scan can say that the file is ignored.
public final class NamedFilesSource: RepositorySource {
    public let base: any RepositorySource
    private let named: [String]
    private let added = Mutex<[String]>([])

    public init(base: any RepositorySource, named: [String]) {
        self.base = base
        self.named = named
    }

    /// The named files the listing left out (ignored by git), in the order they were named.
    public var ignoredNames: [String] { added.withLock { $0 } }

    public var displayName: String { base.displayName }
    public var remote: GitHubRepository? { base.remote }

    public func listPaths() throws(DiscoveryError) -> [String] {
        let paths = try base.listPaths()
        let listed = Set(paths)
        let missing = named.filter { !listed.contains($0) && base.describe($0) != nil }
        added.withLock { $0 = missing }
        return paths + missing
    }

    public func describe(_ path: String) -> ListedFile? { base.describe(path) }

    public func read(_ file: ListedFile, limit: Int) -> Result<[UInt8], ReadError> { base.read(file, limit: limit) }

    public func describeAndRead(_ path: String, limit: Int) -> (file: ListedFile, bytes: Result<[UInt8], ReadError>)? {
        base.describeAndRead(path, limit: limit)
    }
}
