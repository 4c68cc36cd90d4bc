import PlimsollCore
import RepositoryModel
import ShellSyntax

/// The local build script builds one image, for the developer's own machine.
struct LocalBuildSingleArchRule: Rule {
    static let description = RuleDescription(
        id: "PL103",
        name: "local-build-single-arch",
        title: "Local Build Is a Single-Arch docker build",
        family: .structure,
        defaultSeverity: .warning,
        summary: "The local build script runs no `docker build`, builds several platforms, forces one constant "
            + "platform, or runs `buildx build` without `--load`.",
        rationale: """
            The standard splits the work: `docker-build.sh` builds a single image for the architecture of the \
            machine it runs on, and CI builds and pushes the multi-arch image. A local multi-platform build \
            cannot be loaded into the local image store with the classic builder ("docker exporter does not \
            currently support exporting manifest lists") and takes minutes under QEMU. A constant \
            `--platform linux/amd64` makes every Apple-silicon laptop emulate x86. And `docker buildx build` \
            with a `docker-container` builder leaves the result in the build cache unless `--load` is given, \
            so `docker run` afterwards finds nothing or an old image.

            A `--platform` computed at run time (`--platform "linux/$(uname -m)"`) is fine, and so is a build \
            that writes to a file with `--output`.
            """,
        fix: "Run `docker build` (or `docker buildx build --load`) with no `--platform`, or one computed from `uname -m`.",
        triggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\ndocker buildx build ↓--platform linux/amd64,linux/arm64 --load -t app src/docker\n",
                executable: true, caption: "a multi-platform local build"),
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker build ↓--platform=linux/amd64 -t app src/docker\n",
                executable: true, caption: "a constant platform forces emulation on other machines"),
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker ↓buildx build -t app src/docker\n", executable: true,
                caption: "`buildx build` without `--load`"),
            RuleExample(
                "src/docker/docker-build.sh", "↓#!/bin/sh\n# docker build -t app src/docker\necho docker build\n",
                executable: true, caption: "a comment and an echo are not a build"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/usr/bin/env bash\nset -euo pipefail\ndocker build -f src/docker/Dockerfile -t app .\n",
                executable: true),
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\ndocker buildx build --load --platform \"linux/$(uname -m)\" -t app src/docker\n",
                executable: true, caption: "a platform computed on the developer's machine"),
        ]
    )

    func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter) {
        let builds = script.dockerCommands.filter { if case .build = $0.kind { true } else { false } }
        if builds.isEmpty {
            // Only the layout's own script must build; helper scripts next to it need not.
            if script.path == repository.policy.layout.buildScriptPath {
                emitter.emit(.noBuild(script.path), in: script.source, bytes: script.source.lineByteRange(1))
            }
            return
        }
        for build in builds {
            for platform in build.options("--platform") {
                let span = platform.word.range.lowerBound..<(platform.value ?? platform.word).range.upperBound
                guard let text = platform.text, !(platform.value ?? platform.word).hasExpansion else { continue }
                if text.contains(",") {
                    emitter.emit(
                        .multiPlatform(text), in: script.source, bytes: span,
                        notes: ["CI builds the multi-arch image; build only the host's platform locally"])
                } else {
                    emitter.emit(
                        .constantPlatform(text), in: script.source, bytes: span,
                        notes: ["drop --platform, or compute it: --platform \"linux/$(uname -m)\""])
                }
            }
            if build.kind == .build(buildx: true), !build.has("--load", "--push", "--output") {
                emitter.emit(.noLoad, in: script.source, bytes: build.verbRange, notes: ["add --load"])
            }
        }
    }
}

extension String {
    fileprivate static func noBuild(_ path: String) -> String {
        "'\(path)' never runs 'docker build'"
    }

    fileprivate static func multiPlatform(_ platforms: String) -> String {
        "the local build targets several platforms ('\(platforms)')"
    }

    fileprivate static func constantPlatform(_ platform: String) -> String {
        "the local build forces platform '\(platform)' on every machine"
    }

    fileprivate static let noLoad = "'buildx build' without '--load' leaves the image in the build cache"
}
