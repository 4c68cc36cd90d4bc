import PlimsollCore

/// A `$NAME` or `${NAME…}` reference found in a word.
public struct VariableReference: Sendable, Hashable {
    /// The variable name (`TARGETARCH`).
    public var name: String
    /// True for the `${…}` form.
    public var isBraced: Bool
    /// The operator of a braced form: `:-`, `-`, `:+`, `+`, `:?` or `?`; nil for `$NAME` and `${NAME}`.
    public var modifier: String?
    /// 0-based UTF-8 byte range from `$` to the end of the reference, relative to the text that was scanned
    /// (for references returned by `Instruction.variableReferences()`, relative to the file).
    public var byteRange: Range<Int>
    /// Position in the file, when the reference came from an instruction; nil for free-standing text.
    public var span: SourceSpan?
}

/// A failed expansion, such as `${X:?must be set}` with `X` unset or an unterminated quote.
public struct ShellExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based UTF-8 byte offset in the expanded text where the problem starts.
    public var byteOffset: Int

    init(_ message: String, at byteOffset: Int) {
        self.message = message
        self.byteOffset = byteOffset
    }

    public var description: String { message }
}

/// Variable expansion and reference listing with the rules of BuildKit's shell lexer
/// (`$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR:+x}`, `${VAR-x}`, `${VAR+x}`, `${VAR:?x}`, escapes, quotes).
public enum ShellExpansion {
    /// Expands `text` as one word: quotes are removed, escapes resolved and unset variables become empty.
    ///
    /// - Parameters:
    ///   - escape: the Dockerfile's escape character, `\` or `` ` ``.
    ///   - keepUnset: leave references to unset variables as written instead of removing them.
    public static func expand(
        _ text: String, environment: [String: String], escape: Character = "\\", keepUnset: Bool = false
    ) throws(ShellExpansionError) -> String {
        var options = ShellLexer.Options()
        options.escape = escape.asciiValue ?? UInt8(ascii: "\\")
        options.skipUnsetEnv = keepUnset
        var lexer = ShellLexer(Array(text.utf8), options: options, environment: { environment[$0] })
        return try lexer.process().text.utf8String
    }

    /// Expands `text` and splits it into words at unquoted white space, like BuildKit's `ProcessWords`.
    public static func expandWords(
        _ text: String, environment: [String: String], escape: Character = "\\"
    ) throws(ShellExpansionError) -> [String] {
        var options = ShellLexer.Options()
        options.escape = escape.asciiValue ?? UInt8(ascii: "\\")
        var lexer = ShellLexer(Array(text.utf8), options: options, environment: { environment[$0] })
        return try lexer.process().words.map { $0.bytes.utf8String }
    }

    /// Every variable reference in `text`, in order, including ones nested in `${A:-$B}`. References inside
    /// single quotes are not references. Byte ranges are relative to `text.utf8`.
    /// Scanning stops at the first syntax error (references before it are returned).
    public static func references(in text: String, escape: Character = "\\") -> [VariableReference] {
        references(in: Array(text.utf8), range: nil, escape: escape.asciiValue ?? UInt8(ascii: "\\"))
    }

    static func references(in bytes: [UInt8], range: Range<Int>?, escape: UInt8) -> [VariableReference] {
        // Only a `$` starts a reference: most instructions have none, and the lexer would copy every byte.
        let range = range ?? 0..<bytes.count
        guard GoText.contains(UInt8(ascii: "$"), in: bytes, range) else { return [] }
        var options = ShellLexer.Options()
        options.escape = escape
        options.lenientRequired = true
        options.producesOutput = false
        var lexer = ShellLexer(bytes, range: range, options: options, environment: { _ in nil })
        _ = try? lexer.process()
        return lexer.references
    }
}
