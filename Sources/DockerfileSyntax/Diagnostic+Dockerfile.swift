import PlimsollCore

/// Every message the Dockerfile lexer and parser can report. BuildKit's wording is kept where it has one.
extension Diagnostic {
    static func lineTooLong(at span: SourceSpan) -> Diagnostic {
        Diagnostic("dockerfile line greater than max allowed size of \(DockerfileLexer.maxLineLength)", at: span)
    }
    static func loneCarriageReturn(at span: SourceSpan) -> Diagnostic {
        Diagnostic("line ends with a lone carriage return, which BuildKit does not treat as a line break",
                   at: span, severity: .warning)
    }
    static func duplicateDirective(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("only one \(name) parser directive can be used", at: span)
    }
    static func invalidEscapeToken(_ value: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("invalid escape token '\(value)' does not match ` or \\", at: span)
    }
    static func noInstructions(at span: SourceSpan) -> Diagnostic {
        Diagnostic("file with no instructions", at: span)
    }
    static func unknownInstruction(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("unknown instruction: \(keyword)", at: span)
    }
    static func unterminatedHeredoc(at span: SourceSpan) -> Diagnostic {
        Diagnostic("unterminated heredoc", at: span)
    }
    static func heredocSyntax(_ message: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic(message, at: span)
    }
    static func mustHaveTwoArguments(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("\(keyword) must have two arguments", at: span)
    }
    static func missingEquals(_ word: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("Syntax error - can't find = in \"\(word)\". Must be of the form: name=value", at: span)
    }
    static func notStringArray(at span: SourceSpan) -> Diagnostic {
        Diagnostic("dockerfile JSON array must contain only strings", at: span)
    }
    static func unknownFlag(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("unknown flag: \(name)", at: span)
    }
    static func missingFlagValue(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("missing a value on flag: \(name)", at: span)
    }
    static func invalidBooleanFlag(_ name: String, value: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("expecting boolean value for flag \(name), not: \(value)", at: span)
    }
    static func duplicateFlag(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("duplicate flag specified: \(name)", at: span)
    }
    static func malformedFlag(_ text: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("malformed flag: \(text)", at: span)
    }
    static func emptyInstruction(at span: SourceSpan) -> Diagnostic {
        Diagnostic("instruction without a keyword", at: span)
    }
    static func missingArguments(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("\(keyword) requires at least one argument", at: span)
    }
    /// BuildKit's `errNoDestinationArgument`, raised for any COPY or ADD with fewer than two arguments.
    static func noDestination(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic(
            "\(keyword) requires at least two arguments, but only one was provided. Destination could not be determined",
            at: span)
    }
    static func onbuildChaining(at span: SourceSpan) -> Diagnostic {
        Diagnostic("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", at: span)
    }
    static func onbuildForbidden(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("\(keyword) isn't allowed as an ONBUILD trigger", at: span)
    }
    static func instructionBeforeFrom(_ keyword: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("no build stage in current context: \(keyword) before the first FROM", at: span)
    }
    static func invalidFromAs(at span: SourceSpan) -> Diagnostic {
        Diagnostic("FROM requires either one or three arguments", at: span)
    }
    static func duplicateStageName(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("duplicate stage name \"\(name)\"", at: span)
    }
    static func stageChainTooLong(_ limit: Int, at span: SourceSpan) -> Diagnostic {
        Diagnostic(
            "this stage builds on a chain of more than \(limit) stages; Plimsoll reads its base as an image and follows "
                + "the chain no further", at: span, severity: .warning)
    }
    static func invalidStageName(_ name: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic("invalid name for build stage: \"\(name)\", name can't start with a number or contain symbols",
                   at: span)
    }
}
