public import PlimsollCore

/// Loads YAML streams into `YAMLNode` trees by driving libyaml's event API.
///
/// - Anchors are looked up by name at the alias, so a redefined anchor wins from its new definition on (GitHub
///   accepts redefinitions; libyaml's document loader does not).
/// - Aliases resolve to the shared node; nothing is copied.
/// - Merge keys (`<<`) take one mapping or a sequence of mappings; explicit keys override merged ones, and an
///   earlier merged mapping overrides a later one.
/// - Duplicate scalar keys are errors (GitHub rejects them) reported at the second key.
/// - Never recursive, never traps: depth and node count are limited by `YAMLLoadOptions`.
public enum YAMLLoader {
    public static func load(_ file: SourceFile, options: YAMLLoadOptions = .init()) -> YAMLLoadResult {
        var composer = Composer(file: file, options: options)
        return composer.run()
    }

    /// Parses the file with libyaml and discards the events; returns the number of events, or -1 on a syntax
    /// error. For benchmarks: the cost of libyaml alone.
    public static func countEvents(_ file: SourceFile) -> Int {
        LibYAMLParser(bytes: file.bytes).drain()
    }
}

/// The event-driven tree builder behind `YAMLLoader.load`.
struct Composer {
    private struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var anchor: String?
        var tag: String?
        var flow: Bool
        var flowEnd: SourceLocation?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Scalar key values, built only once a mapping grows past `smallMapping` pairs (smaller ones are scanned).
        var keyIndex: Set<String> = []
        /// Merge sources and the index in `pairs` at which their pairs are inserted.
        var merges: [(position: Int, sources: [YAMLNode])] = []
        var mergeKeys: [YAMLNode] = []

        static let smallMapping = 16

        /// Call before appending the pair.
        mutating func rememberKey(_ value: String) {
            if keyIndex.isEmpty, pairs.count >= Self.smallMapping {
                keyIndex = Set(pairs.compactMap { $0.key.scalar?.value })
            }
            if !keyIndex.isEmpty { keyIndex.insert(value) }
        }

        /// `mutating` only so that `stack[top].containsKey(…)` is an in-place access: as a plain method the whole
        /// frame (a dozen references) was copied and destroyed for every key.
        mutating func containsKey(_ value: String) -> Bool {
            if !keyIndex.isEmpty { return keyIndex.contains(value) }
            for pair in pairs where pair.key.scalar?.value == value { return true }
            return false
        }
    }

    let file: SourceFile
    let options: YAMLLoadOptions
    /// First allocation for a collection's entries: most workflow mappings and sequences hold a handful.
    private static let initialCapacity = 6
    private var mapper: PositionMapper
    private var diagnostics: [Diagnostic] = []
    private var documents: [YAMLDocument] = []
    private var anchors: [String: YAMLNode] = [:]
    private var pendingAnchors: [String: Int] = [:]
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var budget: Int
    private var aborted = false
    /// Whether the current document used a `<<` merge key.
    private var sawMergeKey = false

    init(file: SourceFile, options: YAMLLoadOptions) {
        self.file = file
        self.options = options
        self.mapper = PositionMapper(file: file, encoding: .utf8)
        self.budget = options.maxNodes
    }

    mutating func run() -> YAMLLoadResult {
        let parser = LibYAMLParser(bytes: file.bytes)
        var event = RawEvent(kind: .streamEnd, start: RawMark(index: 0, line: 1, column: 1), end: RawMark(index: 0, line: 1, column: 1))
        while !aborted, parser.next(into: &event) {
            handle(event)
        }
        if !aborted, let error = parser.error {
            report(error)
            aborted = true
        }
        return YAMLLoadResult(documents: documents, diagnostics: diagnostics)
    }

    private mutating func handle(_ event: borrowing RawEvent) {
        switch event.kind {
        case .streamStart:
            mapper = PositionMapper(file: file, encoding: event.encoding)
        case .streamEnd:
            break
        case .documentStart:
            anchors.removeAll(keepingCapacity: true)
            pendingAnchors.removeAll(keepingCapacity: true)
            sawMergeKey = false
            stack.removeAll(keepingCapacity: true)
            root = nil
        case .documentEnd:
            var document = YAMLDocument(root: root)
            document.mayHaveMergeKeys = sawMergeKey
            documents.append(document)
            root = nil
        case .alias:
            let name = event.value
            let start = mapper.location(event.start)
            let end = mapper.location(event.end)
            if pendingAnchors[name, default: 0] > 0 {
                diagnostics.append(.yamlRecursiveAlias(name, at: start..<end))
                add(anchors[name] ?? YAMLNode(kind: .scalar(YAMLScalar(value: "", style: .plain)), span: start..<end))
            } else if let node = anchors[name] {
                add(node)
            } else {
                diagnostics.append(.yamlUndefinedAlias(name, at: start..<end))
                add(YAMLNode(kind: .scalar(YAMLScalar(value: "", style: .plain)), span: start..<end))
            }
        case .scalar:
            guard spend(1, at: event) else { return }
            let start = mapper.location(event.start)
            let end = mapper.location(event.end)
            let node = YAMLNode(
                kind: .scalar(YAMLScalar(value: event.value, style: event.style)), tag: event.tag,
                anchor: event.anchor, span: start..<end)
            if let anchor = event.anchor { anchors[anchor] = node }
            add(node)
        case .sequenceStart, .mappingStart:
            guard spend(1, at: event) else { return }
            let (anchor, tag, flow) = (event.anchor, event.tag, event.flow)
            let start = mapper.location(event.start)
            if stack.count >= options.maxDepth {
                diagnostics.append(.yamlTooDeep(options.maxDepth, at: start..<mapper.location(event.end)))
                aborted = true
                return
            }
            let isMapping = event.kind == .mappingStart
            if let anchor { pendingAnchors[anchor, default: 0] += 1 }
            stack.append(Frame(isMapping: isMapping, start: start, anchor: anchor, tag: tag, flow: flow))
        case .sequenceEnd, .mappingEnd:
            guard var frame = stack.popLast() else { return }
            let end: SourceLocation
            if frame.flow {
                end = mapper.location(event.end)
            } else {
                let last = frame.isMapping ? frame.pairs.last?.value.span.upperBound : frame.items.last?.span.upperBound
                end = max(last ?? frame.start, frame.start)
            }
            let kind: YAMLNode.Kind
            if frame.isMapping {
                kind = .mapping(frame.merges.isEmpty ? frame.pairs : applyMerges(&frame))
            } else {
                kind = .sequence(frame.items)
            }
            let node = YAMLNode(kind: kind, tag: frame.tag, anchor: frame.anchor, span: frame.start..<end, isFlow: frame.flow,
                mergeKeys: frame.mergeKeys)
            if let anchor = frame.anchor {
                pendingAnchors[anchor, default: 1] -= 1
                anchors[anchor] = node
            }
            add(node)
        }
    }

    /// Counts one unit against `maxNodes`; on overflow reports once and stops loading.
    private mutating func spend(_ units: Int, at event: RawEvent) -> Bool {
        budget -= units
        if budget >= 0 { return true }
        let start = mapper.location(event.start)
        diagnostics.append(.yamlTooManyNodes(options.maxNodes, at: start..<start))
        aborted = true
        return false
    }

    /// Attaches a finished node to the open collection, or makes it the document root.
    /// `consuming`, and the pending key is taken rather than copied then cleared: each node moves into its parent
    /// without the retain/release pair (two atomic operations) a borrowed argument cost.
    private mutating func add(_ node: consuming YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            // Room for a typical block sequence at once, rather than growing 1 → 2 → 4 → 8.
            if stack[top].items.isEmpty { stack[top].items.reserveCapacity(Self.initialCapacity) }
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey.take() else {
            stack[top].pendingKey = node
            return
        }
        if let scalar = key.scalar, scalar.style == .plain, scalar.value == "<<", key.tag == nil {
            stack[top].mergeKeys.append(key)
            sawMergeKey = true
            addMerge(node, key: key)
            return
        }
        if let value = key.scalar?.value {
            if stack[top].containsKey(value) {
                diagnostics.append(.yamlDuplicateKey(value, at: key.span))
            }
            stack[top].rememberKey(value)
        }
        if stack[top].pairs.isEmpty { stack[top].pairs.reserveCapacity(Self.initialCapacity) }
        stack[top].pairs.append(YAMLPair(key: key, value: node))
    }

    private mutating func addMerge(_ value: YAMLNode, key: YAMLNode) {
        let top = stack.count - 1
        let sources: [YAMLNode]
        switch value.kind {
        case .mapping:
            sources = [value]
        case .sequence(let items) where items.allSatisfy({ $0.mapping != nil }):
            sources = items
        default:
            diagnostics.append(.yamlBadMergeValue(at: value.span))
            return
        }
        stack[top].merges.append((stack[top].pairs.count, sources))
    }

    /// The mapping's pairs with merged pairs inserted where their `<<` key stood.
    private mutating func applyMerges(_ frame: inout Frame) -> [YAMLPair] {
        var seen = Set(frame.pairs.compactMap { $0.key.scalar?.value })
        var result: [YAMLPair] = []
        result.reserveCapacity(frame.pairs.count)
        var mergeIndex = 0
        for position in 0...frame.pairs.count {
            while mergeIndex < frame.merges.count, frame.merges[mergeIndex].position == position {
                for source in frame.merges[mergeIndex].sources {
                    for pair in source.mapping ?? [] {
                        if let key = pair.key.scalar?.value {
                            if seen.contains(key) { continue }
                            seen.insert(key)
                        }
                        budget -= 1
                        result.append(pair)
                    }
                }
                mergeIndex += 1
            }
            if position < frame.pairs.count { result.append(frame.pairs[position]) }
        }
        if budget < 0, !aborted {
            diagnostics.append(.yamlTooManyNodes(options.maxNodes, at: frame.start..<frame.start))
            aborted = true
        }
        return result
    }

    private mutating func report(_ error: RawParseError) {
        let span: SourceSpan
        if let offset = error.byteOffset {
            let location = mapper.location(ofByteOffset: offset)
            span = location..<location
        } else if let mark = error.problemMark ?? error.contextMark {
            let location = mapper.location(mark)
            span = location..<location
        } else {
            span = .fileStart
        }
        var contextLocation: SourceLocation?
        if error.byteOffset == nil, error.context != nil, let mark = error.contextMark {
            contextLocation = mapper.location(mark)
        }
        diagnostics.append(.yamlSyntax(problem: error.problem, context: error.context, contextAt: contextLocation, at: span))
    }
}
