/// A parsed image reference (`registry:5000/team/app:1.2@sha256:…`) following the grammar of
/// `github.com/distribution/reference`, including Docker Hub normalization (`alpine` → `docker.io/library/alpine`).
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host (and port), `docker.io` when none is written.
    public var domain: String
    /// The repository path, `library/alpine` for official Docker Hub images.
    public var path: String
    public var tag: String?
    /// `algorithm:hex`.
    public var digest: String?
    /// True when `domain` was not written but implied.
    public var isDomainImplied: Bool

    /// `domain/path`.
    public var name: String { "\(domain)/\(path)" }

    /// The fully normalized reference (`docker.io/library/alpine:3.20`).
    public var description: String {
        var text = name
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// Parses a reference as `docker pull` would (`ParseNormalizedNamed`).
    public static func parse(_ text: String) -> Result<ImageReference, ImageReferenceError> {
        let bytes = Array(text.utf8)
        if bytes.count == 64, bytes.allSatisfy(isLowerHex) { return .failure(.reservedHexName) }
        if bytes.isEmpty { return .failure(.invalidFormat) }

        var remainder = bytes[...]
        var digest: String?
        if let at = remainder.firstIndex(of: UInt8(ascii: "@")) {
            let digestBytes = remainder[(at + 1)...]
            guard isValidDigest(digestBytes) else { return .failure(.invalidDigest) }
            digest = String(decoding: digestBytes, as: UTF8.self)
            remainder = remainder[..<at]
        }
        var tag: String?
        let lastSlash = remainder.lastIndex(of: UInt8(ascii: "/")) ?? remainder.startIndex
        if let colon = remainder[lastSlash...].lastIndex(of: UInt8(ascii: ":")) {
            let tagBytes = remainder[(colon + 1)...]
            guard isValidTag(tagBytes) else { return .failure(.invalidTag) }
            tag = String(decoding: tagBytes, as: UTF8.self)
            remainder = remainder[..<colon]
        }
        guard !remainder.isEmpty else { return .failure(.invalidFormat) }
        guard remainder.count <= 255 else { return .failure(.nameTooLong) }

        let nameText = String(decoding: remainder, as: UTF8.self)
        var domain = "docker.io"
        var path = nameText
        var implied = true
        if let slash = remainder.firstIndex(of: UInt8(ascii: "/")) {
            let first = remainder[..<slash]
            let firstText = String(decoding: first, as: UTF8.self)
            if first.contains(UInt8(ascii: ".")) || first.contains(UInt8(ascii: ":")) || firstText == "localhost"
                || firstText.lowercased() != firstText {
                guard isValidDomain(first) else { return .failure(.invalidFormat) }
                domain = firstText
                path = String(decoding: remainder[(slash + 1)...], as: UTF8.self)
                implied = false
            }
        }
        if domain == "index.docker.io" { domain = "docker.io" }
        guard isValidPath(Array(path.utf8)) else {
            return .failure(path.lowercased() != path && isValidPath(Array(path.lowercased().utf8))
                            ? .uppercaseName : .invalidFormat)
        }
        if domain == "docker.io" && !path.contains("/") { path = "library/" + path }
        return .success(ImageReference(domain: domain, path: path, tag: tag, digest: digest, isDomainImplied: implied))
    }

    static func isLowerHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) }
    static func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) }
    static func isAlnum(_ b: UInt8) -> Bool { isLowerAlnum(b) || (b >= 0x41 && b <= 0x5A) }
    static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }

    /// `[\w][\w.-]{0,127}`.
    static func isValidTag(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, isWord(first), bytes.count <= 128 else { return false }
        return bytes.dropFirst().allSatisfy { isWord($0) || $0 == 0x2E || $0 == 0x2D }
    }

    /// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`.
    static func isValidDigest(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let algorithm = bytes[..<colon]
        let hex = bytes[(colon + 1)...]
        guard hex.count >= 32, hex.allSatisfy({ isLowerHex($0) || ($0 >= 0x41 && $0 <= 0x46) }) else { return false }
        var expectLetter = true
        for b in algorithm {
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if expectLetter {
                guard isLetter else { return false }
                expectLetter = false
            } else if b == 0x2D || b == 0x5F || b == 0x2B || b == 0x2E {
                expectLetter = true
            } else if !isAlnum(b) {
                return false
            }
        }
        return !expectLetter
    }

    /// `host[:port]` where host is a dotted name of `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?` parts or `[IPv6]`.
    static func isValidDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        var host = bytes
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), !(bytes.first == UInt8(ascii: "[") && bytes[colon - 1] != UInt8(ascii: "]")) {
            let port = bytes[(colon + 1)...]
            guard !port.isEmpty, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            host = bytes[..<colon]
        }
        if host.first == UInt8(ascii: "[") {
            guard host.last == UInt8(ascii: "]"), host.count > 2 else { return false }
            return host.dropFirst().dropLast().allSatisfy { isLowerHex($0) || ($0 >= 0x41 && $0 <= 0x46) || $0 == 0x3A }
        }
        guard !host.isEmpty else { return false }
        for component in host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let first = component.first, let last = component.last, isAlnum(first), isAlnum(last),
                  component.allSatisfy({ isAlnum($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }

    /// `path-component(/path-component)*`, each `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
    static func isValidPath(_ bytes: [UInt8]) -> Bool {
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let first = component.first, let last = component.last, isLowerAlnum(first), isLowerAlnum(last)
            else { return false }
            var index = component.startIndex
            while index < component.endIndex {
                let b = component[index]
                if isLowerAlnum(b) { index += 1; continue }
                var end = index
                while end < component.endIndex, !isLowerAlnum(component[end]) { end += 1 }
                let separator = component[index..<end]
                let ok = separator.elementsEqual([0x2E]) || separator.elementsEqual([0x5F])
                    || separator.elementsEqual([0x5F, 0x5F]) || separator.allSatisfy { $0 == 0x2D }
                if !ok { return false }
                index = end
            }
        }
        return true
    }
}

/// Why an image reference is invalid; `message` uses the wording of `distribution/reference`.
public enum ImageReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidFormat
    case uppercaseName
    case nameTooLong
    case invalidTag
    case invalidDigest
    case reservedHexName

    public var message: String {
        switch self {
        case .invalidFormat: "invalid reference format"
        case .uppercaseName: "invalid reference format: repository name must be lowercase"
        case .nameTooLong: "repository name must not be more than 255 characters"
        case .invalidTag: "invalid tag format"
        case .invalidDigest: "invalid digest format"
        case .reservedHexName: "invalid repository name (64-byte hexadecimal strings are reserved), use sha256:<hex> instead"
        }
    }

    public var description: String { message }
}
