import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// BuildKit's FromAsCasing check: `FROM … as` reads as a typo.
struct FromAsCasingRule: Rule {
    static let description = RuleDescription(
        id: "PL211",
        name: "from-as-casing",
        title: "FromAsCasing: 'AS' Casing Differs From 'FROM'",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "The `AS` keyword of a `FROM` is not in the same case as `FROM` (`FROM image as build`): "
            + "BuildKit's `FromAsCasing` check.",
        rationale: """
            `docker build --check` reports this as `FromAsCasing` (Docker docs, "Build checks"): mixed casing reads as a typo, and a \
            consistent file is easier to grep. The message is BuildKit's own. `# check=skip=FromAsCasing` at \
            the top of the Dockerfile turns it off for that file, and `# check=error=true` makes it an error, \
            as in `docker build --check`. Before PL211 existed, PL210 reported this check.
            """,
        fix: "Write `AS` in the case of `FROM`: `FROM golang:1.23 AS build` (or `from … as …`).",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM golang:1.23 ↓as build\nFROM alpine:3.20\nUSER 65532\n"),
            RuleExample(
                "src/docker/Dockerfile", "# check=error=true\nFROM golang:1.23 ↓as build\nFROM alpine:3.20\n",
                caption: "an error with check=error=true"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM golang:1.23 AS build\nfrom alpine:3.20 as final\n"),
            RuleExample(
                "src/docker/Dockerfile", "# check=skip=FromAsCasing\nFROM golang:1.23 as build\n",
                caption: "skipped by BuildKit's check directive"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let checks = dockerfile.checkDirective
        guard !checks.skips(.fromAsCasing) else { return }
        let file = dockerfile.dockerfile
        for stage in file.stages {
            let instruction = file.instructions[stage.fromIndex]
            guard let asKeyword = instruction.from?.asKeyword,
                  Self.isUpper(instruction.keyword) != Self.isUpper(asKeyword.value) else { continue }
            emitter.emit(
                .fromAsCasing(as: asKeyword.value, from: instruction.keyword), path: dockerfile.path,
                span: asKeyword.span, severity: checks.severity(of: .fromAsCasing))
        }
    }

    static func isUpper(_ text: String) -> Bool { text == text.uppercased() }
}

extension String {
    fileprivate static func fromAsCasing(as asKeyword: String, from: String) -> String {
        "'\(asKeyword)' and '\(from)' keywords' casing do not match (FromAsCasing)"
    }
}
