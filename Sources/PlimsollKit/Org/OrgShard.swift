/// `--shard K/N`: this run scans shard K (1-based) of N. Membership depends only on the repository's URL or
/// folder name (64-bit FNV-1a, not `Hasher`, which is seeded per process), so every runner agrees.
public struct OrgShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(OrgError) {
        guard count >= 1, (1...count).contains(index) else { throw .badShard("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws(OrgError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .badShard(text) }
        try self.init(index: index, count: count)
    }

    public func contains(_ repository: OrgRepository) -> Bool {
        Int(Fingerprint.fnv1a(repository.shardKey) % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
