import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// The image's runtime user: a service that runs as root makes a container escape start as root.
struct FinalStageRootUserRule: Rule {
    static let description = RuleDescription(
        id: "PL210",
        name: "final-stage-root-user",
        title: "Final Stage Runs as Root",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "The final stage sets no `USER` (and neither do the stages it is built on, nor its base image "
            + "by its name), or sets `USER root` / `USER 0`.",
        rationale: """
            A final stage without `USER` (or with `USER root`/`0`) runs the service as root; a container \
            escape then starts with root, and files written to volumes belong to root. Bases that set a \
            non-root user themselves (distroless `:nonroot`, Chainguard) and a `USER` set in an earlier stage \
            the final one is built `FROM` count as non-root. A `scratch` image that only holds files is not \
            reported.

            PL210 used to be "BuildKit Build Checks and Runtime User" and also reported three of BuildKit's \
            checks; each has its own rule now, with BuildKit's name: FromAsCasing is PL211, \
            JSONArgsRecommended PL212, RedundantTargetPlatform PL213. A `rules: {PL210: off}` that meant those \
            needs their new IDs.
            """,
        fix: "Add `USER <non-root uid>` (for example `USER 65532:65532`) to the final stage.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "↓FROM alpine:3.20\nENTRYPOINT [\"/app\"]\n", caption: "no USER"),
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\nUSER ↓root\nENTRYPOINT [\"/app\"]\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23 AS build\nFROM alpine:3.20\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\nCMD [\"--help\"]\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "from alpine:3.20 as base\nuser app\nFROM base\nCMD [\"sh\"]\n",
                caption: "a USER inherited from the stage it builds on"),
            RuleExample(
                "src/docker/Dockerfile", "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
                caption: "a base that already runs as non-root"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        guard let final = file.stages.last else { return }
        var current: Stage? = final
        var seen: Set<Int> = []
        while let stage = current, !seen.contains(stage.index) {
            seen.insert(stage.index)
            let user = stage.instructionIndices.reversed().lazy.map { file.instructions[$0] }.first { $0.kind == .user }
            if let user, let argument = user.singleArgument {
                let name = argument.value.split(separator: ":").first.map(String.init) ?? argument.value
                if name == "root" || name == "0" {
                    emitter.emit(.rootUser(argument.value), path: dockerfile.path, span: argument.span)
                }
                return
            }
            if let base = stage.baseStageIndex {
                current = file.stages[base]
                continue
            }
            let image = stage.baseImage.lowercased()
            if image.contains("nonroot") || image.hasPrefix("cgr.dev/chainguard/") || image.contains("$") { return }
            if stage.baseImage.lowercased() == "scratch", final.instructionIndices.count == 1 { return }
            emitter.emit(.noUser, path: dockerfile.path, span: file.instructions[final.fromIndex].keywordSpan)
            return
        }
    }
}

extension String {
    fileprivate static let noUser = "the final stage sets no 'USER', so the container runs as root"

    fileprivate static func rootUser(_ user: String) -> String {
        "the final stage runs as '\(user)', which is root"
    }
}
