import PlimsollCore

/// One Dockerfile instruction as BuildKit's parser sees it.
///
/// Positions: spans are `SourceSpan`s (1-based line, 1-based Unicode-scalar column, 0-based UTF-8 offset);
/// byte ranges are 0-based UTF-8 offsets into the file.
public struct Instruction: Sendable {
    /// The keyword as written (`run`, `Run`, `RUN`).
    public var keyword: String
    /// The normalized keyword.
    public var kind: InstructionKind
    public var keywordSpan: SourceSpan
    /// From the keyword to the end of the instruction's last text (heredoc bodies not included).
    public var span: SourceSpan
    /// 0-based UTF-8 byte range of `span`.
    public var byteRange: Range<Int>
    /// 1-based first line, as BuildKit reports it.
    public var startLine: Int
    /// 1-based last line, inclusive, as BuildKit reports it: continuation lines, skipped comment and blank lines
    /// inside the continuation and heredoc bodies with their terminators all count.
    public var endLine: Int
    /// Leading `--flags`, in order.
    public var flags: [Flag]
    public var restSpan: SourceSpan
    /// The arguments as BuildKit's AST dump lists them.
    public var arguments: [Argument]
    /// True when RUN/CMD/ENTRYPOINT/SHELL/ADD/COPY/VOLUME (or HEALTHCHECK CMD) used the JSON exec form.
    public var isJSONForm: Bool
    /// Heredocs in the order they appear (RUN, COPY, ADD and those inside ONBUILD).
    public var heredocs: [Heredoc]
    /// ENV and LABEL pairs.
    public var keyValuePairs: [KeyValuePair]
    /// The raw words of ARG, ENV and LABEL (quotes kept), each with its span.
    public var words: [Word]
    var triggerStorage: [Instruction]
    /// The logical line and the byte range of `rest` in it, for mapping references back to the file.
    let line: LogicalLine
    let restRange: Range<Int>

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
            let local = ShellWord.references(in: file.bytes, range: range, escape: escape)
            result.append(contentsOf: local.map { reference in
                var copy = reference
                copy.span = file.span(reference.byteRange)
                return copy
            })
        }
        var local = ShellWord.references(in: line.bytes, range: restRange, escape: escapeForReferences)
        for index in local.indices {
            local[index].byteRange = line.sourceRange(local[index].byteRange)
            local[index].span = file.span(local[index].byteRange)
        }
        result.append(contentsOf: local)
        return result
    }

    var escapeForReferences: UInt8 = UInt8(ascii: "\\")
}
