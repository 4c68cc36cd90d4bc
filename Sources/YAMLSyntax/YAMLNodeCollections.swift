/// Views of a collection's entries in a `YAMLTree`: a range of its `children`, read in place. Indexed from 0,
/// like the arrays they replace, so `mapping?[1]`, `sequence?.first`, `enumerated()` … read the same.
extension YAMLNode {
    /// The items of a sequence, in source order.
    public struct Items: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        /// The first entry in `tree.children`.
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> YAMLNode {
            precondition(position >= 0 && position < count, "YAMLNode.Items index out of range")
            return YAMLNode(tree: tree, index: tree.children[first + position])
        }
    }

    /// The key/value pairs of a mapping, in source order (merged pairs where their `<<` key stood).
    public struct Pairs: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        /// The first entry in `tree.children`; pair `i` is the entries `first + 2i` (key) and `first + 2i + 1`.
        let first: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> YAMLPair {
            YAMLPair(key: key(at: position), value: value(at: position))
        }

        // One side of a pair, or only a key's text: a handle costs a retain of the tree (and a release when it is
        // dropped), an atomic operation each, and a model reading a mapping's keys needs no handles for most.

        public func key(at position: Int) -> YAMLNode {
            YAMLNode(tree: tree, index: tree.children[entry(position)])
        }

        public func value(at position: Int) -> YAMLNode {
            YAMLNode(tree: tree, index: tree.children[entry(position) + 1])
        }

        /// The text of pair `position`'s key when it is a scalar (`key(at:).string`); nil for a collection key.
        public func keyString(at position: Int) -> String? {
            let record = tree.records[tree.children[entry(position)]]
            return record.kind == .scalar ? tree.values[record.first] : nil
        }

        private func entry(_ position: Int) -> Int {
            precondition(position >= 0 && position < count, "YAMLNode.Pairs index out of range")
            return first + 2 * position
        }
    }
}
