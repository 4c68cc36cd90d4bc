import PlimsollCore

/// Every message the YAML layer reports, in one place.
extension Diagnostic {
    /// libyaml's own error: its problem text, plus its context and where that context began.
    static func yamlSyntax(problem: String, context: String?, contextAt: SourceLocation?, at span: SourceSpan) -> Diagnostic {
        var message = problem
        if let context {
            message += " (\(context)"
            if let contextAt { message += " at line \(contextAt.line), column \(contextAt.column)" }
            message += ")"
        }
        return Diagnostic(message, at: span, severity: .error)
    }

    static func yamlUndefinedAlias(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("undefined alias '\(name)'", at: span, severity: .error)
    }

    static func yamlRecursiveAlias(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("recursive alias '\(name)': it refers to a node that contains it", at: span, severity: .error)
    }

    static func yamlDuplicateKey(_ key: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("duplicate key '\(key)' in mapping", at: span, severity: .error)
    }

    static func yamlBadMergeValue(at span: SourceSpan) -> Diagnostic {
        Diagnostic("merge key '<<' needs a mapping or a sequence of mappings", at: span, severity: .error)
    }

    static func yamlTooDeep(_ limit: Int, at span: SourceSpan) -> Diagnostic {
        Diagnostic("nesting is deeper than the limit of \(limit) levels; loading stopped", at: span, severity: .error)
    }

    static func yamlTooLarge(_ byteCount: Int) -> Diagnostic {
        Diagnostic("file of \(byteCount) bytes is too large to load as YAML (the limit is 2 GiB)", at: .fileStart, severity: .error)
    }

    static func yamlTooManyAliasedNodes(_ limit: Int, alias: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic(
            "alias '\(alias)' makes the document's aliases stand for more than \(limit) nodes; loading stopped",
            at: span, severity: .error)
    }

    static func yamlTooManyNodes(_ limit: Int, at span: SourceSpan) -> Diagnostic {
        Diagnostic("document has more than \(limit) nodes; loading stopped", at: span, severity: .error)
    }
}
