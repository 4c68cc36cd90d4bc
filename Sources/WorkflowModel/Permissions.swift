import PlimsollCore
public import YAMLSyntax

/// A permission level.
public enum PermissionLevel: String, Sendable, Hashable, Comparable, CaseIterable {
    case none, read, write

    public static func < (lhs: PermissionLevel, rhs: PermissionLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A `permissions:` block at workflow or job level.
public struct Permissions: Sendable {
    public enum Kind: Sendable {
        case readAll
        case writeAll
        /// A mapping of scopes; `{}` is an empty mapping (every scope none).
        case scopes([PermissionEntry])
    }

    public let kind: Kind
    public let node: YAMLNode

    /// The scopes GitHub accepts and the levels each allows (GitHub docs, "Controlling permissions for GITHUB_TOKEN", from github/docs
    /// `github-token-available-permissions.md`).
    public static let knownScopes: [String: [PermissionLevel]] = {
        let all: [PermissionLevel] = [.read, .write, .none]
        var scopes: [String: [PermissionLevel]] = [:]
        for scope in [
            "actions", "artifact-metadata", "attestations", "checks", "contents", "deployments", "discussions",
            "issues", "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
        ] {
            scopes[scope] = all
        }
        scopes["id-token"] = [.write, .none]
        scopes["models"] = [.read, .none]
        return scopes
    }()

    /// The effective level of `scope` under this block: `read-all`/`write-all` apply to every scope (clamped to what
    /// the scope allows); with a mapping, unnamed scopes are none (GitHub docs, "Controlling permissions for GITHUB_TOKEN"). `metadata` is always read.
    public func level(of scope: String) -> PermissionLevel {
        if scope == "metadata" { return .read }
        // The scope's allowed levels are looked up only for the blanket kinds: a mapping (the usual block) names
        // its levels, and hashing the scope for nothing was half of this function's cost.
        switch kind {
        case .readAll: return (Self.knownScopes[scope]?.contains(.read) ?? true) ? .read : .none
        case .writeAll: return (Self.knownScopes[scope]?.contains(.write) ?? true) ? .write : .read
        case .scopes(let entries): return entries.last { $0.scope == scope }?.level ?? .none
        }
    }

    /// The entry naming `scope`, when the block is a mapping.
    public func entry(for scope: String) -> PermissionEntry? {
        guard case .scopes(let entries) = kind else { return nil }
        return entries.first { $0.scope == scope }
    }

    /// True for `{}`.
    public var isEmpty: Bool {
        if case .scopes(let entries) = kind { return entries.isEmpty }
        return false
    }

    static func build(_ node: YAMLNode, context: inout ModelContext) -> Permissions? {
        if let value = node.string {
            switch value {
            case "read-all": return Permissions(kind: .readAll, node: node)
            case "write-all": return Permissions(kind: .writeAll, node: node)
            default:
                context.report(.invalidPermissions(value, at: node.span))
                return nil
            }
        }
        guard let pairs = node.mapping else {
            context.report(.invalidPermissions("sequence", at: node.span))
            return nil
        }
        var entries: [PermissionEntry] = []
        for pair in pairs {
            let scope = pair.key.string ?? ""
            let raw = pair.value.string ?? ""
            let level = PermissionLevel(rawValue: raw)
            if let allowed = Self.knownScopes[scope] {
                if level == nil || !allowed.contains(level!) {
                    context.report(.invalidPermissionLevel(
                        raw, scope: scope, allowed: allowed.map(\.rawValue), at: pair.value.span))
                }
            } else {
                context.report(.unknownPermissionScope(
                    scope, suggestion: KnownKeys.suggestion(for: scope, among: Self.knownScopes.keys), at: pair.key.span))
            }
            entries.append(PermissionEntry(scope: scope, level: level, keyNode: pair.key, valueNode: pair.value))
        }
        return Permissions(kind: .scopes(entries), node: node)
    }
}

/// One `scope: level` line of a permissions mapping.
public struct PermissionEntry: Sendable {
    public let scope: String
    /// nil when the value is not `read`, `write` or `none` (already reported).
    public let level: PermissionLevel?
    public let keyNode: YAMLNode
    public let valueNode: YAMLNode
}
