import PlimsollCore
import PlimsollRules
import RepositoryModel
import YAMLSyntax

/// Reads `.plimsoll.yml` (and a central `--policy` file) onto a `Policy`. Every key is checked: an unknown
/// key, a wrong type or a bad value is a `ConfigError` with the exact position, never silently ignored.
public struct ConfigLoader: Sendable {
    /// The keys of the file, for validation and suggestions. `.plimsoll.schema.json` documents the same set.
    public static let keys = [
        "layout", "platforms", "registry", "owner", "environment-tags", "dev-tag", "extra-registries", "rules",
        "ignore-paths", "test-paths", "templates", "enforce", "package-visibility", "actions",
    ]

    public let knownRules: [RuleDescription]

    public init(knownRules: [RuleDescription] = RuleRegistry.descriptions) {
        self.knownRules = knownRules
    }

    /// Applies the settings in `file` on top of `policy`.
    public func apply(_ file: SourceFile, to policy: inout Policy) throws(ConfigError) {
        let result = YAMLLoader.load(file)
        if let diagnostic = result.diagnostics.first(where: { $0.severity == .error }) {
            throw ConfigError(path: file.path, location: diagnostic.span.lowerBound, kind: .syntax(diagnostic.message))
        }
        guard let root = result.documents.first?.root, !root.isNull else { return }
        guard let pairs = root.mapping else {
            throw error(file, root, .wrongType(key: "(top level)", expected: "a mapping of settings"))
        }
        for pair in pairs {
            guard let key = pair.key.string else {
                throw error(file, pair.key, .wrongType(key: "(key)", expected: "a plain string"))
            }
            let value = pair.value
            switch key {
            case "layout":
                policy.layout = try choice(file, key, value, Layout.self)
            case "platforms":
                policy.platforms = try strings(file, key, value)
                for (index, platform) in policy.platforms.enumerated() where !Self.isPlatform(platform) {
                    throw error(
                        file, value.sequence?[index] ?? value,
                        .badValue(key: key, value: platform, allowed: ["os/arch[/variant], e.g. linux/arm64"]))
                }
            case "registry":
                policy.registry = try string(file, key, value)
            case "owner":
                policy.owner = try string(file, key, value)
            case "environment-tags":
                policy.environmentTags = try strings(file, key, value)
            case "dev-tag":
                policy.devTag = try choice(file, key, value, Policy.DevTag.self)
            case "extra-registries":
                policy.extraRegistries = try strings(file, key, value)
            case "ignore-paths":
                policy.ignorePaths = try globs(file, key, value)
            case "test-paths":
                policy.testPaths = try globs(file, key, value)
            case "templates":
                policy.templates = try globs(file, key, value)
            case "package-visibility":
                policy.packageVisibility = try choice(file, key, value, Policy.PackageVisibility.self)
            case "enforce":
                policy.enforce = try bool(file, key, value)
            case "rules":
                try applyRules(file, value, to: &policy)
            case "actions":
                try applyActions(file, value, to: &policy)
            default:
                throw error(file, pair.key, .unknownKey(key, suggestion: Suggestion.closest(to: key, in: Self.keys)))
            }
        }
    }

    /// `actions: {actions/checkout: 6}`: the current major of each action named.
    private func applyActions(_ file: SourceFile, _ node: YAMLNode, to policy: inout Policy) throws(ConfigError) {
        if node.isNull { return }
        let expected = "a mapping of actions (owner/name) to their current major (a number)"
        guard let pairs = node.mapping else { throw error(file, node, .wrongType(key: "actions", expected: expected)) }
        for pair in pairs {
            guard let name = pair.key.string, name.split(separator: "/", omittingEmptySubsequences: false).count == 2,
                !name.hasPrefix("/"), !name.hasSuffix("/")
            else { throw error(file, pair.key, .wrongType(key: "actions", expected: expected)) }
            guard let text = pair.value.string, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }),
                let major = Int(text), major >= 1
            else { throw error(file, pair.value, .wrongType(key: "actions: \(name)", expected: "a major version number such as 4")) }
            policy.actionMajors[name.lowercased()] = major
        }
    }

    private func applyRules(_ file: SourceFile, _ node: YAMLNode, to policy: inout Policy) throws(ConfigError) {
        if node.isNull { return }
        guard let pairs = node.mapping else {
            throw error(file, node, .wrongType(key: "rules", expected: "a mapping of rule IDs to settings"))
        }
        let ids = knownRules.map(\.id)
        for pair in pairs {
            guard let id = pair.key.string, ids.contains(id) else {
                let written = pair.key.string ?? "?"
                throw error(
                    file, pair.key, .unknownRule(written, suggestion: Suggestion.closest(to: written, in: ids)))
            }
            policy.rules[id] = try ruleSetting(file, id, pair.value)
        }
    }

    /// `off`, a severity name, or `{severity: …}`.
    private func ruleSetting(_ file: SourceFile, _ id: String, _ node: YAMLNode) throws(ConfigError)
        -> Policy.RuleSetting
    {
        let allowed = ["off"] + Severity.allCases.map(\.rawValue)
        if let word = node.string {
            if word == "off" || word == "false" { return .off }
            if let severity = Severity(rawValue: word) { return .severity(severity) }
            throw error(file, node, .badValue(key: "rules.\(id)", value: word, allowed: allowed))
        }
        guard let pairs = node.mapping else {
            throw error(file, node, .wrongType(key: "rules.\(id)", expected: "'off', a severity, or {severity: …}"))
        }
        var setting = Policy.RuleSetting.severity(knownRules.first { $0.id == id }!.defaultSeverity)
        for pair in pairs {
            let key = pair.key.string ?? "?"
            guard key == "severity" else {
                throw error(file, pair.key, .unknownKey("rules.\(id).\(key)", suggestion: nil))
            }
            let word = try string(file, "rules.\(id).severity", pair.value)
            if word == "off" {
                setting = .off
            } else if let severity = Severity(rawValue: word) {
                setting = .severity(severity)
            } else {
                throw error(file, pair.value, .badValue(key: "rules.\(id).severity", value: word, allowed: allowed))
            }
        }
        return setting
    }

    static func isPlatform(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count)
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
            }
    }

    private func error(_ file: SourceFile, _ node: YAMLNode, _ kind: ConfigError.Kind) -> ConfigError {
        ConfigError(path: file.path, location: node.span.lowerBound, kind: kind)
    }

    private func string(_ file: SourceFile, _ key: String, _ node: YAMLNode) throws(ConfigError) -> String {
        guard let value = node.string, !node.isNull else { throw error(file, node, .wrongType(key: key, expected: "a string")) }
        return value
    }

    private func strings(_ file: SourceFile, _ key: String, _ node: YAMLNode) throws(ConfigError) -> [String] {
        guard let items = node.sequence else {
            throw error(file, node, .wrongType(key: key, expected: "a list of strings"))
        }
        var values: [String] = []
        for item in items {
            guard let value = item.string, item.mapping == nil, item.sequence == nil else {
                throw error(file, item, .wrongType(key: key, expected: "a list of strings"))
            }
            values.append(value)
        }
        return values
    }

    /// The most characters one key's globs may hold in all. Every listed path is matched against every glob, in
    /// time proportional to the glob's length times the path's, so a megabyte of `ignore-paths` made each file
    /// cost a billion steps. Real lists are a few globs of a few dozen characters.
    public static let globCharacterBudget = 4096

    /// A list of globs within `globCharacterBudget`; the glob that crosses it is the error's position.
    private func globs(_ file: SourceFile, _ key: String, _ node: YAMLNode) throws(ConfigError) -> [String] {
        let values = try strings(file, key, node)
        var total = 0
        for (index, glob) in values.enumerated() {
            total += glob.count
            if total > Self.globCharacterBudget {
                throw error(file, node.sequence?[index] ?? node, .tooLong(key: key, limit: Self.globCharacterBudget))
            }
        }
        return values
    }

    private func bool(_ file: SourceFile, _ key: String, _ node: YAMLNode) throws(ConfigError) -> Bool {
        switch node.string {
        case "true": return true
        case "false": return false
        default: throw error(file, node, .wrongType(key: key, expected: "true or false"))
        }
    }

    private func choice<Choice: RawRepresentable & CaseIterable>(
        _ file: SourceFile, _ key: String, _ node: YAMLNode, _ type: Choice.Type
    ) throws(ConfigError) -> Choice where Choice.RawValue == String {
        let word = try string(file, key, node)
        guard let value = Choice(rawValue: word) else {
            throw error(file, node, .badValue(key: key, value: word, allowed: Choice.allCases.map(\.rawValue)))
        }
        return value
    }
}
