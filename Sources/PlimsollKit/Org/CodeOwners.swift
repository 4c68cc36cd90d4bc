/// The owner a repository's CODEOWNERS file names for the whole repository, as the dashboard's team when the
/// manifest gives none. Read as text (never executed), from the first of GitHub's three places that has one.
enum CodeOwners {
    /// Where GitHub looks, in its order.
    static let paths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]
    static let sizeLimit = 64 * 1024

    /// The team in `source`'s CODEOWNERS, if any.
    static func team(in source: any RepositorySource) -> String? {
        for path in paths {
            guard let (_, read) = source.describeAndRead(path, limit: sizeLimit) else { continue }
            guard case .success(let bytes) = read else { return nil }
            return defaultOwner(String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    /// The first owner of the last rule whose pattern matches every file (`*`, `**`, `/**`): GitHub applies
    /// the last matching rule. `@org/team` → `org/team`, `@user` → `user`, an e-mail address as written.
    static func defaultOwner(_ text: String) -> String? {
        var owner: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.prefix { $0 != "#" }
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard let pattern = fields.first, ["*", "**", "/**", "/*"].contains(pattern) else { continue }
            // A rule without owners removes them.
            owner = fields.dropFirst().first.map { $0.hasPrefix("@") ? String($0.dropFirst()) : String($0) }
        }
        return owner.flatMap { $0.isEmpty ? nil : $0 }
    }
}
