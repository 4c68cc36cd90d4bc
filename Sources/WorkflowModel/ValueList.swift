public import PlimsollCore
public import YAMLSyntax

/// One item of an action input that takes a list: a sequence entry, or one piece of a comma- or
/// newline-separated string (`platforms: linux/amd64,linux/arm64`, a `tags: |` block).
public struct ValueItem: Sendable {
    public let text: String
    /// The item's own span when it can be found verbatim in the source; else the whole value's span.
    public let span: SourceSpan
    public let isExactSpan: Bool
}

/// Splits list-like inputs the way docker's actions read them (`@actions/core` `getInput` + their CSV/newline
/// splitting), keeping a span per item so a rule can point at the one bad entry.
public enum ValueList {
    /// Items of `node`: sequence entries, or the scalar split on `separators` (ASCII bytes; default: comma and
    /// newline), trimmed, empty items dropped.
    public static func items(
        _ node: YAMLNode, file: SourceFile, separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\n")]
    ) -> [ValueItem] {
        if let sequence = node.sequence {
            return sequence.flatMap { item -> [ValueItem] in
                guard let text = item.string else { return [] }
                return [ValueItem(text: text.trimmingWhitespace(), span: item.span, isExactSpan: true)]
            }
        }
        guard let value = node.string, !node.isNull else { return [] }
        let pieces = value.trimmedPieces(separatedBy: separators)
        // Find each piece in the raw source, in order, so the span is exact whatever the scalar style.
        let raw = file.bytes[node.span.lowerBound.offset..<min(node.span.upperBound.offset, file.bytes.count)]
        var cursor = raw.startIndex
        return pieces.map { piece in
            let needle = Array(piece.utf8)
            if let found = firstIndex(of: needle, in: raw, from: cursor) {
                cursor = found + needle.count
                return ValueItem(text: piece, span: file.span(found..<(found + needle.count)), isExactSpan: true)
            }
            return ValueItem(text: piece, span: node.span, isExactSpan: false)
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.endIndex - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
