// The only file that imports libyaml. Everything libyaml hands out is turned into Swift values here, and its
// 0-based marks become 1-based `RawMark`s at this boundary.
internal import CYAML

/// A libyaml position with 1-based line and column. `index` is libyaml's 0-based *character* count from the
/// start of the decoded stream (after any byte-order mark), not a byte offset; `PositionMapper` converts it.
struct RawMark: Sendable, Equatable {
    var index: Int
    var line: Int
    var column: Int
}

/// The input encoding libyaml detected from the byte-order mark.
enum RawEncoding: Sendable, Equatable {
    case utf8, utf16LittleEndian, utf16BigEndian
}

/// One parse event, already copied out of libyaml. A flat struct rather than an enum with payloads: building,
/// matching and copying an enum case with three strings per event cost more than the rest of the loader.
struct RawEvent: Sendable {
    enum Kind: Sendable {
        case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd
        case mappingStart, mappingEnd
    }

    var kind: Kind
    var start: RawMark
    var end: RawMark
    /// The scalar's value, or the alias's anchor name.
    var value = ""
    var anchor: String?
    var tag: String?
    var style: YAMLScalar.Style = .plain
    /// For collection starts: a `[ ]` or `{ }` collection.
    var flow = false
    /// For the stream start.
    var encoding: RawEncoding = .utf8
}

/// libyaml's error, with its problem text, optional context and marks.
struct RawParseError: Error {
    /// libyaml's error class (`reader`, `scanner`, `parser`, `memory`).
    var stage: String
    var problem: String
    var context: String?
    var problemMark: RawMark?
    var contextMark: RawMark?
    /// For reader errors (bad encoding, control characters): the raw byte offset of the offending input.
    var byteOffset: Int?
}

/// A libyaml event parser over an owned copy of the input. Frees the parser and buffer in `deinit`.
///
/// Not `Sendable`: one instance is used by one load on one thread.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var finished = false

    init(bytes: [UInt8]) {
        // libyaml stores a pointer to the parser inside the parser (read handler data), so it needs a stable
        // address: allocate it rather than storing it inline.
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The first (and last) error, once `next()` returned nil because of one.
    private(set) var error: RawParseError?

    /// Overwrites `raw` with the next event; false after the stream end or the first error (then in `error`).
    /// Filling the caller's event in place rather than returning an optional one saves a copy (and the retains
    /// and releases of its three strings) per event.
    func next(into raw: inout RawEvent) -> Bool {
        if finished { return false }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            finished = true
            error = currentError()
            return false
        }
        defer { yaml_event_delete(&event) }
        // Field by field, clearing only what a previous event left: assigning a fresh `RawEvent` would destroy
        // three strings per event.
        raw.start = Self.mark(event.start_mark)
        raw.end = Self.mark(event.end_mark)
        if !raw.value.isEmpty { raw.value = "" }
        if raw.anchor != nil { raw.anchor = nil }
        if raw.tag != nil { raw.tag = nil }
        raw.style = .plain
        raw.flow = false
        raw.encoding = .utf8
        switch event.type {
        case YAML_STREAM_START_EVENT:
            raw.kind = .streamStart
            switch event.data.stream_start.encoding {
            case YAML_UTF16LE_ENCODING: raw.encoding = .utf16LittleEndian
            case YAML_UTF16BE_ENCODING: raw.encoding = .utf16BigEndian
            default: raw.encoding = .utf8
            }
        case YAML_STREAM_END_EVENT:
            finished = true
            raw.kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            raw.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT:
            raw.kind = .documentEnd
        case YAML_ALIAS_EVENT:
            raw.kind = .alias
            raw.value = Self.string(event.data.alias.anchor) ?? ""
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            raw.kind = .scalar
            if let pointer = scalar.value {
                raw.value = String(decoding: UnsafeBufferPointer(start: pointer, count: scalar.length), as: UTF8.self)
            }
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: raw.style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: raw.style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: raw.style = .literal
            case YAML_FOLDED_SCALAR_STYLE: raw.style = .folded
            default: raw.style = .plain
            }
            // Both were cleared above; most nodes have neither, so assign only when libyaml has one.
            if let anchor = scalar.anchor { raw.anchor = String(cString: anchor) }
            if let tag = scalar.tag { raw.tag = String(cString: tag) }
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            raw.kind = .sequenceStart
            if let anchor = data.anchor { raw.anchor = String(cString: anchor) }
            if let tag = data.tag { raw.tag = String(cString: tag) }
            raw.flow = data.style == YAML_FLOW_SEQUENCE_STYLE
        case YAML_SEQUENCE_END_EVENT:
            raw.kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            raw.kind = .mappingStart
            if let anchor = data.anchor { raw.anchor = String(cString: anchor) }
            if let tag = data.tag { raw.tag = String(cString: tag) }
            raw.flow = data.style == YAML_FLOW_MAPPING_STYLE
        case YAML_MAPPING_END_EVENT:
            raw.kind = .mappingEnd
        default:
            // YAML_NO_EVENT: libyaml produced nothing; treat it as the end of the stream.
            finished = true
            return false
        }
        return true
    }

    /// Parses the whole input, discarding every event: the cost of libyaml alone, for benchmarks.
    /// Returns the number of events, or -1 on a parse error.
    func drain() -> Int {
        var count = 0
        var event = yaml_event_t()
        while !finished {
            guard yaml_parser_parse(parser, &event) == 1 else {
                finished = true
                return -1
            }
            if event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT { finished = true }
            yaml_event_delete(&event)
            count += 1
        }
        return count
    }

    private func currentError() -> RawParseError {
        let p = parser.pointee
        let stage: String
        switch p.error {
        case YAML_READER_ERROR: stage = "reader"
        case YAML_SCANNER_ERROR: stage = "scanner"
        case YAML_PARSER_ERROR: stage = "parser"
        case YAML_MEMORY_ERROR: stage = "memory"
        default: stage = "unknown"
        }
        let problem = p.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        let context = p.context.map { String(cString: $0) }
        if p.error == YAML_READER_ERROR {
            return RawParseError(
                stage: stage, problem: problem, context: context, problemMark: nil, contextMark: nil,
                byteOffset: p.problem_offset)
        }
        return RawParseError(
            stage: stage, problem: problem, context: context,
            problemMark: p.problem != nil ? Self.mark(p.problem_mark) : nil,
            contextMark: p.context != nil ? Self.mark(p.context_mark) : nil,
            byteOffset: nil)
    }

    private static func mark(_ mark: yaml_mark_t) -> RawMark {
        RawMark(index: mark.index, line: mark.line + 1, column: mark.column + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
