import PlimsollCore

/// A parsed Dockerfile.
///
/// Positions: spans are `SourceSpan`s (1-based line, 1-based Unicode-scalar column, 0-based UTF-8 offset).
public struct Dockerfile: Sendable {
    /// Parser directives from the top of the file, in order.
    public var directives: [ParserDirective]
    /// The active escape character: `\` or `` ` ``.
    public var escapeCharacter: Character
    /// Every instruction in file order, including unknown ones.
    public var instructions: [Instruction]
    /// Build stages, one per FROM.
    public var stages: [Stage]
    /// ARG instructions before the first FROM (indices into `instructions`).
    public var globalArgIndices: [Int]
    /// Lexer and parser problems, in file order. A non-empty list with an error means BuildKit would reject the file.
    public var diagnostics: [Diagnostic]

    /// The directive named `name` (lower case), if present.
    public func directive(_ name: String) -> ParserDirective? { directives.first { $0.name == name } }

    /// The global ARG declarations (before the first FROM).
    public var globalArgs: [ArgDeclaration] {
        globalArgIndices.flatMap { instructions[$0].argDeclarations }
    }

    /// The stage that contains the instruction at `index` (nil for instructions before the first FROM).
    public func stage(containing index: Int) -> Stage? {
        stages.last { $0.instructionIndices.contains(index) }
    }

    /// True when there is at least one diagnostic of severity error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Dockerfile {
    /// The stage's base image as a parsed reference, after expanding global ARG defaults (overridden by
    /// `buildArgs`). Nil for `scratch`, for a base that names an earlier stage, and when a variable it uses has
    /// no value.
    public func baseImageReference(
        of stage: Stage, buildArgs: [String: String] = [:]
    ) -> Result<ImageReference, ImageReferenceError>? {
        guard stage.baseStageIndex == nil, stage.baseImage.lowercased() != "scratch" else { return nil }
        var environment: [String: String] = [:]
        for arg in globalArgs {
            if let value = buildArgs[arg.name] {
                environment[arg.name] = value
            } else if let raw = arg.defaultValue,
                      let value = try? ShellExpansion.expand(raw, environment: environment, escape: escapeCharacter) {
                environment[arg.name] = value
            }
        }
        for reference in ShellExpansion.references(in: stage.baseImage, escape: escapeCharacter)
        where environment[reference.name] == nil && reference.modifier == nil {
            return nil
        }
        guard let expanded = try? ShellExpansion.expand(stage.baseImage, environment: environment, escape: escapeCharacter),
              expanded.lowercased() != "scratch" else { return nil }
        return ImageReference.parse(expanded)
    }
}
