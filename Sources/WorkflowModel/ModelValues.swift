public import PlimsollCore
public import YAMLSyntax

/// A scalar read from the document, with the node it came from so rules can point at it.
public struct StringValue: Sendable, CustomStringConvertible {
    public let value: String
    public let node: YAMLNode

    public init(value: String, node: YAMLNode) {
        self.value = value
        self.node = node
    }

    public var span: SourceSpan { node.span }
    public var description: String { value }
}

/// One entry of a mapping whose keys are names (`with:`, `env:`, `outputs:`, `services:` …), in source order.
public struct Entry: Sendable {
    /// The key as text (empty if the key is not a scalar).
    public let key: String
    public let keyNode: YAMLNode
    public let value: YAMLNode

    public init(key: String, keyNode: YAMLNode, value: YAMLNode) {
        self.key = key
        self.keyNode = keyNode
        self.value = value
    }
}

extension Array where Element == Entry {
    /// The first entry named `key`.
    public subscript(key: String) -> Entry? { first { $0.key == key } }
    public var keys: [String] { map(\.key) }
}

/// Collects the model's diagnostics while it is built.
struct ModelContext {
    var diagnostics: [Diagnostic] = []

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// The entries of a mapping node; reports and returns [] if the node is not a mapping. Null is empty, and a
    /// whole-value expression (`env: ${{ fromJSON(...) }}`) is accepted with no entries (keep the node to inspect it).
    mutating func entries(_ node: YAMLNode?, section: String) -> [Entry] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            let isExpression = node.string?.wholeExpression != nil
            if !node.isNull, !isExpression { report(.expectedMapping(section, at: node.span)) }
            return []
        }
        return pairs.map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// A scalar's value; reports if the node is a collection.
    mutating func string(_ node: YAMLNode?, section: String) -> StringValue? {
        guard let node else { return nil }
        guard let value = node.string else {
            report(.expectedScalar(section, at: node.span))
            return nil
        }
        return StringValue(value: value, node: node)
    }

    /// A string or a sequence of strings (`needs:`, `branches:`, `runs-on:` …).
    mutating func strings(_ node: YAMLNode?, section: String) -> [StringValue] {
        guard let node else { return [] }
        if let value = node.string { return node.isNull ? [] : [StringValue(value: value, node: node)] }
        if let items = node.sequence {
            return items.compactMap { item in
                guard let value = item.string else {
                    report(.expectedScalar(section, at: item.span))
                    return nil
                }
                return StringValue(value: value, node: item)
            }
        }
        report(.expectedStringOrSequence(section, at: node.span))
        return []
    }
}
