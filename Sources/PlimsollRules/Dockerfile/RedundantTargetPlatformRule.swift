import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// BuildKit's RedundantTargetPlatform check: `$TARGETPLATFORM` is already a stage's platform.
struct RedundantTargetPlatformRule: Rule {
    static let description = RuleDescription(
        id: "PL213",
        name: "redundant-target-platform",
        title: "RedundantTargetPlatform: FROM --platform=$TARGETPLATFORM",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "A `FROM --platform=$TARGETPLATFORM`: BuildKit's `RedundantTargetPlatform` check.",
        rationale: """
            Every stage is built for the target platform unless told otherwise, so the flag changes nothing and \
            suggests it does (Docker docs, "Build checks"). `docker build --check` reports it as `RedundantTargetPlatform`; the message \
            is BuildKit's. `# check=skip=RedundantTargetPlatform` turns it off for a file, \
            `# check=error=true` makes it an error. Before PL213 existed, PL210 reported this check.
            """,
        fix: "Drop `--platform=$TARGETPLATFORM`.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM ↓--platform=$TARGETPLATFORM alpine:3.20\nUSER 65532\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM alpine:3.20\nUSER 65532\n"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let checks = dockerfile.checkDirective
        guard !checks.skips(.redundantTargetPlatform) else { return }
        let file = dockerfile.dockerfile
        for stage in file.stages {
            guard let platform = file.instructions[stage.fromIndex].from?.platform, let value = platform.value,
                  value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" else { continue }
            emitter.emit(
                .redundantTargetPlatform, path: dockerfile.path, span: platform.span,
                severity: checks.severity(of: .redundantTargetPlatform))
        }
    }
}

extension String {
    fileprivate static let redundantTargetPlatform =
        "setting platform to predefined '$TARGETPLATFORM' in FROM is redundant as this is the default behavior (RedundantTargetPlatform)"
}
