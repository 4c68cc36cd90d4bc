public import PlimsollCore

/// One node of a YAML document: a handle (the tree and an index) into the `YAMLTree` that holds every node of
/// the stream. Copying it copies two words; every alias of an anchor is the same node (equal handles), so
/// nothing is ever copied or expanded. Immutable, hence `Sendable` and usable from any thread.
///
/// Equal when it is the same node of the same tree (identity, as the class it replaced compared): use it as a
/// set element or dictionary key to visit shared nodes once.
public struct YAMLNode: Sendable, Hashable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence(Items)
        /// The pairs in source order. Pairs brought in by merge keys (`<<`) appear at the position of the `<<`
        /// key; they are the original nodes, so their spans point where they were written (at the anchor).
        case mapping(Pairs)
    }

    let tree: YAMLTree
    let index: Int

    init(tree: YAMLTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    var record: YAMLTree.Record { tree.records[index] }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.index == rhs.index && lhs.tree === rhs.tree
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(ObjectIdentifier(tree))
    }

    public var kind: Kind {
        let record = record
        switch record.kind {
        case .scalar: return .scalar(YAMLScalar(value: tree.values[record.first], style: record.style))
        case .sequence: return .sequence(Items(tree: tree, first: record.first, count: record.count))
        case .mapping: return .mapping(Pairs(tree: tree, first: record.first, count: record.count / 2))
        }
    }

    /// The explicit tag as written, with its handle resolved (`!!str` → `tag:yaml.org,2002:str`); nil if none.
    public var tag: String? { record.hasTag ? tree.tags[index] : nil }
    /// The anchor written on this node (`&name`), if any.
    public var anchor: String? { record.hasAnchor ? tree.anchors[index] : nil }
    /// From the first character of the node to just after its last character. For block collections the end is
    /// the end of the last entry (trailing comments and blank lines are not included).
    public var span: SourceSpan {
        let record = record
        return record.start..<record.end
    }
    /// True for `[ ... ]` and `{ ... }` collections; false for block collections and scalars.
    public var isFlow: Bool { record.isFlow }
    /// The `<<` merge keys this mapping used (their pairs are already merged into `mapping`). GitHub Actions does
    /// not support merge keys, so the workflow model reports these.
    public var mergeKeys: [YAMLNode] {
        guard record.hasMergeKeys, let keys = tree.mergeKeys[index] else { return [] }
        return keys.map { YAMLNode(tree: tree, index: $0) }
    }

    public var scalar: YAMLScalar? {
        let record = record
        guard record.kind == .scalar else { return nil }
        return YAMLScalar(value: tree.values[record.first], style: record.style)
    }

    public var sequence: Items? {
        let record = record
        guard record.kind == .sequence else { return nil }
        return Items(tree: tree, first: record.first, count: record.count)
    }

    public var mapping: Pairs? {
        let record = record
        guard record.kind == .mapping else { return nil }
        return Pairs(tree: tree, first: record.first, count: record.count / 2)
    }

    /// The scalar's value, nil for collections.
    public var string: String? {
        let record = record
        return record.kind == .scalar ? tree.values[record.first] : nil
    }

    /// The value of the first pair whose key is a scalar equal to `key`; nil if absent or not a mapping.
    public subscript(key: String) -> YAMLNode? {
        valueIndex(forKey: key).map { YAMLNode(tree: tree, index: tree.children[$0]) }
    }

    /// The first pair whose key is a scalar equal to `key`.
    public func pair(forKey key: String) -> YAMLPair? {
        valueIndex(forKey: key).map {
            YAMLPair(key: YAMLNode(tree: tree, index: tree.children[$0 - 1]), value: YAMLNode(tree: tree, index: tree.children[$0]))
        }
    }

    /// The position in `children` of the value of the first pair whose key is a scalar equal to `key`.
    /// The model looks keys up constantly: compare the stored values in place, creating no handles on the way.
    private func valueIndex(forKey key: String) -> Int? {
        let record = record
        guard record.kind == .mapping else { return nil }
        let tree = tree
        var entry = record.first
        let end = record.first + record.count
        while entry < end {
            let keyRecord = tree.records[tree.children[entry]]
            if keyRecord.kind == .scalar, tree.values[keyRecord.first] == key { return entry + 1 }
            entry += 2
        }
        return nil
    }

    /// A plain scalar spelling null: empty, `~`, `null`, `Null` or `NULL` (or an explicit `!!null` tag).
    public var isNull: Bool {
        let record = record
        guard record.kind == .scalar else { return false }
        if record.hasTag { return tag == "tag:yaml.org,2002:null" }
        guard record.style == .plain else { return false }
        switch tree.values[record.first] {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A plain scalar spelling a YAML 1.2 core-schema boolean (`true`/`false` in three casings); nil otherwise.
    public var bool: Bool? {
        let record = record
        guard record.kind == .scalar, record.style == .plain else { return nil }
        switch tree.values[record.first] {
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

/// One document of a stream. `root` is nil only if the document had no node at all. The documents of one load
/// share one `YAMLTree`.
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
    /// Maximum number of nodes created plus pairs copied in by merge keys, over the whole stream. Aliases are free
    /// (an alias is one child entry naming the anchored node).
    public var maxNodes = 1_000_000
    /// Maximum number of nodes alias uses stand for, over one document: an alias of an anchored node with n nodes
    /// (its own aliases expanded) counts n. The tree shares the node, but the workflow model and the rules walk it
    /// once per use: a 2.9 KB workflow of jobs × steps × `with:` built from aliases took 41 s and 2.6 GB. Real
    /// workflows alias a few `env:` or `with:` blocks, a few hundred nodes.
    public var maxAliasedNodes = 100_000

    public init() {}

    public init(maxDepth: Int, maxNodes: Int, maxAliasedNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliasedNodes = maxAliasedNodes
    }
}
