import PlimsollCore

/// Every node of one loaded stream, in a few flat arrays; a `YAMLNode` is an index into it.
///
/// Why an arena rather than one object per node: with a class per node (plus an array per collection), the
/// loader spent about a third of its instructions in malloc/free and reference counting, and freeing a tree was
/// a release cascade through every node. Here building is amortised appends to four arrays, and freeing is a
/// handful of deallocations whatever the size of the document.
///
/// Tried and dropped, because they measured slower: a 64-bit print of each key to skip string comparisons (its
/// hashing cost more than the comparisons saved), `@inlinable` accessors for the model's module, and parsing
/// events in batches of 32 ahead of the composer.
///
/// Aliases are child entries holding the index of the anchored node, so they share it: nothing is ever copied
/// or expanded, which keeps "billion laughs" inputs linear in size. Immutable once built, hence `Sendable`.
public final class YAMLTree: Sendable {
    enum NodeKind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    /// One node. Plain data (no references), so the array of them is freed in one deallocation.
    /// 40 bytes: `SourceLocation` holds 32-bit fields, and so do `first` and `count` (the loader refuses inputs
    /// of 2 GiB, and a tree has fewer nodes than its input has bytes). Records are a fifth of a workflow scan's
    /// heap, and each new page of heap costs a page fault.
    struct Record: Sendable {
        var start: SourceLocation
        var end: SourceLocation
        private var storedFirst: UInt32
        private var storedCount: UInt32
        var kind: NodeKind
        var style: YAMLScalar.Style
        var isFlow: Bool
        /// Whether `tags`, `anchors` or `mergeKeys` hold an entry for this node: those are rare, and a flag
        /// here spares the dictionary lookup for every other node (the model asks for the tag of every scalar
        /// it tests for null).
        var hasTag: Bool
        var hasAnchor: Bool
        var hasMergeKeys: Bool

        init(
            start: SourceLocation, end: SourceLocation, first: Int, count: Int, kind: NodeKind,
            style: YAMLScalar.Style, isFlow: Bool, hasTag: Bool, hasAnchor: Bool, hasMergeKeys: Bool
        ) {
            self.start = start
            self.end = end
            storedFirst = UInt32(truncatingIfNeeded: first)
            storedCount = UInt32(truncatingIfNeeded: count)
            self.kind = kind
            self.style = style
            self.isFlow = isFlow
            self.hasTag = hasTag
            self.hasAnchor = hasAnchor
            self.hasMergeKeys = hasMergeKeys
        }

        /// Scalars: the index of the value in `values`. Collections: the first entry in `children`.
        var first: Int {
            get { Int(storedFirst) }
            set { storedFirst = UInt32(truncatingIfNeeded: newValue) }
        }

        /// Collections: the number of entries in `children` (a mapping has two per pair: key, value).
        var count: Int {
            get { Int(storedCount) }
            set { storedCount = UInt32(truncatingIfNeeded: newValue) }
        }
    }

    let records: [Record]
    /// Child node indices, each collection's entries contiguous: items of a sequence; key, value, key, value …
    /// of a mapping (pairs brought in by merge keys included, in their merged position).
    let children: [Int]
    /// Scalar values.
    let values: [String]
    let tags: [Int: String]
    let anchors: [Int: String]
    /// The `<<` key nodes each mapping used.
    let mergeKeys: [Int: [Int]]

    init(
        records: [Record], children: [Int], values: [String], tags: [Int: String], anchors: [Int: String],
        mergeKeys: [Int: [Int]]
    ) {
        self.records = records
        self.children = children
        self.values = values
        self.tags = tags
        self.anchors = anchors
        self.mergeKeys = mergeKeys
    }
}
