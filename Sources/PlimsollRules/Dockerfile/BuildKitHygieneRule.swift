import DockerfileSyntax
import PlimsollCore

/// BuildKit's own build checks that matter here, plus the image's runtime user.
struct BuildKitHygieneRule: Rule {
    static let description = RuleDescription(
        id: "PL210",
        name: "buildkit-hygiene",
        title: "BuildKit Build Checks and Runtime User",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "One finding per failed check: `FROM … as` casing differs from `FROM` (FromAsCasing), `CMD` or "
            + "`ENTRYPOINT` in shell form (JSONArgsRecommended), `FROM --platform=$TARGETPLATFORM` "
            + "(RedundantTargetPlatform), or the final stage runs as root (no `USER`, or `USER root`/`0`).",
        rationale: """
            These are the checks `docker build --check` runs (F18) that Plimsoll can see statically; the \
            messages carry BuildKit's check names, so they can be looked up in BuildKit's docs. Where \
            `docker build --check` is available, run it too: it knows checks Plimsoll does not.

            - **FromAsCasing**: mixed `FROM … as` reads as a typo and BuildKit flags it.
            - **JSONArgsRecommended**: a shell-form `CMD`/`ENTRYPOINT` runs under `/bin/sh -c`, which does not \
            forward `SIGTERM`, so `docker stop` waits 10 s and kills the process.
            - **RedundantTargetPlatform**: `$TARGETPLATFORM` is already the default platform of a stage.
            - **Root user**: a final stage without `USER` (or with `USER root`/`0`) runs the service as root; a \
            container escape then starts with root. Bases that set a non-root user themselves \
            (distroless `:nonroot`, Chainguard) and `USER` set in an earlier stage the final one builds on \
            count as non-root.
            """,
        fix: "Match the `AS` casing to `FROM`, write `CMD [\"executable\", \"arg\"]`, drop "
            + "`--platform=$TARGETPLATFORM`, and add `USER <non-root uid>` to the final stage.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM golang:1.23 ↓as build\nFROM alpine:3.20\nUSER 65532\n"),
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nUSER node\nCMD ↓node server.js\n"),
            RuleExample(
                "src/docker/Dockerfile", "FROM ↓--platform=$TARGETPLATFORM alpine:3.20\nUSER 65532\n"),
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
                caption: "consistent lowercase, and a USER inherited from the stage it builds on"),
            RuleExample(
                "src/docker/Dockerfile", "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
                caption: "a base that already runs as non-root"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        let path = dockerfile.path
        for instruction in file.instructions {
            switch instruction.kind {
            case .from:
                guard let from = instruction.from else { continue }
                if let asKeyword = from.asKeyword, Self.isUpper(instruction.keyword) != Self.isUpper(asKeyword.value) {
                    emitter.emit(.fromAsCasing(as: asKeyword.value, from: instruction.keyword), path: path, span: asKeyword.span)
                }
                if let platform = from.platform, let value = platform.value,
                   value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" {
                    emitter.emit(.redundantTargetPlatform, path: path, span: platform.span)
                }
            case .cmd, .entrypoint:
                if case .shell(let argument)? = instruction.command {
                    emitter.emit(.jsonArgs(instruction.kind.description), path: path, span: argument.span)
                }
            default:
                continue
            }
        }
        checkUser(dockerfile, emitter: &emitter)
    }

    private func checkUser(_ dockerfile: DockerfileFile, emitter: inout FindingEmitter) {
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

    static func isUpper(_ text: String) -> Bool { text == text.uppercased() }
}

extension String {
    fileprivate static func fromAsCasing(as asKeyword: String, from: String) -> String {
        "'\(asKeyword)' and '\(from)' keywords' casing do not match (FromAsCasing)"
    }

    fileprivate static func jsonArgs(_ keyword: String) -> String {
        "JSON arguments recommended for \(keyword) to prevent unintended behavior related to OS signals (JSONArgsRecommended)"
    }

    fileprivate static let redundantTargetPlatform =
        "setting platform to predefined '$TARGETPLATFORM' in FROM is redundant as this is the default behavior (RedundantTargetPlatform)"

    fileprivate static let noUser = "the final stage sets no 'USER', so the container runs as root"

    fileprivate static func rootUser(_ user: String) -> String {
        "the final stage runs as '\(user)', which is root"
    }
}
