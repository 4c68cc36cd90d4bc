import PlimsollCore

/// One repository of an org-wide scan: a local folder, or a git URL to fetch into the cache.
public struct OrgRepository: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        /// A folder on disk (a git work tree or a plain folder), scanned where it is.
        case checkout(path: String)
        /// A git URL, fetched shallowly at `ref` (nil: the remote's default branch).
        case remote(url: String, ref: String?)
    }

    /// The display name and the key of every per-repository output; unique within a scan.
    public var name: String
    public var location: Location
    /// What the records show as the repository's address: the URL without credentials, or the folder as given.
    public var displayURL: String
    /// The GitHub repository this is, when known apart from the checkout's `origin` (org discovery): what the
    /// online checks ask about.
    public var gitHub: GitHubRepository?
    /// The owning team (the manifest's `team:`), shown and filtered on by the dashboard.
    public var team: String?

    public init(name: String, location: Location, displayURL: String? = nil) {
        self.name = name
        self.location = location
        switch location {
        case .checkout(let path): self.displayURL = displayURL ?? path
        case .remote(let url, _): self.displayURL = displayURL ?? Self.redacted(url)
        }
    }

    /// What `--shard` hashes: the URL for a manifest entry, the folder name for a checkout.
    public var shardKey: String {
        switch location {
        case .checkout: name
        case .remote(let url, _): Self.redacted(url)
        }
    }

    /// A file name for this repository's outputs (`sarif/<stem>.sarif`, the cache folder): the name with every
    /// character outside `[A-Za-z0-9._-]` replaced, plus a stable hash of the name when anything was replaced,
    /// so two names never share a file.
    public var fileStem: String {
        var stem = ""
        var changed = false
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": stem.unicodeScalars.append(scalar)
            case "." where !stem.isEmpty: stem.unicodeScalars.append(scalar)
            default:
                stem += "_"
                changed = true
            }
        }
        if stem.isEmpty || stem.count > 80 {
            stem = String(stem.prefix(80))
            changed = true
        }
        return changed ? stem + "-" + String(Fingerprint.fnv1a(name) & 0xFFFF_FFFF, radix: 16) : stem
    }

    /// The URL without its `user:password@` part, query and fragment, any of which may hold a token. The user
    /// information ends at the last `@` before the query, not at the first `/`: a password may hold a `/`
    /// (`https://u:pa/ss@host/…`), which left it whole before.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = url[scheme.upperBound...]
        rest = rest.prefix { $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return String(url[..<scheme.upperBound]) + String(rest)
    }

    /// The default name for a URL: its last path component without `.git`.
    static func defaultName(forURL url: String) -> String {
        var trimmed = Substring(redacted(url))
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        var last = trimmed.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? String(trimmed)
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.isEmpty ? String(trimmed) : last
    }
}
