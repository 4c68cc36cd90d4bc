import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// BuildKit's JSONArgsRecommended check: a shell-form CMD or ENTRYPOINT does not receive signals.
struct JSONArgsRecommendedRule: Rule {
    static let description = RuleDescription(
        id: "PL212",
        name: "json-args-recommended",
        title: "JSONArgsRecommended: Shell-Form CMD or ENTRYPOINT",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "A `CMD` or `ENTRYPOINT` is in shell form (`CMD node server.js`): BuildKit's "
            + "`JSONArgsRecommended` check.",
        rationale: """
            A shell-form command runs as `/bin/sh -c "…"`, and the shell, not the program, is process 1: it does \
            not forward `SIGTERM`, so `docker stop` waits its 10 seconds and kills the program (Docker docs, "Build checks"). \
            `docker build --check` reports this as `JSONArgsRecommended`; the message is BuildKit's. \
            `# check=skip=JSONArgsRecommended` turns it off for a file, `# check=error=true` makes it an error. \
            Before PL212 existed, PL210 reported this check.
            """,
        fix: "Write the exec form: `CMD [\"node\", \"server.js\"]`; a shell is still there with "
            + "`CMD [\"sh\", \"-c\", \"exec node server.js\"]`.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nUSER node\nCMD ↓node server.js\n"),
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\nENTRYPOINT ↓/app --serve\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nUSER node\nCMD [\"node\", \"server.js\"]\n"),
            RuleExample(
                "src/docker/Dockerfile", "# check=skip=JSONArgsRecommended,FromAsCasing\nFROM alpine:3.20\nCMD /app\n",
                caption: "skipped by BuildKit's check directive"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let checks = dockerfile.checkDirective
        guard !checks.skips(.jsonArgsRecommended) else { return }
        for instruction in dockerfile.dockerfile.instructions where instruction.kind == .cmd || instruction.kind == .entrypoint {
            guard case .shell(let argument)? = instruction.command else { continue }
            emitter.emit(
                .jsonArgs(instruction.kind.description), path: dockerfile.path, span: argument.span,
                severity: checks.severity(of: .jsonArgsRecommended))
        }
    }
}

extension String {
    fileprivate static func jsonArgs(_ keyword: String) -> String {
        "JSON arguments recommended for \(keyword) to prevent unintended behavior related to OS signals (JSONArgsRecommended)"
    }
}
