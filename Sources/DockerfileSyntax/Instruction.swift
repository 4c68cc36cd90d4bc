import PlimsollCore

/// One Dockerfile instruction as BuildKit's parser sees it.
///
/// Positions: spans are `SourceSpan`s (1-based line, 1-based Unicode-scalar column, 0-based UTF-8 offset);
/// byte ranges are 0-based UTF-8 offsets into the file.
///
/// A value type over one shared, copy-on-write box: rules walk every instruction of every stage, and a copy of
/// the fields themselves would retain each of their strings and arrays. A copy is one retain; a mutation of a
/// shared copy copies the box.
public struct Instruction: Sendable {
    private var storage: Storage

    /// The keyword as written (`run`, `Run`, `RUN`).
    public var keyword: String {
        get { storage.keyword }
        set { uniqueStorage().keyword = newValue }
    }
    /// The normalized keyword.
    public var kind: InstructionKind {
        get { storage.kind }
        set { uniqueStorage().kind = newValue }
    }
    public var keywordSpan: SourceSpan {
        get { storage.keywordSpan }
        set { uniqueStorage().keywordSpan = newValue }
    }
    /// From the keyword to the end of the instruction's last text (heredoc bodies not included).
    public var span: SourceSpan {
        get { storage.span }
        set { uniqueStorage().span = newValue }
    }
    /// 0-based UTF-8 byte range of `span`.
    public var byteRange: Range<Int> {
        get { storage.byteRange }
        set { uniqueStorage().byteRange = newValue }
    }
    /// 1-based first line, as BuildKit reports it.
    public var startLine: Int {
        get { storage.startLine }
        set { uniqueStorage().startLine = newValue }
    }
    /// 1-based last line, inclusive, as BuildKit reports it: continuation lines, skipped comment and blank lines
    /// inside the continuation and heredoc bodies with their terminators all count.
    public var endLine: Int {
        get { storage.endLine }
        set { uniqueStorage().endLine = newValue }
    }
    /// Leading `--flags`, in order.
    public var flags: [Flag] {
        get { storage.flags }
        set { uniqueStorage().flags = newValue }
    }
    public var restSpan: SourceSpan {
        get { storage.restSpan }
        set { uniqueStorage().restSpan = newValue }
    }
    /// The arguments as BuildKit's AST dump lists them.
    public var arguments: [Argument] {
        get { storage.arguments }
        set { uniqueStorage().arguments = newValue }
    }
    /// True when RUN/CMD/ENTRYPOINT/SHELL/ADD/COPY/VOLUME (or HEALTHCHECK CMD) used the JSON exec form.
    public var isJSONForm: Bool {
        get { storage.isJSONForm }
        set { uniqueStorage().isJSONForm = newValue }
    }
    /// Heredocs in the order they appear (RUN, COPY, ADD and those inside ONBUILD).
    public var heredocs: [Heredoc] {
        get { storage.heredocs }
        set { uniqueStorage().heredocs = newValue }
    }
    /// ENV and LABEL pairs.
    public var keyValuePairs: [KeyValuePair] {
        get { storage.keyValuePairs }
        set { uniqueStorage().keyValuePairs = newValue }
    }
    /// The raw words of ARG, ENV and LABEL (quotes kept), each with its span.
    public var words: [Word] {
        get { storage.words }
        set { uniqueStorage().words = newValue }
    }
    var triggerStorage: [Instruction] {
        get { storage.triggerStorage }
        set { uniqueStorage().triggerStorage = newValue }
    }
    /// The logical line and the byte range of `rest` in it, for mapping references back to the file.
    var line: LogicalLine { storage.line }
    var restRange: Range<Int> { storage.restRange }
    var escapeForReferences: UInt8 {
        get { storage.escapeForReferences }
        set { uniqueStorage().escapeForReferences = newValue }
    }

    init(
        keyword: String, kind: InstructionKind, keywordSpan: SourceSpan, span: SourceSpan, byteRange: Range<Int>,
        startLine: Int, endLine: Int, flags: [Flag], restSpan: SourceSpan, arguments: [Argument], isJSONForm: Bool,
        heredocs: [Heredoc], keyValuePairs: [KeyValuePair], words: [Word], triggerStorage: [Instruction],
        line: LogicalLine, restRange: Range<Int>, escapeForReferences: UInt8
    ) {
        storage = Storage(
            keyword: keyword, kind: kind, keywordSpan: keywordSpan, span: span, byteRange: byteRange,
            startLine: startLine, endLine: endLine, flags: flags, restSpan: restSpan, arguments: arguments,
            isJSONForm: isJSONForm, heredocs: heredocs, keyValuePairs: keyValuePairs, words: words,
            triggerStorage: triggerStorage, line: line, restRange: restRange,
            escapeForReferences: escapeForReferences)
    }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The fields. Mutated only through `uniqueStorage`, that is when no other `Instruction` shares the box,
    /// hence `@unchecked Sendable`.
    private final class Storage: @unchecked Sendable {
        var keyword: String
        var kind: InstructionKind
        var keywordSpan: SourceSpan
        var span: SourceSpan
        var byteRange: Range<Int>
        var startLine: Int
        var endLine: Int
        var flags: [Flag]
        var restSpan: SourceSpan
        var arguments: [Argument]
        var isJSONForm: Bool
        var heredocs: [Heredoc]
        var keyValuePairs: [KeyValuePair]
        var words: [Word]
        var triggerStorage: [Instruction]
        var line: LogicalLine
        var restRange: Range<Int>
        var escapeForReferences: UInt8

        init(keyword: String, kind: InstructionKind, keywordSpan: SourceSpan, span: SourceSpan, byteRange: Range<Int>,
            startLine: Int, endLine: Int, flags: [Flag], restSpan: SourceSpan, arguments: [Argument],
            isJSONForm: Bool, heredocs: [Heredoc], keyValuePairs: [KeyValuePair], words: [Word],
            triggerStorage: [Instruction], line: LogicalLine, restRange: Range<Int>, escapeForReferences: UInt8) {
            self.keyword = keyword
            self.kind = kind
            self.keywordSpan = keywordSpan
            self.span = span
            self.byteRange = byteRange
            self.startLine = startLine
            self.endLine = endLine
            self.flags = flags
            self.restSpan = restSpan
            self.arguments = arguments
            self.isJSONForm = isJSONForm
            self.heredocs = heredocs
            self.keyValuePairs = keyValuePairs
            self.words = words
            self.triggerStorage = triggerStorage
            self.line = line
            self.restRange = restRange
            self.escapeForReferences = escapeForReferences
        }

        func copy() -> Storage {
            Storage(keyword: keyword, kind: kind, keywordSpan: keywordSpan, span: span, byteRange: byteRange,
                startLine: startLine, endLine: endLine, flags: flags, restSpan: restSpan, arguments: arguments,
                isJSONForm: isJSONForm, heredocs: heredocs, keyValuePairs: keyValuePairs, words: words,
                triggerStorage: triggerStorage, line: line, restRange: restRange,
                escapeForReferences: escapeForReferences)
        }
    }

    /// The logical line after continuations are joined (BuildKit's `Node.Original`, without heredoc bodies).
    public var original: String { line.bytes.utf8String }

    /// The text after the keyword and the flags, trimmed.
    public var rest: String { String(decoding: line.bytes[restRange], as: UTF8.self) }

    /// For `ONBUILD RUN …`, the nested instruction.
    public var trigger: Instruction? { triggerStorage.first }

    /// The first flag named `name` (without `--`).
    public func flag(_ name: String) -> Flag? { flags.first { $0.name == name } }

    /// Every flag named `name` (for repeatable flags such as `--mount`).
    public func flags(named name: String) -> [Flag] { flags.filter { $0.name == name } }

    /// The string values of the arguments.
    public var argumentValues: [String] { arguments.map(\.value) }

    /// Variable references in `rest`, as BuildKit's shell lexer finds them, with file spans. Flags are scanned
    /// too (`--from=$STAGE`). Heredoc bodies are not included.
    public func variableReferences(in file: SourceFile) -> [VariableReference] {
        var result: [VariableReference] = []
        let escape = UInt8(ascii: "\\")
        for flag in flags {
            let range = flag.byteRange
            let local = ShellExpansion.references(in: file.bytes, range: range, escape: escape)
            result.append(contentsOf: local.map { reference in
                var copy = reference
                copy.span = file.span(reference.byteRange)
                return copy
            })
        }
        var local = ShellExpansion.references(in: line.bytes, range: restRange, escape: escapeForReferences)
        for index in local.indices {
            local[index].byteRange = line.sourceRange(local[index].byteRange)
            local[index].span = file.span(local[index].byteRange)
        }
        result.append(contentsOf: local)
        return result
    }

}
