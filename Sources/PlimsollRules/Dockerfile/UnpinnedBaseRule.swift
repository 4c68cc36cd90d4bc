import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// A base image without a tag is whatever `latest` is on the day of the build.
struct UnpinnedBaseRule: Rule {
    static let description = RuleDescription(
        id: "PL208",
        name: "unpinned-base",
        title: "Unpinned Base Image",
        family: .dockerfile,
        defaultSeverity: .warning,
        summary: "A `FROM` names an image with no tag or with `:latest`, and no digest.",
        rationale: """
            `FROM node` means `node:latest`: each build may get a new major version of the base, so two builds \
            of the same commit differ, and a rebuild can break for reasons no commit explains. That defeats the \
            point of the immutable `sha` tags the standard publishes (OCI image spec, "Annotations"; Docker CLI reference, "docker buildx imagetools create"). Pin at least a major version \
            (`node:22-alpine`), or a digest for full reproducibility.

            `scratch`, references to earlier stages and bases chosen by an `ARG` (`FROM ${BASE_IMAGE}`) do not \
            fire: the ARG's default is the place to pin those. Nor does an image the repository builds itself: \
            a Compose service's `image:` name when the service also has `build:` (Compose builds and tags it), \
            or a `docker build -t NAME` in its scripts or workflow steps; such a base comes from the local \
            image store and is never pulled.
            """,
        fix: "Name a version tag (`python:3.12-slim`), optionally with its digest (`python:3.12-slim@sha256:…`).",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM ↓node\nUSER node\n", caption: "no tag"),
            RuleExample("src/docker/Dockerfile", "FROM ghcr.io/example/base:↓latest AS base\nFROM base\n", caption: "`:latest`"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\n",
                caption: "a tag, a stage reference and scratch"),
            RuleExample(
                "src/docker/Dockerfile",
                "ARG BASE_IMAGE=alpine:3.20\nFROM ${BASE_IMAGE}\nFROM alpine@sha256:"
                    + String(repeating: "a", count: 64) + "\n",
                caption: "an ARG-parameterized base and a digest"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\nUSER 65532\n"),
                    ("tests/docker-compose.yml",
                     "services:\n  prebuilt:\n    image: app_prebuilt\n    build:\n      context: ../src/docker\n"
                        + "  app:\n    build:\n      context: app\n"),
                    ("tests/app/Dockerfile", "FROM app_prebuilt AS prebuilt\nFROM node:22\nCOPY --from=prebuilt /app /app\n"),
                ],
                caption: "an image a Compose file in the repository builds"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        // Read only when some base would be reported: most Dockerfiles pin every base.
        var localImages: Set<String>?
        for stage in file.stages where stage.baseStageIndex == nil && !stage.baseImage.containsByte(UInt8(ascii: "$")) {
            guard stage.baseImage.lowercased() != "scratch", let from = file.instructions[stage.fromIndex].from,
                  case .success(let reference) = ImageReference.parse(stage.baseImage), reference.digest == nil,
                  reference.tag == nil || reference.tag == "latest"
            else { continue }
            // An image the repository builds itself is taken from the local image store, never pulled.
            let local = localImages ?? LocalImages.names(in: repository)
            localImages = local
            if local.contains(reference.name) { continue }
            if reference.tag == nil {
                emitter.emit(.noTag(stage.baseImage), path: dockerfile.path, span: from.image.span)
            } else if reference.tag == "latest" {
                let end = from.image.byteRange.upperBound
                emitter.emit(.latest(stage.baseImage), in: dockerfile.source, bytes: (end - "latest".utf8.count)..<end)
            }
        }
    }
}

extension String {
    fileprivate static func noTag(_ image: String) -> String {
        "base image '\(image)' has no tag, so every build takes whatever 'latest' is that day"
    }

    fileprivate static func latest(_ image: String) -> String {
        "base image '\(image)' is pinned to 'latest', which moves"
    }
}
