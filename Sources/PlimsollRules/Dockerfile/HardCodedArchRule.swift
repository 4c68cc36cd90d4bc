import DockerfileSyntax
import PlimsollCore
import ShellSyntax

/// A download or build step that names one architecture runs unchanged for every platform.
struct HardCodedArchRule: Rule {
    static let description = RuleDescription(
        id: "PL202",
        name: "hard-coded-arch",
        title: "Hard-Coded Architecture in RUN or ADD",
        family: .dockerfile,
        defaultSeverity: .error,
        summary: "A `RUN` command or an `ADD` URL names one architecture (`GOARCH=amd64`, "
            + "`…-linux-x86_64.tar.gz`, `aarch64`, `x64`) outside a `case`/`if` on `$TARGETARCH`, `uname -m` "
            + "or `dpkg --print-architecture`.",
        rationale: """
            Every variant of a multi-arch build runs the same `RUN` lines (F16, F17). A URL with `amd64` in it \
            downloads the amd64 binary into the arm64 image too, and `GOARCH=amd64` compiles for amd64 \
            whatever the target: the image builds, and fails with "exec format error" on the other machines.

            A word that itself asks for the architecture (`…-${TARGETARCH}.tar.gz`, `$(uname -m)`), a command \
            inside a `case` or `if` that tests the architecture (directly or through a variable set from it), \
            and a command that names two or more architectures (installing every cross toolchain, \
            `rustup target add x86_64-… aarch64-…`) do not fire. Stages selected per architecture by \
            `FROM build_${TARGETARCH}` do not fire either, nor does the architecture a stage always runs on: \
            its own constant `--platform` or the one of the stage it is built `FROM`, or the one target \
            architecture whose build of the image needs the stage at all (BuildKit builds only the stages a \
            target reaches). A Dockerfile written for one architecture (`Dockerfile.aarch64`, an `arm64v8/` \
            folder, a base image tagged `arm64v8-…`) may name its own architecture; PL201 reports such files \
            once per repository.
            """,
        fix: "Use `$TARGETARCH` (declare `ARG TARGETARCH` in the stage), or map it in a `case \"$TARGETARCH\" in` "
            + "block when the download names the architecture differently (`amd64` → `x86_64`).",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nRUN wget -O /tmp/kubectl https://dl.k8s.io/v1.31.0/bin/linux/↓amd64/kubectl\n",
                caption: "a download for one architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 GOOS=linux GOARCH=↓amd64 go build -o /app .\n",
                caption: "a compile for one architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nADD https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-↓amd64 /usr/local/bin/jq\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nARG TARGETARCH\nRUN case \"$TARGETARCH\" in \\\n"
                    + "      amd64) ARCH=x86_64 ;; \\\n      arm64) ARCH=aarch64 ;; \\\n    esac && \\\n"
                    + "    wget https://example.com/tool-linux-$ARCH.tar.gz\n",
                caption: "inside a case on $TARGETARCH"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM debian:12\nRUN if [ \"$(dpkg --print-architecture)\" = amd64 ]; then \\\n"
                    + "      apt-get install -y intel-microcode; fi\n",
                caption: "inside an if on dpkg --print-architecture"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nARG TARGETARCH\nRUN wget https://dl.k8s.io/v1.31.0/bin/linux/${TARGETARCH}/kubectl\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=$BUILDPLATFORM rust:1.82 AS build\n"
                    + "RUN rustup target add x86_64-unknown-linux-musl aarch64-unknown-linux-musl\n",
                caption: "a command that covers several architectures"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM --platform=linux/arm64 nvcr.io/nvidia/l4t-jetpack:r36.4.0 AS jetpack\n"
                    + "RUN curl -fsSLo /tmp/ninja.zip https://github.com/ninja-build/ninja/releases/download/v1.12.1/ninja-linux-aarch64.zip\n"
                    + "FROM scratch AS amd64\nCOPY app /app\nFROM scratch AS arm64\nCOPY --from=jetpack /out /lib\n"
                    + "FROM ${TARGETARCH}\nUSER 65532\n",
                caption: "a stage that always runs on arm64"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let file = dockerfile.dockerfile
        let source = dockerfile.source
        let perArch = dockerfile.perArchStages
        for stage in file.stages where !perArch.contains(stage.index) {
            // The machine every run of the stage uses: naming it is right there.
            let ownArch = dockerfile.stageGraph.onlyArch(of: stage.index)
                ?? repository.perArchDockerfiles[dockerfile.path]?.arch
            var archVariables: Set<String> = []
            // By index: copying every instruction of the stage into an array cost more than the checks.
            for index in stage.instructionIndices {
                switch file.instructions[index].kind {
                case .arg, .env:
                    for word in file.instructions[index].words {
                        if let (name, value) = DockerfileArch.assignment(word.text),
                           DockerfileArch.mentionsArchSource(value, variables: archVariables) {
                            archVariables.insert(name)
                        }
                    }
                case .run:
                    checkRun(
                        dockerfile.shellCommands(ofInstructionAt: index), source: source, ownArch: ownArch,
                        archVariables: &archVariables, emitter: &emitter)
                case .add:
                    for argument in file.instructions[index].copy?.sources ?? [] where argument.value.contains("://") {
                        guard !DockerfileArch.mentionsArchSource(argument.value, variables: archVariables) else { continue }
                        if let token = DockerfileArch.tokens(in: source.bytes, range: argument.byteRange).first,
                           token.arch != ownArch {
                            emitter.emit(
                                .hardCoded(token.token, in: "ADD", text: argument.value, runsOn: ownArch), in: source,
                                bytes: token.range)
                        }
                    }
                default:
                    continue
                }
            }
        }
    }

    private func checkRun(
        _ commands: [ShellCommand], source: SourceFile, ownArch: String?, archVariables: inout Set<String>,
        emitter: inout FindingEmitter
    ) {
        // A stack of open `if`/`case`/loop blocks, each true when it (or an enclosing one) tests the architecture.
        var blocks: [Bool] = []
        var previousTestedArch = false
        var previousEnd = 0
        for command in commands {
            let words = command.words
            guard let first = words.first?.value else { continue }
            let asksArch = DockerfileArch.mayMentionArchSource(words.lazy.map(\.value))
                && DockerfileArch.mentionsArchSource(words.map(\.value).joined(separator: " "), variables: archVariables)
            for word in words {
                if let (name, value) = DockerfileArch.assignment(word.value),
                   DockerfileArch.mentionsArchSource(value, variables: archVariables) {
                    archVariables.insert(name)
                }
            }
            let enclosing = blocks.last ?? false
            switch first {
            case "if", "case", "while", "until", "for", "select": blocks.append(enclosing || asksArch)
            case "elif": if !blocks.isEmpty { blocks[blocks.count - 1] = blocks[blocks.count - 1] || asksArch }
            case "fi", "esac", "done": _ = blocks.popLast()
            default: break
            }
            // `[ "$TARGETARCH" = amd64 ] && wget …-amd64…`
            let gap = previousEnd < command.range.lowerBound ? source.bytes[previousEnd..<command.range.lowerBound] : []
            let chained = previousTestedArch && gap.contains(UInt8(ascii: "&")) || previousTestedArch && gap.contains(UInt8(ascii: "|"))
            previousTestedArch = asksArch
            previousEnd = command.range.upperBound
            if enclosing || asksArch || chained || blocks.last == true { continue }
            let hits = words.map { word in (word, DockerfileArch.tokens(in: source.bytes, range: word.range)) }
            // Exactly one architecture among all tokens (no Set needed: the first one, and no other).
            let arches = hits.lazy.flatMap { $0.1.lazy.map(\.arch) }
            guard let only = arches.first, only != ownArch, arches.allSatisfy({ $0 == only }) else { continue }
            for (word, tokens) in hits {
                guard let token = tokens.first else { continue }
                emitter.emit(.hardCoded(token.token, in: "RUN", text: word.value, runsOn: ownArch), in: source, bytes: token.range)
            }
        }
    }
}

extension String {
    fileprivate static func hardCoded(_ token: String, in instruction: String, text: String, runsOn arch: String?) -> String {
        let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
        let consequence = arch.map { "but this stage only runs on \($0)" } ?? "every platform gets the same file"
        return "\(instruction) hard-codes architecture '\(token)' in '\(shown)'; \(consequence)"
    }
}
