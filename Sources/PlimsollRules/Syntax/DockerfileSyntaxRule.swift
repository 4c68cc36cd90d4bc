import PlimsollCore

/// A Dockerfile BuildKit would refuse to parse, or parses in a way its author did not mean.
struct DockerfileSyntaxRule: Rule {
    static let description = RuleDescription(
        id: "PL001",
        name: "dockerfile-syntax",
        title: "Dockerfile Parse Error",
        family: .syntax,
        defaultSeverity: .error,
        summary: "A Dockerfile has an unknown instruction, an unterminated heredoc, a malformed or unknown flag, a "
            + "flag without its value, a `COPY`/`ADD` without a source and a destination, no instructions at all, or "
            + "another error BuildKit's parser rejects.",
        rationale: """
            Plimsoll parses Dockerfiles with its own lexer, which agrees with BuildKit's parser on its whole \
            conformance corpus and on thousands of generated files. When BuildKit would stop the build with a \
            parse error, Plimsoll reports the same error with its position and BuildKit's wording, then \
            carries on with the next instruction, so one typo does not hide the rest of the file. A file that \
            still holds a template's placeholder text (`TODO: Create Dockerfile here.`) lands here too.
            """,
        fix: "Correct the instruction at the reported position.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\n↓RUNN apk add curl\n", caption: "a misspelled instruction"),
            RuleExample("src/docker/Dockerfile", "↓TODO: Create Dockerfile here.\n", caption: "an unfilled template"),
            RuleExample(
                "src/docker/Dockerfile", "FROM alpine:3.20\nRUN ↓<<EOF\necho never closed\n",
                caption: "an unterminated heredoc"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23 AS build\nFROM alpine:3.20\n↓COPY --from=build\nCOPY --↓form=build /app /app\n",
                caption: "a COPY with no source nor destination, and an unknown flag"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nCMD [\"sh\"]\n")
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        for diagnostic in dockerfile.dockerfile.diagnostics {
            emitter.emit(diagnostic.message, path: dockerfile.path, span: diagnostic.span, severity: diagnostic.severity)
        }
    }
}
