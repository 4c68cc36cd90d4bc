import Foundation

/// ETag cache of GitHub answers: a 200 with an `ETag` is kept in a file named after the URL's hash, and the next
/// request for that URL sends `If-None-Match`; GitHub answers 304 without counting it against the rate limit.
/// The files hold the URL, the ETag, the `Link` header and the body, never a request header, so no token.
public struct ResponseCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/plimsoll/github`, else `~/.cache/plimsoll/github`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/plimsoll/github" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/plimsoll/github"
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var url: String
        public var etag: String
        public var link: String?
        public var body: Data
    }

    public func entry(for url: URL) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path(for: url)),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.url == url.absoluteString
        else { return nil }
        return entry
    }

    /// Best effort: a cache that cannot be written only costs requests.
    public func store(_ entry: Entry) {
        guard let url = URL(string: entry.url), let data = try? JSONEncoder().encode(entry) else { return }
        // Private: the answers may describe private repositories and packages.
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? data.write(to: URL(fileURLWithPath: path(for: url)), options: .atomic)
    }

    private func path(for url: URL) -> String {
        let hash = String(Fingerprint.fnv1a(url.absoluteString), radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hash.count) + hash + ".json"
    }
}
