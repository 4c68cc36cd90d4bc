import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// A base image that exists for one architecture only makes every variant of a multi-arch build that architecture.
struct SingleArchBaseRule: Rule {
    static let description = RuleDescription(
        id: "PL201",
        name: "single-arch-base",
        title: "Base Image Pinned to One Architecture",
        family: .dockerfile,
        defaultSeverity: .error,
        summary: "A `FROM` names a per-architecture Docker Hub namespace (`amd64/…`, `arm64v8/…`) or a constant "
            + "`--platform` (`--platform=linux/amd64`).",
        rationale: """
            CI builds the image for every platform in `platforms:` from the same Dockerfile (Docker docs, "Multi-platform builds"). A base \
            from `amd64/node` or a `FROM --platform=linux/amd64` stage is the same amd64 image in every variant: \
            the arm64 image then holds amd64 binaries and fails with "exec format error" on an arm64 host, or \
            the stage silently runs under QEMU. BuildKit reports the flag form as `FromPlatformFlagConstDisallowed` \
            (Docker docs, "Build checks").

            Per-architecture stages that a later `FROM build_${TARGETARCH}` or `COPY --from=build_$TARGETARCH` \
            picks by the target are the documented way to special-case one architecture, so they do not fire. \
            Nor does a constant platform in a stage that the default target needs only when it is built for \
            that same architecture (BuildKit builds only the stages a target reaches, with `FROM ${FLAVOR}` and \
            `ARG FLAVOR=${TARGETARCH}` evaluated per target), or in a stage whose name contains the platform's OS \
            or architecture, which BuildKit's check skips too. A stage that only holds files (built from \
            `scratch`, no `RUN` in it or in a stage built `FROM` it) runs nothing on its platform and does not \
            fire. `# check=skip=FromPlatformFlagConstDisallowed` turns the constant-platform finding off for \
            a file and `# check=error=true` makes it an error, as in `docker build --check`.

            A Dockerfile written for one architecture — `Dockerfile.aarch64` beside `Dockerfile`, an `amd64/` \
            or `arm64v8/` folder, or a base image tagged for one (`…:arm64v8-3.23`) — is built for that \
            architecture only, so naming it inside is not reported (a base image's tag counts only in a stage \
            that runs on the target: not under `--platform=$BUILDPLATFORM`, where `rust-musl:x86_64-musl` is a \
            cross toolchain, nor in a stage picked per target by `FROM build_${TARGETARCH}`). Instead one warning per repository, at \
            the first such file, says that the standard builds one multi-arch Dockerfile; none when a workflow \
            builds a per-architecture Dockerfile for exactly its own platform. A Windows Dockerfile (a base \
            from `mcr.microsoft.com/windows/…`, a `servercore` or `nanoserver` image, or `SHELL ["powershell", …]`) \
            can only be built for windows/amd64, the one platform those images exist for: it may name amd64 \
            and is not counted among the per-architecture copies.
            """,
        fix: "Use the multi-arch image (`node:22-alpine`), and `--platform=$BUILDPLATFORM` for stages that "
            + "cross-compile.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM ↓amd64/node:22-alpine\nUSER node\n", caption: "a per-arch namespace"),
            RuleExample(
                "src/docker/Dockerfile", "FROM ↓--platform=linux/amd64 golang:1.23 AS build\nRUN go version\n"
                    + "FROM alpine:3.20\nUSER 65532\n", caption: "a constant platform"),
            RuleExample(
                "src/docker/Dockerfile", "FROM docker.io/↓arm64v8/alpine:3.20\nUSER 65532\n",
                caption: "a namespace after the registry"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETARCH\n"
                    + "RUN GOARCH=$TARGETARCH go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n"
                    + "USER 65532\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n"
                    + "FROM build_${TARGETARCH}\nUSER 65532\n",
                caption: "per-arch stages selected by the target architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "ARG FLAVOR=${TARGETARCH}\nFROM --platform=linux/arm64 nvcr.io/nvidia/l4t-jetpack:r36.4.0 AS jetpack\n"
                    + "RUN make\nFROM scratch AS amd64\nCOPY app /app\nFROM scratch AS arm64\n"
                    + "COPY --from=jetpack /out /lib\nFROM ${FLAVOR}\nUSER 65532\n",
                caption: "a stage only an arm64 build of the image needs"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM ghcr.io/blackdex/rust-musl:x86_64-musl-stable-1.97.1 AS build_amd64\n"
                    + "FROM --platform=$BUILDPLATFORM ghcr.io/blackdex/rust-musl:aarch64-musl-stable-1.97.1 AS build_arm64\n"
                    + "FROM --platform=$BUILDPLATFORM build_${TARGETARCH} AS build\nRUN cargo build --release\n"
                    + "FROM alpine:3.20\nCOPY --from=build /app/target/final/app /app\nUSER 65532\n",
                caption: "cross toolchains tagged per target, picked by $TARGETARCH"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        let perArch = dockerfile.perArchStages
        let graph = dockerfile.stageGraph
        // A Dockerfile written for one architecture: naming that architecture is its purpose, and the
        // repository hears once that the standard builds one multi-arch Dockerfile instead.
        let variant = repository.perArchDockerfiles[dockerfile.path]
        let fileArch = variant?.arch
        if let variant, !variant.onlyPlatform { reportPerArchDockerfiles(dockerfile, in: repository, emitter: &emitter) }
        for stage in file.stages where !perArch.contains(stage.index) {
            guard let from = file.instructions[stage.fromIndex].from else { continue }
            if let platform = from.platform, let value = platform.value, !value.containsByte(UInt8(ascii: "$")), !value.isEmpty,
               !dockerfile.checkDirective.skips(.fromPlatformFlagConstDisallowed), !Self.namesPlatform(stage.name, value),
               !graph.isFileOnly(stage.index), DockerfileStageGraph.platformArch(value) != fileArch || fileArch == nil,
               !Self.neededOnlyFor(value, stage: stage.index, graph: graph) {
                emitter.emit(
                    .constantPlatform(value), path: dockerfile.path, span: platform.span,
                    severity: dockerfile.checkDirective.severity(of: .fromPlatformFlagConstDisallowed),
                    notes: ["use --platform=$BUILDPLATFORM to cross-compile, or drop the flag"])
            }
            // A namespace needs a `/` (no other Character equals one), and most bases have none.
            guard stage.baseStageIndex == nil, stage.baseImage.containsByte(UInt8(ascii: "/")),
                  !stage.baseImage.containsByte(UInt8(ascii: "$")) else { continue }
            let components = stage.baseImage.split(separator: "/", omittingEmptySubsequences: false)
            // `amd64/node`, or `docker.io/amd64/node`.
            var namespaceIndex = 0
            if components.count > 2, components[0].contains(".") || components[0].contains(":") { namespaceIndex = 1 }
            guard components.count > namespaceIndex + 1 else { continue }
            let namespace = String(components[namespaceIndex])
            guard DockerfileArch.archNamespaces.contains(namespace.lowercased()),
                  fileArch == nil || PerArchDockerfiles.names[namespace.lowercased()] != fileArch else { continue }
            let offset = components[..<namespaceIndex].reduce(0) { $0 + $1.utf8.count + 1 }
            let start = from.image.byteRange.lowerBound + offset
            emitter.emit(
                .archNamespace(namespace, image: stage.baseImage), in: dockerfile.source,
                bytes: start..<(start + namespace.utf8.count),
                notes: ["use the multi-arch image '\(components[(namespaceIndex + 1)...].joined(separator: "/"))'"])
        }
    }

    /// One warning per repository, at the first of its per-architecture Dockerfiles (by path), unless a workflow
    /// builds one of them for exactly its own platform.
    private func reportPerArchDockerfiles(_ dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        // A Windows Dockerfile could not be merged into a Linux multi-arch one: it is not one of the copies.
        let variants = repository.perArchDockerfiles.values.filter { !$0.onlyPlatform }.sorted { $0.path < $1.path }
        guard let first = variants.first, first.path == dockerfile.path,
              let final = dockerfile.dockerfile.stages.last,
              !variants.contains(where: { PerArchDockerfiles.builtForItsPlatform($0, in: repository) }) else { return }
        let others = variants.dropFirst().map { "'\($0.path)' (\($0.arch): \($0.evidence))" }
        emitter.emit(
            .perArchDockerfiles(first.path, arch: first.arch, evidence: first.evidence, others: variants.count - 1),
            path: dockerfile.path, span: final.baseImageSpan, severity: .warning,
            notes: (others.isEmpty ? [] : ["the others: " + others.joined(separator: ", ")]) + [
                "one Dockerfile built with 'platforms: linux/amd64,linux/arm64' gives one image index whose variants "
                    + "hold the same software from the same instructions; per-architecture copies drift apart and "
                    + "their manifests are merged by hand (Docker docs, 'Multi-platform builds')",
                "keep one Dockerfile and select what differs with $TARGETARCH (declare 'ARG TARGETARCH' in the stage)",
            ])
    }

    /// BuildKit's FromPlatformFlagConstDisallowed is not reported when the stage name contains the platform's
    /// OS or architecture (dockerfile2llb `reportConstPlatformDisallowed`: `strings.Contains(stageName, p.OS)
    /// || strings.Contains(stageName, p.Architecture)`, on the normalized platform).
    static func namesPlatform(_ stageName: String?, _ platform: String) -> Bool {
        guard let stageName, let arch = DockerfileStageGraph.platformArch(platform) else { return false }
        let os = platform.lowercased().split(separator: "/").first.map(String.init) ?? ""
        return (!os.isEmpty && stageName.contains(os)) || stageName.contains(arch)
    }

    /// The default target needs the stage only when it is built for the platform's own architecture.
    static func neededOnlyFor(_ platform: String, stage: Int, graph: DockerfileStageGraph) -> Bool {
        guard let arch = DockerfileStageGraph.platformArch(platform), stage < graph.reachingArches.count else { return false }
        return graph.reachingArches[stage] == [arch]
    }
}

extension String {
    fileprivate static func constantPlatform(_ platform: String) -> String {
        "stage is pinned to platform '\(platform)' whatever platform is being built (FromPlatformFlagConstDisallowed)"
    }

    fileprivate static func perArchDockerfiles(_ path: String, arch: String, evidence: String, others: Int) -> String {
        let files = others == 0 ? "a Dockerfile written for one architecture" : "one of \(others + 1) Dockerfiles written for one architecture each"
        return "'\(path)' is \(files) (\(arch): \(evidence)); "
            + "the standard builds one multi-arch Dockerfile for every platform"
    }

    fileprivate static func archNamespace(_ namespace: String, image: String) -> String {
        "base image '\(image)' comes from the single-architecture namespace '\(namespace)/'"
    }
}
