import DockerfileSyntax
import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A build that runs RUN for a foreign architecture sets up QEMU first.
struct QEMUMissingRule: Rule {
    static let description = RuleDescription(
        id: "PL304",
        name: "qemu-missing",
        title: "QEMU Missing for an Emulated Build",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "A build for a platform other than the runner's runs RUN in a target-platform stage on a builder "
            + "without emulators (the docker driver, or the containerd image store), and no earlier step of the job "
            + "sets up QEMU.",
        rationale: """
            A RUN instruction executes programs of the target platform. On an amd64 runner, an arm64 stage's \
            RUN fails with "exec format error" unless an emulator runs it. A `docker-container` builder \
            (`docker/setup-buildx-action`'s default) runs the official BuildKit image, which bundles QEMU \
            user-mode emulators and uses them by itself (BuildKit docs, "Building multi-platform images"), so \
            it is not reported. Docker Engine's own builder (the `docker` driver, with the containerd image \
            store for several platforms) has none: QEMU's binfmt handlers must be registered first, which is \
            what `docker/setup-qemu-action` does (setup-qemu-action README, moby#48987). Stages built \
            `FROM --platform=$BUILDPLATFORM` run on the runner's own architecture and cross-compile, so a \
            Dockerfile whose RUN instructions are all in such stages needs no QEMU. Plimsoll reads the \
            Dockerfile the build names (`context` and `file`, or `-f` and the context argument), follows the \
            stages the target needs (`FROM stage`, `COPY --from`, `RUN --mount=from=`), and looks for \
            `docker/setup-qemu-action` or a `tonistiigi/binfmt` / `qemu-user-static` command before the \
            build. A runner whose labels name an arm architecture (`ubuntu-24.04-arm`) is arm64; others are \
            amd64; `runs-on` computed from the matrix is not judged. A Dockerfile that is not in the \
            repository cannot be read and is not reported.
            """,
        fix: "Add `- uses: docker/setup-qemu-action@v4` before the build, or cross-compile in a "
            + "`FROM --platform=$BUILDPLATFORM` stage, or build each platform on a native runner.",
        triggeringExamples: [
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/setup-docker-action@v4\n        with:\n"
                            + "          daemon-config: '{\"features\": {\"containerd-snapshotter\": true}}'\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                            + "          platforms: linux/amd64,↓linux/arm64\n"
                    ),
                    ("Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
                ],
                caption: "arm64 RUN on an amd64 runner, with Docker Engine's containerd store and no emulator"),
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/setup-docker-action@v4\n        with:\n"
                            + "          daemon-config: '{\"features\": {\"containerd-snapshotter\": true}}'\n"
                            + "      - run: docker buildx build --push --platform linux/amd64,↓linux/arm64 "
                            + "-f src/docker/Dockerfile .\n"
                    ),
                    (
                        "src/docker/Dockerfile",
                        "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN go build -o /app .\n"
                            + "FROM debian:12\nRUN apt-get update\nCOPY --from=build /app /app\n"
                    ),
                ],
                caption: "the runtime stage still runs RUN for the target platform"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/setup-buildx-action@v4\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                            + "          file: src/docker/Dockerfile\n          platforms: linux/amd64,linux/arm64\n"
                    ),
                    (
                        "src/docker/Dockerfile",
                        "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETARCH\n"
                            + "RUN GOARCH=$TARGETARCH go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n"
                    ),
                ],
                caption: "every RUN is in a `$BUILDPLATFORM` stage"),
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-24.04-arm\n    steps:\n"
                            + "      - uses: docker/setup-buildx-action@v4\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                            + "          platforms: linux/arm64\n"
                    ),
                    ("Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
                ],
                caption: "a native arm runner building arm64 only"),
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/setup-buildx-action@v4\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                            + "          platforms: linux/amd64,linux/arm64\n"
                    ),
                    ("Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
                ],
                caption: "a docker-container builder, whose BuildKit image bundles QEMU emulators"),
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/setup-qemu-action@v4\n      - uses: docker/setup-buildx-action@v4\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                            + "          platforms: linux/amd64,linux/arm64\n"
                    ),
                    ("Dockerfile", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"),
                ]),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        for facts in workflow.buildFacts {
            guard facts.isBuild, let runner = facts.runnerArch, !facts.hasEarlierQEMU(in: repository),
                !facts.hasEarlierBundledEmulators(in: repository)
            else { continue }
            let foreign: (text: String, span: SourceSpan)
            switch facts.platforms {
            case .literal(let items):
                guard let item = items.first(where: { BuildPlatform($0.text).map { !$0.isNative(on: runner) } ?? false })
                else { continue }
                foreign = (item.text, item.span)
            case .matrix(_, _, let span):
                let platforms = facts.platforms.texts ?? []
                guard let value = platforms.first(where: { BuildPlatform($0).map { !$0.isNative(on: runner) } ?? false })
                else { continue }
                foreign = (value, span)
            case .absent, .unknown:
                continue
            }
            guard let dockerfile = facts.dockerfile(in: repository),
                let (stage, run) = BuildStages.emulatedRuns(in: dockerfile.dockerfile, target: facts.target).first
            else { continue }
            let stageName = stage.name.map { "stage '\($0)'" } ?? "stage \(stage.index)"
            emitter.emit(
                .noQEMU(foreign.text, runner: runner), path: workflow.path, span: foreign.span,
                notes: [
                    "RUN at \(dockerfile.path):\(run.startLine) (\(stageName)) runs for the target platform",
                    "add `- uses: docker/setup-qemu-action@v4` before the build",
                ])
        }
    }
}

extension String {
    fileprivate static func noQEMU(_ platform: String, runner: String) -> String {
        "'\(platform)' is emulated on the \(runner) runner, but no step before the build sets up QEMU"
    }
}
