/// A GitHub repository, `OWNER/NAME`: where a checkout's `origin` points. Rules use it to check image names and
/// the `org.opencontainers.image.source` label against the repository that builds them.
public struct GitHubRepository: Sendable, Hashable {
    public let owner: String
    public let name: String

    public init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// `https://github.com/OWNER/NAME`, the form the package-link label takes.
    public var url: String { "https://github.com/\(owner)/\(name)" }

    /// Parses `https://github.com/OWNER/NAME(.git)`, `git@github.com:OWNER/NAME(.git)` and
    /// `ssh://git@github.com/OWNER/NAME`; nil for other hosts.
    public init?(url: String) {
        // Everything after the host, whichever of the three URL shapes was used.
        guard let host = url.firstRange(of: "github.com/") ?? url.firstRange(of: "github.com:") else { return nil }
        var rest = url[host.upperBound...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.hasSuffix(".git") { rest = rest.dropLast(4) }
        let parts = rest.split(separator: "/")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        owner = String(parts[0])
        name = String(parts[1])
    }
}
