import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// BuildKit's automatic platform ARGs exist only in the global scope until a stage redeclares them.
struct PlatformArgScopeRule: Rule {
    static let description = RuleDescription(
        id: "PL203",
        name: "platform-arg-not-in-stage",
        title: "Platform ARG Used Without a Stage ARG",
        family: .dockerfile,
        defaultSeverity: .error,
        summary: "A stage uses `$TARGETARCH`, `$TARGETPLATFORM`, `$BUILDPLATFORM` or another automatic platform "
            + "ARG in RUN, ENV, COPY, WORKDIR… without an `ARG` for it after its `FROM` (error), or an `ARG` gives "
            + "one of them a default value (warning).",
        rationale: """
            BuildKit defines `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, `TARGETVARIANT` and their `BUILD…` \
            counterparts in the global scope only (Dockerfile reference, "Automatic platform ARGs in the global scope"). Inside a stage they are empty until the stage says \
            `ARG TARGETARCH`, and a global `ARG TARGETARCH` before the first `FROM` does not change that. So \
            `GOARCH=$TARGETARCH go build` silently builds for the build machine, and \
            `wget …/linux-$TARGETARCH/tool` fetches `…/linux-/tool`. A default (`ARG TARGETARCH=amd64`) is \
            worse than it looks: it overrides the value BuildKit would pass (buildx#510).

            `FROM` lines are evaluated in the global scope, so `FROM --platform=$BUILDPLATFORM` and \
            `FROM build_${TARGETARCH}` need no `ARG`. An `ENV` of the same name in the stage, and an `ARG` or \
            `ENV` in a stage it is built `FROM` (a stage inherits its parent's arguments), also make the \
            variable defined.
            """,
        fix: "Add `ARG TARGETARCH` (no value) right after the stage's `FROM`, before its first use.",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN GOARCH=↓$TARGETARCH go build -o /app .\n",
                caption: "no ARG in the stage"),
            RuleExample(
                "src/docker/Dockerfile",
                "ARG TARGETARCH\nFROM alpine:3.20\nRUN wget https://example.com/tool-linux-↓${TARGETARCH}.tar.gz\n",
                caption: "a global ARG alone is not enough"),
            RuleExample(
                "src/docker/Dockerfile", "FROM alpine:3.20\nARG ↓TARGETARCH=amd64\nRUN echo $TARGETARCH\n",
                caption: "a default overrides the automatic value (warning)"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\n"
                    + "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20 AS build_amd64\nFROM alpine:3.20 AS build_arm64\nFROM build_${TARGETARCH}\n",
                caption: "use on a FROM line"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nARG TARGETOS TARGETARCH\n"
                    + "FROM base AS build\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\n",
                caption: "declared in the stage this one is built FROM"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        for declaration in file.globalArgs where DockerfileArch.platformArgs.contains(declaration.name) {
            if declaration.defaultValue != nil { reportDefault(declaration, dockerfile: dockerfile, emitter: &emitter) }
        }
        for stage in file.stages {
            for entry in stage.args where DockerfileArch.platformArgs.contains(entry.declaration.name) {
                if entry.declaration.defaultValue != nil {
                    reportDefault(entry.declaration, dockerfile: dockerfile, emitter: &emitter)
                }
            }
            // Built on first use: most stages use no platform ARG at all.
            var inheritedNames: Set<String>?
            for index in stage.instructionIndices where index != stage.fromIndex {
                // Read through the array, not a copy of each instruction: most have nothing to report.
                var references = file.instructions[index].variableReferences(in: dockerfile.source)
                    .filter { DockerfileArch.platformArgs.contains($0.name) }
                // A RUN heredoc body is a script the shell expands at run time.
                for heredoc in file.instructions[index].heredocs
                where file.instructions[index].kind == .run && heredoc.expand {
                    references += ShellExpansion.references(in: heredoc.contentText, escape: file.escapeCharacter)
                        .filter { DockerfileArch.platformArgs.contains($0.name) }
                        .map { reference in
                            var copy = reference
                            let start = heredoc.bodyByteRange.lowerBound
                            copy.byteRange = (start + reference.byteRange.lowerBound)..<(start + reference.byteRange.upperBound)
                            copy.span = dockerfile.source.span(copy.byteRange)
                            return copy
                        }
                }
                // The scope is built only for the few instructions that use a platform ARG at all.
                guard !references.isEmpty else { continue }
                let instruction = file.instructions[index]
                let inherited = inheritedNames ?? inheritedEnvironment(of: stage, in: file)
                inheritedNames = inherited
                let inScope = stage.variablesInScope(before: index).union(inherited)
                for reference in references where !inScope.contains(reference.name) {
                    let global = file.globalArgs.contains { $0.name == reference.name }
                    emitter.emit(
                        .undeclared(reference.name, in: instruction.kind.description, global: global),
                        path: dockerfile.path, span: reference.span ?? dockerfile.source.span(reference.byteRange),
                        notes: ["add 'ARG \(reference.name)' after this stage's FROM"])
                }
            }
        }
    }

    private func reportDefault(_ declaration: ArgDeclaration, dockerfile: DockerfileFile, emitter: inout FindingEmitter) {
        emitter.emit(
            .hasDefault(declaration.name, value: declaration.defaultValue ?? ""), path: dockerfile.path,
            span: declaration.nameSpan, severity: .warning,
            notes: ["declare it without a value: 'ARG \(declaration.name)'"])
    }

    /// ARGs and ENV keys of the stages this one builds on: `FROM build AS test` keeps `build`'s arguments and
    /// environment (Dockerfile reference, "Scope": "Arguments and variables are inherited from parent stages").
    private func inheritedEnvironment(of stage: Stage, in file: Dockerfile) -> Set<String> {
        var names: Set<String> = []
        for ancestor in DockerfileStageGraph.lineage(of: stage, in: file).dropFirst() {
            names.formUnion(ancestor.envKeys.map(\.key.text))
            names.formUnion(ancestor.args.map(\.declaration.name))
        }
        return names
    }
}

extension String {
    fileprivate static func undeclared(_ name: String, in instruction: String, global: Bool) -> String {
        "'$\(name)' is used in \(instruction) but this stage has no 'ARG \(name)', so it is empty"
            + (global ? " (a global ARG is not visible inside a stage)" : "")
    }

    fileprivate static func hasDefault(_ name: String, value: String) -> String {
        "'ARG \(name)=\(value)' overrides the value BuildKit sets for the platform being built"
    }
}
