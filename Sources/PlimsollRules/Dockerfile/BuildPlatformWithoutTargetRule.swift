import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// A stage that runs on the build machine must be told which platform it compiles for.
struct BuildPlatformWithoutTargetRule: Rule {
    static let description = RuleDescription(
        id: "PL204",
        name: "build-platform-without-target",
        title: "BUILDPLATFORM Stage Compiles With No Target",
        family: .dockerfile,
        defaultSeverity: .error,
        summary: "A `FROM --platform=$BUILDPLATFORM` stage compiles native code (`go build`, `cargo build`, `gcc`, "
            + "`pip wheel`, a `make` target whose recipe does…) but never uses `TARGETOS`, `TARGETARCH`, "
            + "`TARGETPLATFORM` or `TARGETVARIANT`.",
        rationale: """
            `--platform=$BUILDPLATFORM` runs the stage natively on the builder, which is the fast way to build \
            multi-arch images (Dockerfile reference, "Automatic platform ARGs in the global scope") — but only if the compiler is told the target. Without `GOARCH=$TARGETARCH`, \
            `--target`, an `xx-` wrapper or a cross toolchain picked from `$TARGETPLATFORM`, the stage produces \
            the builder's architecture once, and BuildKit copies that same binary into every variant: the arm64 \
            image holds an amd64 program.

            A stage built `FROM` such a stage runs on the build machine too, and the `ARG TARGETARCH` of the \
            stage it is built on reaches it (BuildKit: a stage inherits its parent's platform and arguments). \
            When the image the Dockerfile builds by default runs on the build machine itself (a lint or test \
            Dockerfile whose last stage is on `$BUILDPLATFORM`), the tools it compiles are for that machine, \
            and the stages it needs do not fire.

            Stages whose output does not depend on the architecture — SPA assets from `npm run build`, jars, \
            .NET IL — are fine on `$BUILDPLATFORM` and do not fire. `make <target>` is what the target's recipe \
            in the repository's Makefile runs (`build-js: cd ui && yarn build` is SPA assets); when that recipe \
            cannot be read (no Makefile at the root, no rule for the target, `make -C dir`, sources fetched in \
            the same `RUN`), `make` counts as a native compile only when the `RUN` shows a C toolchain \
            (`./configure`, `cmake`, `CC=…`, `gcc` or `build-essential` installed). A command that pins the target to a constant \
            (`GOARCH=amd64`) is reported by PL202 instead.
            """,
        fix: "Declare `ARG TARGETOS TARGETARCH` in the stage and pass them to the compiler "
            + "(`GOOS=$TARGETOS GOARCH=$TARGETARCH go build`, `cargo build --target …`, `xx-cargo`).",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\n"
                    + "RUN CGO_ENABLED=0 ↓go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n",
                caption: "go build without GOOS/GOARCH"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=${BUILDPLATFORM} rust:1.82 AS build\nCOPY . .\nRUN ↓cargo build --release\n"
                    + "FROM debian:12-slim\nCOPY --from=build /target/release/app /app\n"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY . /src\nRUN cd /src && ↓make app\n"
                        + "FROM alpine:3.20\nCOPY --from=build /src/bin/app /app\n"),
                    ("Makefile", "GO ?= go\n\napp: generate\n\t$(GO) build -o bin/app .\n\ngenerate:\n\t$(GO) generate ./...\n"),
                ],
                caption: "a Makefile target whose recipe runs `go build`"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM debian:12 AS build\nCOPY . /src\n"
                    + "RUN cd /src && ./configure && ↓make\nFROM debian:12-slim\nCOPY --from=build /src/app /app\n",
                caption: "no Makefile to read, but `./configure` prepares a C build"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nCOPY . .\n"
                    + "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM node:22-alpine AS assets\nCOPY . .\nRUN npm ci && npm run build\n"
                    + "FROM nginx:1.27-alpine\nCOPY --from=assets /dist /usr/share/nginx/html\n",
                caption: "SPA assets are the same for every architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM maven:3.9-eclipse-temurin-21 AS build\nCOPY . .\nRUN mvn -B package\n",
                caption: "a jar is the same for every architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nARG TARGETOS TARGETARCH\nCOPY . .\n"
                    + "FROM base AS build\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n",
                caption: "the target ARGs come from the stage this one is built FROM"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM --platform=$BUILDPLATFORM node:24 AS ui\nCOPY . /src\nRUN cd /src && make build-js\n"
                        + "FROM nginx:1.27-alpine\nCOPY --from=ui /src/ui/build /usr/share/nginx/html\n"),
                    ("Makefile", "build-js:\n\tcd ui && yarn build\n"),
                ],
                caption: "the Makefile target builds SPA assets"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM node:24 AS ui\nCOPY . /src\nRUN cd /src && make assets\n"
                    + "FROM nginx:1.27-alpine\nCOPY --from=ui /src/dist /usr/share/nginx/html\n",
                caption: "no Makefile to read: `make` alone does not say what it builds"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        for stage in file.stages {
            // A stage built FROM another runs on that stage's platform and inherits its ARGs.
            guard let platform = dockerfile.stageGraph.effectivePlatform(of: stage.index),
                  platform.contains("BUILDPLATFORM"),
                  !dockerfile.stageGraph.neededOnlyByBuilderTarget(stage.index) else { continue }
            let instructions = DockerfileShell.instructions(of: stage, in: file)
            let lineage = DockerfileStageGraph.lineage(of: stage, in: file).flatMap { DockerfileShell.instructions(of: $0, in: file) }
            let usesTarget = lineage.contains { _, instruction in
                if instruction.argDeclarations.contains(where: { DockerfileArch.targetArgs.contains($0.name) }) {
                    return true
                }
                let text = instruction.original + instruction.heredocs.map(\.contentText).joined()
                return DockerfileArch.targetArgs.contains { text.containsText($0) }
            }
            guard !usesTarget else { continue }
            let steps = instructions.flatMap { DockerfileCompileStep.all(in: dockerfile.shellCommands(ofInstructionAt: $0.index), makefile: repository.makefile) }
            guard let step = steps.first(where: { step in
                // The command's words, and for `make` its recipe's: `GOARCH=…` in either names a target.
                step.kind == .native && !(step.command.words + step.recipeCommands.flatMap(\.words)).contains { word in
                    ["GOARCH=", "CARGO_BUILD_TARGET=", "--target", "CC=", "CROSS_"].contains { word.value.hasPrefix($0) }
                }
            }) else { continue }
            emitter.emit(
                .noTarget(step.label, stage: stage.name ?? "#\(stage.index)"), in: dockerfile.source,
                bytes: step.word.range,
                notes: ["every platform variant gets the build machine's binary; pass $TARGETOS/$TARGETARCH"])
        }
    }
}

extension String {
    fileprivate static func noTarget(_ command: String, stage: String) -> String {
        "'\(command)' in BUILDPLATFORM stage '\(stage)' never uses a TARGET* argument, so it builds for the build machine"
    }
}
