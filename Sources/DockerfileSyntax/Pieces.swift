import PlimsollCore

/// One argument as BuildKit's AST dump shows it.
public struct Argument: Sendable, Hashable {
    /// The value's bytes exactly as BuildKit holds them (JSON escapes decoded; otherwise verbatim).
    /// A slice of the logical line when the value is verbatim, so arguments cost no allocation.
    public var bytes: ArraySlice<UInt8>
    /// Where the argument's text is in the file (for a JSON string, including its quotes).
    public var span: SourceSpan
    /// 0-based UTF-8 byte range in the file.
    public var byteRange: Range<Int>

    /// The value as text; invalid UTF-8 is repaired with U+FFFD.
    public var value: String { String(decoding: bytes, as: UTF8.self) }
}

/// A leading `--name[=value]` option of an instruction.
public struct Flag: Sendable, Hashable {
    /// The name without the leading `--` (`mount`, `from`, `platform`).
    public var name: String
    /// The value after the first `=`, with quotes removed and backslash escapes resolved as BuildKit does;
    /// nil for `--link` without `=`.
    public var value: String?
    /// The whole flag as written, including `--`.
    public var span: SourceSpan
    /// 0-based UTF-8 byte range of the whole flag in the file.
    public var byteRange: Range<Int>
    public var nameSpan: SourceSpan
    public var valueSpan: SourceSpan?
    /// The flag text after quote removal (`--mount=a b`), as BuildKit's `Node.Flags` holds it before its
    /// byte-to-rune conversion.
    public var text: [UInt8]
}

/// A whitespace-separated word of ENV, LABEL or ARG. Quotes and escape characters are kept, as in BuildKit.
public struct Word: Sendable, Hashable {
    /// The raw bytes, usually a slice of the logical line: the parser builds no String per word, only readers do.
    let bytes: ArraySlice<UInt8>
    public var span: SourceSpan
    /// 0-based UTF-8 byte range in the file.
    public var byteRange: Range<Int>

    init(bytes: ArraySlice<UInt8>, span: SourceSpan, byteRange: Range<Int>) {
        self.bytes = bytes
        self.span = span
        self.byteRange = byteRange
    }

    /// The raw text (quotes and escapes kept); invalid UTF-8 is repaired with U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Which syntax an ENV or LABEL used.
public enum KeyValueForm: Sendable, Hashable {
    /// `ENV key=value other=value`.
    case equals
    /// `ENV key value with spaces` (deprecated form, one pair per instruction).
    case legacy
}

/// One `key=value` (or legacy `key value`) of ENV or LABEL.
public struct KeyValuePair: Sendable, Hashable {
    public var key: Word
    /// The raw value: quotes and escape characters kept. Use `ShellExpansion.expand` for the effective value.
    public var value: Word
    public var form: KeyValueForm
    /// Covers key, separator and value.
    public var span: SourceSpan
}

/// A heredoc (`<<EOF` ... `EOF`) attached to RUN, COPY or ADD.
public struct Heredoc: Sendable, Hashable {
    /// The terminator word with quotes removed (`EOF` for `<<"EOF"`).
    public var name: String
    /// File descriptor before `<<` (`3<<EOF`), 0 when absent.
    public var fileDescriptor: Int
    /// False when any part of the name was quoted: the body is then not variable-expanded.
    public var expand: Bool
    /// True for `<<-`: leading tabs are stripped from the terminator match (and, by the build step, the body).
    public var chomp: Bool
    /// The body bytes, newlines included, tabs not stripped.
    public var content: [UInt8]
    /// The `<<EOF` word on the instruction line.
    public var span: SourceSpan
    /// 0-based UTF-8 byte range of the body in the file (from the line after the instruction to the terminator).
    public var bodyByteRange: Range<Int>
    public var bodySpan: SourceSpan
    /// The terminator line.
    public var terminatorSpan: SourceSpan

    /// The body as text (invalid UTF-8 repaired with U+FFFD).
    public var contentText: String { content.utf8String }
}
