public import PlimsollCore
public import YAMLSyntax

/// One `${{ … }}` found in a scalar, parsed, with what it references.
///
/// Spans: when the scalar's source text contains the `${{ … }}` text verbatim (plain scalars, literal blocks,
/// and quoted or folded scalars whose expression needs no escaping or folding), `span` and the spans of
/// references and calls are exact. Otherwise (an escape or line fold inside the expression), every span falls back
/// to the scalar's span and `isExactSpan` is false.
public struct Expression: Sendable {
    /// The text between `${{` and `}}`.
    public let text: String
    /// The scalar it was found in.
    public let node: YAMLNode
    /// The whole `${{ … }}`.
    public let span: SourceSpan
    public let isExactSpan: Bool
    /// The syntax tree, or the syntax error.
    public let syntax: Result<ExpressionNode, ExpressionError>
    /// Context property paths used, in source order (`secrets.GITHUB_TOKEN`, `steps.meta.outputs.tags` …).
    public let references: [ContextReference]
    /// Function calls, in source order (outer before inner).
    public let calls: [FunctionCall]

    public var error: ExpressionError? {
        if case .failure(let error) = syntax { return error }
        return nil
    }

    /// True when the expression is the whole scalar (`key: ${{ x }}`), not part of a longer string.
    public let isWholeValue: Bool
}

/// A reference to a context value: `github.repository` → `["github", "repository"]`.
public struct ContextReference: Sendable, Hashable {
    /// The path; `*` for `.*`/`[*]`; a non-literal index ends the path.
    public let path: [String]
    /// The names of the function calls enclosing the reference, outermost first (`toLower(github.repository)` →
    /// `["toLower"]`), so rules can tell whether a value is lowercased.
    public let enclosingCalls: [String]
    public let span: SourceSpan

    /// The context name (`github`, `secrets`, `matrix`, `steps`, `inputs`, `env` …).
    public var context: String { path.first ?? "" }
    /// The dotted form: `secrets.GITHUB_TOKEN`.
    public var dotted: String { path.joined(separator: ".") }
    /// Case-insensitive comparison of the dotted path (contexts and properties are case-insensitive).
    public func matches(_ dotted: String) -> Bool { self.dotted.lowercased() == dotted.lowercased() }
}

/// A function call such as `format('ghcr.io/{0}', github.repository_owner)`.
public struct FunctionCall: Sendable {
    public let name: String
    public let arguments: [ExpressionNode]
    /// The calls enclosing this one, outermost first.
    public let enclosingCalls: [String]
    public let span: SourceSpan

    /// The argument as a string literal, if it is one.
    public func stringArgument(_ index: Int) -> String? {
        guard index < arguments.count, case .string(let value) = arguments[index].kind else { return nil }
        return value
    }
}
