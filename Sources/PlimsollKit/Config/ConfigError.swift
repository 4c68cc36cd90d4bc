import PlimsollCore

/// A configuration file Plimsoll cannot use. Always names the file and, where there is one, the position;
/// the CLI exits with status 2.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unreadable(reason: String)
        case syntax(String)
        case unknownKey(String, suggestion: String?)
        case wrongType(key: String, expected: String)
        case badValue(key: String, value: String, allowed: [String])
        case unknownRule(String, suggestion: String?)
        case tooLong(key: String, limit: Int)
    }

    public let path: String
    public let location: SourceLocation?
    public let kind: Kind

    public init(path: String, location: SourceLocation?, kind: Kind) {
        self.path = path
        self.location = location
        self.kind = kind
    }

    public var message: String {
        switch kind {
        case .unreadable(let reason): "cannot read the configuration: \(reason)"
        case .syntax(let problem): "invalid YAML: \(problem)"
        case .unknownKey(let key, let suggestion):
            "unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .wrongType(let key, let expected): "'\(key)' must be \(expected)"
        case .badValue(let key, let value, let allowed):
            "'\(key)' cannot be '\(value)'; use one of: " + allowed.joined(separator: ", ")
        case .unknownRule(let id, let suggestion):
            "unknown rule '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .tooLong(let key, let limit): "'\(key)' holds more than \(limit) characters of globs in all"
        }
    }

    public var description: String {
        if let location { "\(path):\(location.line):\(location.column): \(message)" } else { "\(path): \(message)" }
    }
}
