public import PlimsollCore

/// One node of a YAML document.
///
/// A class so that every alias of an anchor shares the one node: nothing is ever copied or expanded, which keeps
/// "billion laughs" inputs linear in size. Immutable, hence `Sendable`.
public final class YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// The pairs in source order. Pairs brought in by merge keys (`<<`) appear at the position of the `<<`
        /// key; they are the original nodes, so their spans point where they were written (at the anchor).
        case mapping([YAMLPair])
    }

    public let kind: Kind
    /// The explicit tag as written, with its handle resolved (`!!str` → `tag:yaml.org,2002:str`); nil if none.
    public let tag: String?
    /// The anchor written on this node (`&name`), if any.
    public let anchor: String?
    /// From the first character of the node to just after its last character. For block collections the end is
    /// the end of the last entry (trailing comments and blank lines are not included).
    public let span: SourceSpan
    /// True for `[ ... ]` and `{ ... }` collections; false for block collections and scalars.
    public let isFlow: Bool
    /// The `<<` merge keys this mapping used (their pairs are already merged into `mapping`). GitHub Actions does
    /// not support merge keys, so the workflow model reports these.
    public let mergeKeys: [YAMLNode]

    public init(
        kind: Kind, tag: String? = nil, anchor: String? = nil, span: SourceSpan, isFlow: Bool = false,
        mergeKeys: [YAMLNode] = []
    ) {
        self.mergeKeys = mergeKeys
        self.kind = kind
        self.tag = tag
        self.anchor = anchor
        self.span = span
        self.isFlow = isFlow
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The scalar's value, nil for collections.
    public var string: String? { scalar?.value }

    /// The value of the first pair whose key is a scalar equal to `key`; nil if absent or not a mapping.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// The first pair whose key is a scalar equal to `key`.
    public func pair(forKey key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = kind else { return nil }
        // The model looks keys up constantly: compare in place, without copying each key's scalar out first.
        for pair in pairs {
            if case .scalar(let scalar) = pair.key.kind, scalar.value == key { return pair }
        }
        return nil
    }

    /// A plain scalar spelling null: empty, `~`, `null`, `Null` or `NULL` (or an explicit `!!null` tag).
    public var isNull: Bool {
        guard case .scalar(let scalar) = kind else { return false }
        if tag == "tag:yaml.org,2002:null" { return true }
        guard scalar.style == .plain, tag == nil else { return false }
        switch scalar.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A plain scalar spelling a YAML 1.2 core-schema boolean (`true`/`false` in three casings); nil otherwise.
    public var bool: Bool? {
        guard case .scalar(let scalar) = kind, scalar.style == .plain else { return nil }
        switch scalar.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }
}

/// A scalar's decoded value and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    public let value: String
    public let style: Style

    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public init(value: String, style: Style) {
        self.value = value
        self.style = style
    }
}

/// One key/value entry of a mapping. Keys are nodes: a flow mapping can be a key (`{{ groupId }}: x`).
public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// One document of a stream. `root` is nil only if the document had no node at all.
public struct YAMLDocument: Sendable {
    public let root: YAMLNode?
    /// False only when the loader saw no `<<` merge key in this document, so consumers can skip looking for
    /// them. True (look) for documents built by hand.
    package var mayHaveMergeKeys = true

    public init(root: YAMLNode?) {
        self.root = root
    }
}

/// The documents that were completed, plus every problem found. After a libyaml syntax error, loading stops:
/// `documents` holds the documents completed before it.
public struct YAMLLoadResult: Sendable {
    public let documents: [YAMLDocument]
    public let diagnostics: [Diagnostic]

    public init(documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Limits that keep hostile input bounded.
public struct YAMLLoadOptions: Sendable {
    /// Maximum nesting of collections. Deeper input stops the load with a diagnostic.
    public var maxDepth = 256
    /// Maximum number of nodes created plus pairs copied in by merge keys, over the whole stream. Aliases are free.
    public var maxNodes = 1_000_000

    public init() {}

    public init(maxDepth: Int, maxNodes: Int) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}
