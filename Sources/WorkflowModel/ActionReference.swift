import PlimsollCore

/// What a step's (or job's) `uses:` names.
///
/// - `owner/repo@ref`, `owner/repo/path/to/dir@ref` (also reusable workflows `owner/repo/.github/workflows/x.yml@ref`)
/// - `./local/path` (a local action or workflow)
/// - `docker://image:tag`
public struct ActionReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case repository
        case local
        case docker
    }

    /// The text as written.
    public let text: String
    public let kind: Kind
    /// Repository references only. Owner and repo are as written (GitHub treats them case-insensitively).
    public let owner: String?
    public let repo: String?
    /// The subdirectory inside the repository (`path/to/dir`), or the local path for `.local`.
    public let path: String?
    /// The part after `@` (tag, branch or SHA); nil if missing.
    public let ref: String?
    /// The image for `docker://`.
    public let image: String?

    /// Parses a `uses:` value; nil if it is not one of the three forms (e.g. `actions/checkout` without `@ref`
    /// still parses, with `ref == nil`, so rules can report the missing ref).
    public init?(_ text: String) {
        self.text = text
        if text.hasPrefix("docker://") {
            let image = String(text.dropFirst("docker://".count))
            guard !image.isEmpty else { return nil }
            (kind, owner, repo, path, ref, self.image) = (.docker, nil, nil, nil, nil, image)
            fullName = nil
            return
        }
        if text.hasPrefix("./") || text.hasPrefix("../") {
            (kind, owner, repo, path, ref, image) = (.local, nil, nil, text, nil, nil)
            fullName = nil
            return
        }
        guard let parsed = Self.parseRepository(text) else { return nil }
        (kind, owner, repo, path, ref, image) = (.repository, parsed.owner, parsed.repo, parsed.path, parsed.ref, nil)
        fullName = parsed.fullName
    }

    /// The repository form of a `uses:` value, read on its UTF-8 bytes (every separator is ASCII).
    private static func parseRepository(_ text: String)
        -> (owner: String, repo: String, path: String?, ref: String?, fullName: String)?
    {
        text.withUTF8Bytes { parseRepository(bytes: $0) }
    }

    /// `owner/repo[/path][@ref]`: the name is everything before the first `@`, the owner and repo its first two
    /// `/`-separated parts (both non-empty), the path everything after its second `/`.
    private static func parseRepository(bytes: UnsafeBufferPointer<UInt8>)
        -> (owner: String, repo: String, path: String?, ref: String?, fullName: String)?
    {
        var at: Int?
        var firstSlash = -1
        var secondSlash = -1
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard at == nil else { continue }
            switch byte {
            case UInt8(ascii: "@"): at = index
            case 0x20: return nil
            case UInt8(ascii: "/"):
                if firstSlash < 0 { firstSlash = index } else if secondSlash < 0 { secondSlash = index }
            default: break
            }
        }
        let nameEnd = at ?? bytes.count
        let repoEnd = secondSlash >= 0 ? secondSlash : nameEnd
        guard firstSlash > 0, repoEnd > firstSlash + 1 else { return nil }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // `owner/repo` is exactly the bytes before `repoEnd`, lowercased.
        let fullName = String(unsafeUninitializedCapacity: repoEnd) { buffer in
            for index in 0..<repoEnd {
                let byte = bytes[index]
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return repoEnd
        }
        return (
            string(0..<firstSlash), string((firstSlash + 1)..<repoEnd),
            secondSlash >= 0 ? string((secondSlash + 1)..<nameEnd) : nil,
            at.map { string(($0 + 1)..<bytes.count) }, fullName
        )
    }

    /// `owner/repo`, lowercased: the key for action data. Stored: rules ask for it on every step, many times.
    public let fullName: String?

    /// The major version when the ref looks like `v5`, `v5.1`, `v5.1.0` (or without the `v`); nil for branches
    /// and SHAs.
    public var majorVersion: Int? {
        guard let text = ref else { return nil }
        return Self.majorVersion(of: text)
    }

    /// One to three dot-separated parts of one to nine ASCII digits, after an optional `v`: the first part. Read
    /// on the UTF-8 bytes (a version is ASCII; any other byte makes the ref no version), in one pass.
    static func majorVersion(of text: String) -> Int? {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        var parts = 0
        var major = 0
        var digits = 0
        for byte in bytes {
            if byte >= 0x30, byte <= 0x39 {
                digits += 1
                guard digits <= 9 else { return nil }
                if parts == 0 { major = major * 10 + Int(byte - 0x30) }
            } else if byte == UInt8(ascii: "."), digits > 0, parts < 2 {
                parts += 1
                digits = 0
            } else {
                return nil
            }
        }
        return digits > 0 ? major : nil
    }

    /// True when the ref is a full 40-character commit SHA.
    public var isPinnedToCommit: Bool {
        ref.map(Self.isCommitID) ?? false
    }

    /// True when `text` is a full commit SHA: 40 ASCII hexadecimal digits.
    public static func isCommitID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        }
    }

    /// The major a release tag or a version comment names: the digits after an optional `v` (`v7.0.1` → 7,
    /// `V4` → 4, `7.2.0-rc1` → 7). Nil without digits, or past four of them (a date or a build number is no
    /// major).
    public static func leadingMajor(of text: some StringProtocol) -> Int? {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// True for `owner/repo/.github/workflows/x.yml@ref` and `./.github/workflows/x.yml`.
    public var isReusableWorkflow: Bool {
        guard let path else { return false }
        return path.containsText(".github/workflows/") && (path.hasSuffix(".yml") || path.hasSuffix(".yaml"))
    }

    public var description: String { text }
}
