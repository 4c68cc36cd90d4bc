public import PlimsollCore

/// Loads YAML streams into a `YAMLTree` (one per stream, shared by its documents) by driving libyaml's event API.
///
/// - Anchors are looked up by name at the alias, so a redefined anchor wins from its new definition on (GitHub
///   accepts redefinitions; libyaml's document loader does not).
/// - Aliases resolve to the shared node (the same index); nothing is copied. But whoever walks the tree (the
///   workflow model, every rule) visits a shared node once per path to it, so each alias use counts the nodes it
///   stands for against `YAMLLoadOptions.maxAliasedNodes`; past it, loading stops with a diagnostic at the alias.
/// - Merge keys (`<<`) take one mapping or a sequence of mappings; explicit keys override merged ones, and an
///   earlier merged mapping overrides a later one.
/// - Duplicate scalar keys are errors (GitHub rejects them) reported at the second key.
/// - Never recursive, never traps: depth and node count are limited by `YAMLLoadOptions`; an input of 2 GiB or
///   more is refused with a diagnostic (`SourceLocation` stores positions in 32 bits).
public enum YAMLLoader {
    public static func load(_ file: SourceFile, options: YAMLLoadOptions = .init()) -> YAMLLoadResult {
        // Positions are stored in 32 bits (see `SourceLocation`).
        guard file.bytes.count < Int(Int32.max) else {
            return YAMLLoadResult(documents: [], diagnostics: [.yamlTooLarge(file.bytes.count)])
        }
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
///
/// Works on node indices into a `YAMLTreeBuilder`; the entries of every open collection wait in one shared
/// `scratch` stack and move into the tree's `children` when the collection ends, so a collection costs no
/// allocation of its own.
struct Composer {
    /// Plain data (the anchor is read back from the tree), so pushing and popping one is a copy, with nothing to
    /// retain or release.
    private struct Frame {
        /// The collection's node, numbered at its start.
        var node: Int
        var isMapping: Bool
        var start: SourceLocation
        var flow: Bool
        /// Where this collection's entries begin in `scratch`. A mapping's entries are key, value, key, …; an odd
        /// count means a key waits for its value.
        var entriesStart: Int
        /// Whether `rare[depth]` holds this collection's `RareState`.
        var hasRareState = false
        /// Nodes of the entries so far with every alias expanded (saturating): what a walk of this collection visits.
        var expanded = 0

        static let smallMapping = 16
    }

    /// What only some mappings need, kept out of `Frame`: a frame is pushed and popped for every collection,
    /// and three collection fields made each pop an outlined destroy with three releases.
    private struct RareState {
        /// Scalar key values, built only once a mapping grows past `smallMapping` pairs (smaller ones are scanned).
        var keyIndex: Set<String> = []
        /// Merge sources and the number of explicit pairs before their `<<` key (where their pairs go).
        var merges: [(position: Int, sources: [Int])] = []
        var mergeKeys: [Int] = []
    }

    /// The file is held once, by the mapper: a second copy here retained and released its five references.
    private var file: SourceFile { mapper.file }
    let options: YAMLLoadOptions
    private var mapper: PositionMapper
    private var tree: YAMLTreeBuilder
    private var diagnostics: [Diagnostic] = []
    /// Completed documents: root node and whether a `<<` merge key was seen.
    private var documents: [(root: Int?, sawMergeKey: Bool)] = []
    private var anchors: [String: Int] = [:]
    private var pendingAnchors: [String: Int] = [:]
    private var stack: [Frame] = []
    /// The entries of every open collection, innermost last.
    private var scratch: [Int] = []
    /// `RareState` of open collections, by depth (index in `stack`).
    private var rare: [Int: RareState] = [:]
    private var root: Int?
    private var budget: Int
    /// Nodes that alias uses may still stand for (`maxAliasedNodes`).
    private var aliasBudget: Int
    /// Expanded node count of each anchored collection (an anchored scalar stands for one node).
    private var expandedSizes: [Int: Int] = [:]
    private var aborted = false
    /// Whether the current document used a `<<` merge key.
    private var sawMergeKey = false

    init(file: SourceFile, options: YAMLLoadOptions) {
        self.options = options
        self.mapper = PositionMapper(file: file, encoding: .utf8)
        self.tree = YAMLTreeBuilder(byteCount: file.bytes.count)
        self.budget = options.maxNodes
        self.aliasBudget = options.maxAliasedNodes
        // One allocation each up front instead of growing 1 → 2 → 4 …: about eight reallocations per file before.
        scratch.reserveCapacity(64)
        stack.reserveCapacity(16)
        documents.reserveCapacity(1)
    }

    mutating func run() -> YAMLLoadResult {
        let parser = LibYAMLParser(bytes: file.bytes)
        var event = RawEvent(kind: .streamEnd, start: RawMark(index: 0, line: 1, column: 1), end: RawMark(index: 0, line: 1, column: 1))
        while !aborted, parser.next(into: &event) {
            handle(&event)
        }
        if !aborted, let error = parser.error {
            report(error)
            aborted = true
        }
        let built = tree.finish()
        let loaded = documents.map { document in
            var result = YAMLDocument(root: document.root.map { YAMLNode(tree: built, index: $0) })
            result.mayHaveMergeKeys = document.sawMergeKey
            return result
        }
        return YAMLLoadResult(documents: loaded, diagnostics: diagnostics)
    }

    /// `inout` so that a scalar's value can be moved into the tree rather than copied: a copy retained each
    /// value longer than 15 bytes here and released it again when the parser overwrote the event. Inlined into
    /// `run`, its only caller, once per event.
    @inline(__always)
    private mutating func handle(_ event: inout RawEvent) {
        switch event.kind {
        case .streamStart:
            // `init` already made the UTF-8 mapper (the common case); building it again copied the file's arrays.
            if event.encoding != .utf8 { mapper = PositionMapper(file: file, encoding: event.encoding) }
        case .streamEnd:
            break
        case .documentStart:
            anchors.removeAll(keepingCapacity: true)
            expandedSizes.removeAll(keepingCapacity: true)
            aliasBudget = options.maxAliasedNodes
            pendingAnchors.removeAll(keepingCapacity: true)
            sawMergeKey = false
            stack.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            rare.removeAll()
            root = nil
        case .documentEnd:
            documents.append((root, sawMergeKey))
            root = nil
        case .alias:
            let name = event.value
            let start = mapper.location(event.start)
            let end = mapper.location(event.end)
            if pendingAnchors[name, default: 0] > 0 {
                diagnostics.append(.yamlRecursiveAlias(name, at: start..<end))
                add(anchors[name] ?? tree.addScalar("", style: .plain, tag: nil, anchor: nil, span: start..<end))
            } else if let node = anchors[name] {
                let size = expandedSizes[node] ?? 1
                guard size <= aliasBudget else {
                    diagnostics.append(.yamlTooManyAliasedNodes(options.maxAliasedNodes, alias: name, at: start..<end))
                    aborted = true
                    return
                }
                // `.max` is no budget at all (tests of sharing): it stays unlimited.
                if aliasBudget != .max { aliasBudget -= size }
                add(node, expanded: size)
            } else {
                diagnostics.append(.yamlUndefinedAlias(name, at: start..<end))
                add(tree.addScalar("", style: .plain, tag: nil, anchor: nil, span: start..<end))
            }
        case .scalar:
            guard spend(1, at: event) else { return }
            let start = mapper.location(event.start)
            let end = mapper.location(event.end)
            var value = ""
            swap(&value, &event.value)
            let node = tree.addScalar(value, style: event.style, tag: event.tag, anchor: event.anchor, span: start..<end)
            if let anchor = event.anchor { anchors[anchor] = node }
            add(node)
        case .sequenceStart, .mappingStart:
            guard spend(1, at: event) else { return }
            let start = mapper.location(event.start)
            if stack.count >= options.maxDepth {
                diagnostics.append(.yamlTooDeep(options.maxDepth, at: start..<mapper.location(event.end)))
                aborted = true
                return
            }
            let isMapping = event.kind == .mappingStart
            let anchor = event.anchor
            if let anchor { pendingAnchors[anchor, default: 0] += 1 }
            let node = tree.startCollection(isMapping: isMapping, tag: event.tag, anchor: anchor, start: start, isFlow: event.flow)
            stack.append(Frame(
                node: node, isMapping: isMapping, start: start, flow: event.flow, entriesStart: scratch.count))
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return }
            let end: SourceLocation
            if frame.flow {
                end = mapper.location(event.end)
            } else {
                // A block collection ends where its last entry (the last explicit pair's value) ends.
                let last = scratch.count > frame.entriesStart ? tree.span(scratch[scratch.count - 1]).upperBound : nil
                end = max(last ?? frame.start, frame.start)
            }
            let state = frame.hasRareState ? rare.removeValue(forKey: stack.count) : nil
            if let state, !state.merges.isEmpty {
                let merged = applyMerges(frame, state.merges)
                tree.finishCollection(frame.node, entries: merged, range: merged.indices, end: end, mergeKeys: state.mergeKeys)
            } else {
                tree.finishCollection(
                    frame.node, entries: scratch, range: frame.entriesStart..<scratch.count, end: end,
                    mergeKeys: state?.mergeKeys ?? [])
            }
            scratch.removeLast(scratch.count - frame.entriesStart)
            let expanded = frame.expanded == .max ? .max : frame.expanded + 1
            if let anchor = tree.anchor(frame.node) {
                pendingAnchors[anchor, default: 1] -= 1
                anchors[anchor] = frame.node
                expandedSizes[frame.node] = expanded
            }
            add(frame.node, expanded: expanded)
        }
    }

    /// Counts one unit against `maxNodes`; on overflow reports once and stops loading. Inlined: it runs for
    /// every node, and the call cost more than the subtraction.
    @inline(__always)
    private mutating func spend(_ units: Int, at event: borrowing RawEvent) -> Bool {
        budget -= units
        if budget >= 0 { return true }
        return overBudget(at: event)
    }

    @inline(never)
    private mutating func overBudget(at event: borrowing RawEvent) -> Bool {
        let start = mapper.location(event.start)
        diagnostics.append(.yamlTooManyNodes(options.maxNodes, at: start..<start))
        aborted = true
        return false
    }

    /// Attaches a finished node to the open collection, or makes it the document root. Inlined into `handle`,
    /// as are the key checks below (a call each per node showed in profiles); the rare paths stay out of line.
    @inline(__always)
    private mutating func add(_ node: Int, expanded: Int = 1) {
        guard let top = stack.indices.last else {
            root = node
            return
        }
        // Saturating: with the budget lifted (`maxAliasedNodes = .max`) an alias bomb's count passes Int.max.
        let (sum, overflow) = stack[top].expanded.addingReportingOverflow(expanded)
        stack[top].expanded = overflow ? .max : sum
        let entriesStart = stack[top].entriesStart
        // A sequence item, or a mapping key (an even number of entries so far): it waits for its value.
        if !stack[top].isMapping || (scratch.count - entriesStart) % 2 == 0 {
            scratch.append(node)
            return
        }
        let key = scratch[scratch.count - 1]
        if tree.isMergeKey(key) {
            scratch.removeLast()
            updateRareState(top) { $0.mergeKeys.append(key) }
            sawMergeKey = true
            addMerge(node)
            return
        }
        if let value = tree.scalarValue(key) {
            if containsKey(value, top: top) {
                diagnostics.append(.yamlDuplicateKey(value, at: tree.span(key)))
            }
            rememberKey(value, top: top)
        }
        scratch.append(node)
    }

    /// Whether the open mapping `stack[top]` already has a pair with the scalar key `value` (the key waiting
    /// for its value, last in `scratch`, excluded).
    @inline(__always)
    private func containsKey(_ value: String, top: Int) -> Bool {
        if stack[top].hasRareState, let keyIndex = rare[top]?.keyIndex, !keyIndex.isEmpty { return keyIndex.contains(value) }
        var entry = stack[top].entriesStart
        let end = scratch.count - 1
        while entry < end {
            if tree.scalar(scratch[entry], equals: value) { return true }
            entry += 2
        }
        return false
    }

    /// Records the key of the pair about to be completed; past `smallMapping` pairs, in a set (`indexKey`).
    @inline(__always)
    private mutating func rememberKey(_ value: String, top: Int) {
        let entriesStart = stack[top].entriesStart
        let pairs = (scratch.count - entriesStart) / 2
        guard pairs >= Frame.smallMapping else { return }
        indexKey(value, top: top, entriesStart: entriesStart)
    }

    @inline(never)
    private mutating func indexKey(_ value: String, top: Int, entriesStart: Int) {
        if rare[top]?.keyIndex.isEmpty ?? true {
            var keys = Set<String>()
            for entry in stride(from: entriesStart, to: scratch.count - 1, by: 2) {
                if let key = tree.scalarValue(scratch[entry]) { keys.insert(key) }
            }
            updateRareState(top) { $0.keyIndex = keys }
        }
        updateRareState(top) { if !$0.keyIndex.isEmpty { $0.keyIndex.insert(value) } }
    }

    /// Changes the `RareState` of the open collection at `depth`, creating it on first use.
    private mutating func updateRareState(_ depth: Int, _ body: (inout RareState) -> Void) {
        stack[depth].hasRareState = true
        body(&rare[depth, default: RareState()])
    }

    private mutating func addMerge(_ value: Int) {
        let top = stack.count - 1
        let sources: [Int]
        if tree.isMapping(value) {
            sources = [value]
        } else if tree.isSequence(value), tree.entries(value).allSatisfy({ tree.isMapping(tree.child($0)) }) {
            sources = tree.entries(value).map { tree.child($0) }
        } else {
            diagnostics.append(.yamlBadMergeValue(at: tree.span(value)))
            return
        }
        let position = (scratch.count - stack[top].entriesStart) / 2
        updateRareState(top) { $0.merges.append((position, sources)) }
    }

    /// The mapping's entries with merged pairs inserted where their `<<` key stood. Explicit keys override merged
    /// ones, and an earlier merged mapping overrides a later one. Each merged pair counts against the budget.
    private mutating func applyMerges(_ frame: Frame, _ merges: [(position: Int, sources: [Int])]) -> [Int] {
        let explicit = scratch[frame.entriesStart...]
        var seen = Set<String>()
        for entry in stride(from: explicit.startIndex, to: explicit.endIndex, by: 2) {
            if let key = tree.scalarValue(scratch[entry]) { seen.insert(key) }
        }
        var result: [Int] = []
        result.reserveCapacity(explicit.count)
        var mergeIndex = 0
        let pairCount = explicit.count / 2
        for position in 0...pairCount {
            while mergeIndex < merges.count, merges[mergeIndex].position == position {
                for source in merges[mergeIndex].sources {
                    for entry in stride(from: tree.entries(source).lowerBound, to: tree.entries(source).upperBound, by: 2) {
                        let key = tree.child(entry)
                        if let value = tree.scalarValue(key), !seen.insert(value).inserted { continue }
                        budget -= 1
                        result.append(key)
                        result.append(tree.child(entry + 1))
                    }
                }
                mergeIndex += 1
            }
            if position < pairCount {
                let entry = explicit.startIndex + 2 * position
                result.append(scratch[entry])
                result.append(scratch[entry + 1])
            }
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
