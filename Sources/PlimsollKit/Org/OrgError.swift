/// Why an org-wide scan or merge could not run at all. A single repository that fails is not an error of the
/// batch: it is reported as `errored` in the results and the batch goes on.
public enum OrgError: Error, Sendable, Hashable, CustomStringConvertible {
    case badShard(String)
    case manifest(path: String, line: Int?, reason: String)
    case duplicateName(String)
    case unreadableFolder(String, reason: String)
    case cannotWrite(String, reason: String)
    case badResults(path: String, line: Int?, reason: String)
    case conflictingRecords(repo: String)

    public var description: String {
        switch self {
        case .badShard(let text): "invalid shard '\(text)': expected K/N with 1 <= K <= N"
        case .manifest(let path, let line, let reason): "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case .duplicateName(let name):
            "two repositories are named '\(name)'; give one a different name (the manifest's `name`)"
        case .unreadableFolder(let path, let reason): "cannot read the folder '\(path)': \(reason)"
        case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
        case .badResults(let path, let line, let reason): "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case .conflictingRecords(let repo): "the shards hold different results for the repository '\(repo)'"
        }
    }
}
