import PlimsollCore

/// Every message the workflow model reports, in one place.
extension Diagnostic {
    static func expectedMapping(_ section: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("'\(section)' must be a mapping", at: span)
    }

    static func expectedScalar(_ section: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("'\(section)' must be a string", at: span)
    }

    static func expectedSequence(_ section: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("'\(section)' must be a sequence", at: span)
    }

    static func expectedStringOrSequence(_ section: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("'\(section)' must be a string or a sequence of strings", at: span)
    }

    static func unknownKey(_ key: String, in section: String, suggestion: String?, at span: SourceSpan) -> Diagnostic {
        var message = "unknown key '\(key)' in \(section)"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return Diagnostic(message, at: span)
    }

    static func missingKey(_ key: String, in section: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("\(section) is missing '\(key)'", at: span)
    }

    static func unknownPermissionScope(_ scope: String, suggestion: String?, at span: SourceSpan) -> Diagnostic {
        var message = "unknown permission scope '\(scope)'"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return Diagnostic(message, at: span)
    }

    static func invalidPermissionLevel(_ value: String, scope: String, allowed: [String], at span: SourceSpan) -> Diagnostic {
        Diagnostic(
            "invalid permission '\(value)' for scope '\(scope)'; expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))",
            at: span)
    }

    static func invalidPermissions(_ value: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("invalid permissions '\(value)'; expected 'read-all', 'write-all' or a mapping of scopes", at: span)
    }

    static func mergeKeyUnsupported(at span: SourceSpan) -> Diagnostic {
        Diagnostic("GitHub Actions does not support the YAML merge key '<<'", at: span)
    }

    static func notAWorkflow(at span: SourceSpan) -> Diagnostic {
        Diagnostic("a workflow must be a mapping", at: span)
    }

    static func emptyWorkflow() -> Diagnostic {
        Diagnostic("the workflow file is empty", at: .fileStart)
    }

    static func invalidStep(at span: SourceSpan) -> Diagnostic {
        Diagnostic("a step must have either 'uses' or 'run' (or be a 'parallel', 'wait', 'wait-all' or 'cancel' step)", at: span)
    }

    static func nestedParallel(at span: SourceSpan) -> Diagnostic {
        Diagnostic("a 'parallel' group cannot contain another 'parallel' group", at: span)
    }

    static func stepHasUsesAndRun(at span: SourceSpan) -> Diagnostic {
        Diagnostic("a step cannot have both 'uses' and 'run'", at: span)
    }

    static func duplicateID(_ kind: String, _ id: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("duplicate \(kind) id '\(id)' (ids are case-insensitive)", at: span)
    }
}
