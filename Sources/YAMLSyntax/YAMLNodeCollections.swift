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
            precondition(position >= 0 && position < count, "YAMLNode.Pairs index out of range")
            let entry = first + 2 * position
            return YAMLPair(
                key: YAMLNode(tree: tree, index: tree.children[entry]),
                value: YAMLNode(tree: tree, index: tree.children[entry + 1]))
        }
    }
}
