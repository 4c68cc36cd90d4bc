import PlimsollCore
import PlimsollRules
import RepositoryModel

/// A repository read and parsed: what the rules check, plus the sources reporters quote.
public struct LoadedRepository: Sendable {
    public var repository: Repository
    /// Every file that was read, by path, for snippets and fingerprints.
    public let sources: [String: SourceFile]
    /// How many files were read and parsed.
    public var filesScanned: Int { sources.count }
}
