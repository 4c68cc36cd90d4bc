import PlimsollCore

/// The growing arrays of a `YAMLTree` while the loader reads events; `finish()` freezes them into the tree.
///
/// Nodes are numbered in the order they start (a collection gets its number at its start event, its entries
/// are filled in at its end), so numbers follow the source.
struct YAMLTreeBuilder {
    private(set) var records: [YAMLTree.Record] = []
    private(set) var children: [Int] = []
    private(set) var values: [String] = []
    private var tags: [Int: String] = [:]
    private var anchors: [Int: String] = [:]
    private var mergeKeys: [Int: [Int]] = [:]

    /// `byteCount`: the size of the input. The workflow corpus averages one node per ~18 bytes; reserving one
    /// per 10 bytes up front means the arrays almost never grow (each growth is a copy to twice the size), and
    /// `finish()` hands the tree arrays of the exact size, so the spare capacity is not kept for the whole scan.
    init(byteCount: Int) {
        let nodes = byteCount / 10 + 8
        records.reserveCapacity(nodes)
        children.reserveCapacity(nodes)
        values.reserveCapacity(nodes / 2 + 4)
    }

    /// A new scalar node; returns its index.
    mutating func addScalar(
        _ value: consuming String, style: YAMLScalar.Style, tag: String?, anchor: String?, span: SourceSpan
    ) -> Int {
        let index = records.count
        records.append(YAMLTree.Record(
            start: span.lowerBound, end: span.upperBound, first: values.count, count: 0, kind: .scalar, style: style,
            isFlow: false, hasTag: tag != nil, hasAnchor: anchor != nil, hasMergeKeys: false))
        values.append(consume value)
        if let tag { tags[index] = tag }
        if let anchor { anchors[index] = anchor }
        return index
    }

    /// A new collection node whose entries and end come later (`finishCollection`); returns its index.
    mutating func startCollection(
        isMapping: Bool, tag: String?, anchor: String?, start: SourceLocation, isFlow: Bool
    ) -> Int {
        let index = records.count
        records.append(YAMLTree.Record(
            start: start, end: start, first: children.count, count: 0, kind: isMapping ? .mapping : .sequence,
            style: .plain, isFlow: isFlow, hasTag: tag != nil, hasAnchor: anchor != nil, hasMergeKeys: false))
        if let tag { tags[index] = tag }
        if let anchor { anchors[index] = anchor }
        return index
    }

    /// Appends a finished collection's entries (node indices; key, value, … for a mapping: `entries[range]`) and
    /// its end. The array is borrowed and read through a buffer pointer: an `ArraySlice` of it retained the
    /// composer's scratch stack and released it again, two atomic operations per collection.
    mutating func finishCollection(
        _ index: Int, entries: borrowing [Int], range: Range<Int>, end: SourceLocation, mergeKeys keys: [Int]
    ) {
        records[index].first = children.count
        records[index].count = range.count
        records[index].end = end
        entries.withUnsafeBufferPointer { children.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        if !keys.isEmpty {
            records[index].hasMergeKeys = true
            mergeKeys[index] = keys
        }
    }

    func finish() -> YAMLTree {
        // Copied to their exact sizes: the builder's buffers, freed here, serve the next file's allocations,
        // where keeping their spare capacity with the tree held 2.3 MB more for 860 workflows, every byte of it
        // zeroed by the kernel when first touched.
        YAMLTree(
            records: records.withUnsafeBufferPointer(Array.init),
            children: children.withUnsafeBufferPointer(Array.init),
            values: values, tags: tags, anchors: anchors, mergeKeys: mergeKeys)
    }

    // Reading nodes already built (keys of the open mapping, merge sources, the end of a block collection).
    // Inlined into the composer: as calls they showed in profiles, for a few loads each.

    @inline(__always) func isScalar(_ index: Int) -> Bool { records[index].kind == .scalar }
    @inline(__always) func isMapping(_ index: Int) -> Bool { records[index].kind == .mapping }
    @inline(__always) func isSequence(_ index: Int) -> Bool { records[index].kind == .sequence }

    /// The value of a scalar node; nil for collections.
    @inline(__always) func scalarValue(_ index: Int) -> String? {
        let record = records[index]
        return record.kind == .scalar ? values[record.first] : nil
    }

    /// Whether node `index` is a scalar equal to `value`, compared in place (no copy of the stored string).
    @inline(__always) func scalar(_ index: Int, equals value: String) -> Bool {
        let record = records[index]
        return record.kind == .scalar && values[record.first] == value
    }

    /// True for a plain, untagged scalar `<<`.
    @inline(__always) func isMergeKey(_ index: Int) -> Bool {
        let record = records[index]
        return record.kind == .scalar && record.style == .plain && !record.hasTag && values[record.first] == "<<"
    }

    /// The anchor written on a node (kept here rather than in the composer's frame, which stays plain data).
    func anchor(_ index: Int) -> String? { records[index].hasAnchor ? anchors[index] : nil }

    @inline(__always) func span(_ index: Int) -> SourceSpan { records[index].start..<records[index].end }

    /// The entries of a finished collection in `children`.
    @inline(__always) func entries(_ index: Int) -> Range<Int> {
        let record = records[index]
        return record.first..<(record.first + record.count)
    }

    @inline(__always) func child(_ entry: Int) -> Int { children[entry] }
}
