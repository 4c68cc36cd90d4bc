import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// Compiling under QEMU for every foreign platform is the slow part of a multi-arch build.
struct EmulatedCompileRule: Rule {
    static let description = RuleDescription(
        id: "PL205",
        name: "emulated-compile",
        title: "Compile Stage Runs Under Emulation",
        family: .dockerfile,
        defaultSeverity: .note,
        summary: "With two or more platforms configured, a build stage that compiles (`go build`, `cargo build`, "
            + "`npm run build`, `mvn package`…) has no `--platform=$BUILDPLATFORM`, so it runs once per platform, "
            + "under QEMU for the foreign ones.",
        rationale: """
            The standard's backlog asks to "optimize GitHub Actions for multi-architecture builds". A stage \
            without `--platform` runs for each target platform; on an amd64 runner the arm64 run goes through \
            QEMU, which Docker calls "much slower" (Docker docs, "Multi-platform builds"; Dockerfile reference, "Automatic platform ARGs in the global scope") — builds of ten minutes and more are common for \
            Rust, Go with CGO, and front-end bundlers. Running the stage on `$BUILDPLATFORM` and \
            cross-compiling (Go, Rust, .NET) or building architecture-independent output once (SPA assets, \
            jars) removes the emulation.

            A stage built `FROM` a `--platform=$BUILDPLATFORM` stage runs on the build machine too (BuildKit: \
            a stage inherits its parent's platform). The final stage, the stages it is built `FROM`, and stages whose `node_modules`, virtualenv or \
            wheels are copied into the runtime image need the target architecture and do not fire. Nothing \
            fires when the policy builds a single platform.
            """,
        fix: "Add `--platform=$BUILDPLATFORM` to the stage's `FROM` and cross-compile with `$TARGETOS`/`$TARGETARCH` "
            + "(see PL204), or build architecture-independent output once.",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23 AS build\nARG TARGETARCH\nCOPY . .\nRUN ↓go build -o /out/app .\n"
                    + "FROM alpine:3.20\nCOPY --from=build /out/app /app\nUSER 65532\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine AS assets\nCOPY . .\nRUN npm ci && ↓npm run build\n"
                    + "FROM nginx:1.27-alpine\nCOPY --from=assets /app/dist /usr/share/nginx/html\n",
                caption: "SPA assets can be built once, on the build platform"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nCOPY . .\n"
                    + "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n"
                    + "FROM alpine:3.20\nCOPY --from=build /out/app /app\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine AS deps\nCOPY package*.json ./\nRUN npm ci && npm run build\n"
                    + "FROM node:22-alpine\nCOPY --from=deps /node_modules ./node_modules\n",
                caption: "native node_modules go into the runtime image"),
            RuleExample(
                "src/docker/Dockerfile", "FROM golang:1.23\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
                caption: "the final stage itself"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nARG TARGETOS TARGETARCH\n"
                    + "FROM base AS build\nCOPY . .\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n"
                    + "FROM alpine:3.20\nCOPY --from=build /out/app /app\n",
                caption: "built FROM a stage on the build platform"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard repository.policy.platforms.count >= 2 else { return }
        let file = dockerfile.dockerfile
        guard let final = file.stages.last else { return }
        var runtime: Set<Int> = []
        var current: Int? = final.index
        while let index = current, !runtime.contains(index) {
            runtime.insert(index)
            current = file.stages[index].baseStageIndex
        }
        // Stages whose installed dependencies (not only build output) end up in another stage.
        var dependencyStages: Set<String> = []
        for index in file.instructions.indices {
            // `copy.from` is the --from flag: test for it before building the whole CopyInstruction.
            let kind = file.instructions[index].kind
            guard kind == .copy || kind == .add, file.instructions[index].flag("from") != nil,
                  let copy = file.instructions[index].copy, let from = copy.from?.value?.lowercased() else { continue }
            let paths = copy.sources.map { $0.value.lowercased() }
            if paths.contains(where: { path in
                ["node_modules", "site-packages", "venv", "wheels", ".whl", "/usr/local/lib/python", "/root/.cache"]
                    .contains { path.containsText($0) }
            }) {
                dependencyStages.insert(from)
            }
        }
        for stage in file.stages where !runtime.contains(stage.index) {
            // The platform of the stage's lineage: a stage built FROM a $BUILDPLATFORM stage runs there too.
            if let platform = dockerfile.stageGraph.effectivePlatform(of: stage.index),
               !platform.containsText("TARGETPLATFORM") { continue }
            if let name = stage.name?.lowercased(), dependencyStages.contains(name) { continue }
            if dependencyStages.contains(String(stage.index)) { continue }
            // The first compile step only: stop at the instruction that has one.
            var first: DockerfileCompileStep?
            for index in stage.instructionIndices {
                first = DockerfileCompileStep.all(
                    in: dockerfile.shellCommands(ofInstructionAt: index), makefile: repository.makefile).first
                if first != nil { break }
            }
            guard let step = first else { continue }
            emitter.emit(
                .emulated(step.label, stage: stage.name ?? "#\(stage.index)", platforms: repository.policy.platforms.count),
                in: dockerfile.source, bytes: step.word.range,
                notes: ["add --platform=$BUILDPLATFORM to the stage's FROM and cross-compile for $TARGETARCH"])
        }
    }
}

extension String {
    fileprivate static func emulated(_ command: String, stage: String, platforms: Int) -> String {
        "'\(command)' in stage '\(stage)' runs once per platform (\(platforms)), under emulation for foreign ones"
    }
}
