public import PlimsollCore
public import YAMLSyntax

/// Finds and parses `${{ … }}` expressions in scalars.
public enum ExpressionFinder {
    /// The byte ranges (in `bytes`) of the inner text of each `${{ … }}`; `}}` inside a single-quoted string
    /// literal does not close the expression. An unclosed `${{` yields nothing.
    static func innerRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        let n = bytes.count
        while i + 2 < n {
            guard bytes[i] == 0x24, bytes[i + 1] == 0x7B, bytes[i + 2] == 0x7B else {
                i += 1
                continue
            }
            let start = i + 3
            var j = start
            var inString = false
            var end: Int?
            while j < n {
                let c = bytes[j]
                if inString {
                    if c == 0x27 {
                        if j + 1 < n, bytes[j + 1] == 0x27 { j += 2; continue }
                        inString = false
                    }
                } else if c == 0x27 {
                    inString = true
                } else if c == 0x7D, j + 1 < n, bytes[j + 1] == 0x7D {
                    end = j
                    break
                }
                j += 1
            }
            guard let end else { break }
            result.append(start..<end)
            i = end + 2
        }
        return result
    }

    /// Every expression in one scalar node (none for collections).
    public static func expressions(in node: YAMLNode, file: SourceFile) -> [Expression] {
        guard let value = node.string, value.utf8.count >= 5, value.containsText("${{") else { return [] }
        let bytes = Array(value.utf8)
        let ranges = innerRanges(bytes)
        guard !ranges.isEmpty else { return [] }
        let nodeRange = node.span.lowerBound.offset..<max(node.span.lowerBound.offset, node.span.upperBound.offset)
        let source = nodeRange.upperBound <= file.bytes.count ? file.bytes[nodeRange] : []
        var searchFrom = source.startIndex
        var result: [Expression] = []
        for inner in ranges {
            let whole = Array(bytes[(inner.lowerBound - 3)..<(inner.upperBound + 2)])
            let innerBytes = Array(bytes[inner])
            // Locate `${{ … }}` verbatim in the scalar's source text, after the previous one.
            var fileStart: Int?
            if let found = firstIndex(of: whole, in: source, from: searchFrom) {
                fileStart = found
                searchFrom = found + whole.count
            }
            let syntax = ExpressionParser.parse(innerBytes)
            let span: SourceSpan
            func subspan(_ range: Range<Int>) -> SourceSpan {
                guard let fileStart else { return node.span }
                return file.span((fileStart + 3 + range.lowerBound)..<(fileStart + 3 + range.upperBound))
            }
            if let fileStart {
                span = file.span(fileStart..<(fileStart + whole.count))
            } else {
                span = node.span
            }
            var references: [ContextReference] = []
            var calls: [FunctionCall] = []
            if case .success(let tree) = syntax {
                collect(tree, enclosing: [], references: &references, calls: &calls, span: subspan)
            }
            let isWhole = inner.lowerBound == 3 && inner.upperBound + 2 == bytes.count
            result.append(Expression(
                text: String(decoding: innerBytes, as: UTF8.self), node: node, span: span,
                isExactSpan: fileStart != nil, syntax: syntax, references: references, calls: calls,
                isWholeValue: isWhole))
        }
        return result
    }

    /// Every expression in every scalar (keys included) under `root`; each shared (aliased) node is visited once.
    public static func expressions(inTree root: YAMLNode, file: SourceFile) -> [Expression] {
        var visited: Set<YAMLNode> = []
        var pending = [root]
        var result: [Expression] = []
        while let node = pending.popLast() {
            guard visited.insert(node).inserted else { continue }
            switch node.kind {
            case .scalar: result += expressions(in: node, file: file)
            case .sequence(let items): pending.append(contentsOf: items.reversed())
            case .mapping(let pairs):
                for pair in pairs.reversed() {
                    pending.append(pair.value)
                    pending.append(pair.key)
                }
            }
        }
        return result
    }

    /// Parses a bare expression (as in `if:` without `${{ }}`); ranges are offsets within `text`.
    public static func parse(_ text: String) -> Result<ExpressionNode, ExpressionError> {
        ExpressionParser.parse(Array(text.utf8))
    }

    /// The context references of a parsed tree, spans given by `span` from the node's byte range.
    public static func references(
        in tree: ExpressionNode, span: (Range<Int>) -> SourceSpan
    ) -> (references: [ContextReference], calls: [FunctionCall]) {
        var references: [ContextReference] = []
        var calls: [FunctionCall] = []
        collect(tree, enclosing: [], references: &references, calls: &calls, span: span)
        return (references, calls)
    }

    private static func collect(
        _ node: ExpressionNode, enclosing: [String], references: inout [ContextReference], calls: inout [FunctionCall],
        span: (Range<Int>) -> SourceSpan
    ) {
        if let path = propertyPath(node) {
            references.append(ContextReference(path: path.path, enclosingCalls: enclosing, span: span(node.range)))
            for index in path.indexes {
                collect(index, enclosing: enclosing, references: &references, calls: &calls, span: span)
            }
            return
        }
        switch node.kind {
        case .null, .bool, .number, .string, .context:
            break
        case .property(let base, _), .wildcard(let base):
            collect(base, enclosing: enclosing, references: &references, calls: &calls, span: span)
        case .index(let base, let index):
            collect(base, enclosing: enclosing, references: &references, calls: &calls, span: span)
            collect(index, enclosing: enclosing, references: &references, calls: &calls, span: span)
        case .call(let name, let arguments):
            calls.append(FunctionCall(name: name, arguments: arguments, enclosingCalls: enclosing, span: span(node.range)))
            for argument in arguments {
                collect(argument, enclosing: enclosing + [name], references: &references, calls: &calls, span: span)
            }
        case .not(let operand):
            collect(operand, enclosing: enclosing, references: &references, calls: &calls, span: span)
        case .binary(_, let lhs, let rhs):
            collect(lhs, enclosing: enclosing, references: &references, calls: &calls, span: span)
            collect(rhs, enclosing: enclosing, references: &references, calls: &calls, span: span)
        }
    }

    /// The path of a chain rooted at a context name; a non-literal index ends the path (its expression is
    /// returned so its own references are collected).
    private static func propertyPath(_ node: ExpressionNode) -> (path: [String], indexes: [ExpressionNode])? {
        switch node.kind {
        case .context(let name):
            return ([name], [])
        case .property(let base, let name):
            guard let inner = propertyPath(base) else { return nil }
            return inner.indexes.isEmpty ? (inner.path + [name], []) : inner
        case .wildcard(let base):
            guard let inner = propertyPath(base) else { return nil }
            return inner.indexes.isEmpty ? (inner.path + ["*"], []) : inner
        case .index(let base, let index):
            guard let inner = propertyPath(base) else { return nil }
            return (inner.path, inner.indexes + [index])
        default:
            return nil
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
