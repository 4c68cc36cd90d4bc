import DockerfileSyntax
import PlimsollCore
import RepositoryModel
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
            Every variant of a multi-arch build runs the same `RUN` lines (Docker docs, "Multi-platform builds"; Dockerfile reference, "Automatic platform ARGs in the global scope"). A URL with `amd64` in it \
            downloads the amd64 binary into the arm64 image too, and `GOARCH=amd64` compiles for amd64 \
            whatever the target: the image builds, and fails with "exec format error" on the other machines.

            A word that itself asks for the architecture (`…-${TARGETARCH}.tar.gz`, `$(uname -m)`), a command \
            inside a `case` or `if` that tests the architecture (directly or through a variable set from it: \
            `$TARGETARCH`, `uname -m`, `arch`, `dpkg --print-architecture`, `apk --print-arch`, \
            `cat /etc/apk/arch`), the patterns of a `case` (`x86_64|aarch64)` is compared, not downloaded), \
            and a command that names two or more architectures (installing every cross toolchain, \
            `rustup target add x86_64-… aarch64-…`) do not fire. Stages selected per architecture by \
            `FROM build_${TARGETARCH}` do not fire either, nor does a command that only reads a version \
            (`curl -s …/linux-amd64/latest.json | jq -r .version`, `V=$(curl -s …amd64… | grep -o 'v[0-9.]*')`: \
            a download to standard output read by a text tool, nothing saved into the image), nor does the architecture a stage always runs on: \
            its own constant `--platform` or the one of the stage it is built `FROM`, or the one target \
            architecture whose build of the image needs the stage at all (BuildKit builds only the stages a \
            target reaches). A Dockerfile written for one architecture (`Dockerfile.aarch64`, an `arm64v8/` \
            folder, a base image tagged `arm64v8-…`) may name its own architecture; PL201 reports such files \
            once per repository. So may a Windows Dockerfile (a base from `mcr.microsoft.com/windows/…`, a \
            `servercore` or `nanoserver` image, or `SHELL ["powershell", …]`): Windows container images exist \
            for windows/amd64 only, so no other platform builds it.
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
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nRUN curl -fsSL https://go.dev/dl/go1.23.4.linux-↓amd64.tar.gz | tar xz -C /usr/local\n",
                caption: "a download piped into tar is saved into the image"),
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
                "FROM alpine:3.20\nRUN apkArch=\"$(cat /etc/apk/arch)\" && case \"$apkArch\" in \\\n"
                    + "      x86_64|aarch64) apk add --no-cache nginx ;; \\\n"
                    + "      *) echo \"build nginx from source\" ;; \\\n    esac\n",
                caption: "a case on the architecture Alpine's apk reads from /etc/apk/arch"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
                    + "RUN Invoke-WebRequest -Uri \"https://github.com/caddyserver/caddy/releases/download/v2.11.2/"
                    + "caddy_2.11.2_windows_amd64.zip\" -OutFile /caddy.zip\n",
                caption: "a Windows Dockerfile, built for windows/amd64 only"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8\nSHELL [\"powershell\", \"-Command\"]\n"
                    + "RUN Invoke-WebRequest -Uri https://example.com/tool-windows-amd64.zip -OutFile C:/tool.zip\n",
                caption: "Windows PowerShell as the SHELL: a Windows container"),
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
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nARG TARGETARCH\n"
                    + "RUN VERSION=$(curl -fsSL https://dl.example.com/tool/linux-amd64/latest.json | jq -r '.version') && \\\n"
                    + "    wget -O /usr/local/bin/tool https://dl.example.com/tool/$VERSION/linux-$TARGETARCH/tool\n",
                caption: "an architecture in a URL read only for the version number"),
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
        let reads = VersionLookup.readOnlyCommands(commands, in: source.bytes)
        // `case` patterns are compared with the subject, never downloaded or built: `x86_64|aarch64)` names the
        // machines a branch is for, whatever the subject is.
        let patterns = ShellCasePatterns.patternWordStarts(in: commands, bytes: source.bytes)
        for (position, command) in commands.enumerated() {
            let words = command.words
            guard let first = words.first?.value else { continue }
            let asksArch = DockerfileArch.mayMentionArchSource(words)
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
            if enclosing || asksArch || chained || blocks.last == true || reads[position] { continue }
            // Tokens inside a `$(…)` that only reads text (a version lookup) download nothing.
            let hits = words.filter { !patterns.contains($0.range.lowerBound) }.map { word in
                (word, DockerfileArch.tokens(in: source.bytes, range: word.range).filter { token in
                    !VersionLookup.insideReadOnlySubstitution(token.range, of: word, in: source.bytes)
                })
            }
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

/// Commands that only read text: a version lookup such as `curl -s …/latest.json | jq -r .version`, whose
/// architecture name picks a document to read, not a file for the image.
enum VersionLookup {
    /// Commands that turn text into text.
    static let textReaders: Set<String> = [
        "jq", "yq", "grep", "egrep", "fgrep", "sed", "awk", "cut", "head", "tail", "tr", "sort", "uniq", "wc", "xmllint",
        "rev",
    ]

    /// For each command, true when it belongs to a pipeline that only reads text: every command but the last
    /// fetches to standard output or reads text, and the last reads text (`curl … | jq -r .version`). A fetch
    /// piped into `tar`, `sh` or `unzip` saves or runs what it downloads, and is not one.
    static func readOnlyCommands(_ commands: [ShellCommand], in bytes: [UInt8]) -> [Bool] {
        var result = [Bool](repeating: false, count: commands.count)
        var start = 0
        while start < commands.count {
            var end = start + 1
            while end < commands.count, isPipe(bytes, commands[end - 1].range.upperBound..<commands[end].range.lowerBound) {
                end += 1
            }
            if readsOnly(commands[start..<end]) {
                for index in start..<end { result[index] = true }
            }
            start = end
        }
        return result
    }

    /// True when a token of `word` lies in a `$(…)` whose command only reads text, a pipeline as above or a
    /// lone fetch to standard output (`V=$(curl -s https://…/amd64/VERSION)`).
    static func insideReadOnlySubstitution(_ token: Range<Int>, of word: ShellSyntax.ShellWord, in bytes: [UInt8]) -> Bool {
        guard word.hasExpansion else { return false }
        var index = word.range.lowerBound
        while index + 1 < word.range.upperBound {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "("), index + 1 < token.lowerBound
            else { continue }
            let inner = ShellSplitter.commands(in: bytes, range: (index + 2)..<word.range.upperBound)
            // The substitution's own commands: up to the `)` that closes it.
            var own: [ShellCommand] = []
            for command in inner {
                if let last = own.last, !isPipe(bytes, last.range.upperBound..<command.range.lowerBound) { break }
                own.append(command)
            }
            guard let last = own.last, token.upperBound <= last.range.upperBound else { continue }
            return own.count == 1 ? fetchesToStandardOutput(own[0]) : readsOnly(own[...])
        }
        return false
    }

    static func readsOnly(_ pipeline: ArraySlice<ShellCommand>) -> Bool {
        guard pipeline.count >= 2, let last = pipeline.last, textReaders.contains(program(last)) else { return false }
        return pipeline.dropLast().allSatisfy { fetchesToStandardOutput($0) || textReaders.contains(program($0)) }
    }

    /// `curl` without an output file (`-o`, `-O`, `--output`, `--remote-name`), or `wget -O -` / `-qO-`.
    static func fetchesToStandardOutput(_ command: ShellCommand) -> Bool {
        let words = command.programWords.map(\.value)
        switch program(command) {
        case "curl":
            return !words.dropFirst().contains { word in
                if word.hasPrefix("--") {
                    return ["--output", "--remote-name", "--remote-name-all", "--upload-file", "--output-dir"]
                        .contains { word == $0 || word.hasPrefix($0 + "=") }
                }
                return word.hasPrefix("-") && (word.contains("o") || word.contains("O") || word.contains("T"))
            }
        case "wget":
            for (index, word) in words.enumerated() {
                if word == "--output-document=-" || word == "-O-" || (word.hasPrefix("-") && !word.hasPrefix("--") && word.hasSuffix("O-")) {
                    return true
                }
                if word == "-O" || word == "--output-document" || (word.hasPrefix("-") && !word.hasPrefix("--") && word.hasSuffix("O")) {
                    return index + 1 < words.count && words[index + 1] == "-"
                }
            }
            return false
        default:
            return false
        }
    }

    static func program(_ command: ShellCommand) -> String {
        guard let first = command.programWords.first?.value else { return "" }
        return first.split(separator: "/").last.map(String.init) ?? first
    }

    /// True when the bytes between two commands are one `|` (not `||`), with blanks and line continuations.
    static func isPipe(_ bytes: [UInt8], _ gap: Range<Int>) -> Bool {
        guard gap.lowerBound < gap.upperBound, gap.upperBound <= bytes.count else { return false }
        var pipes = 0
        for byte in bytes[gap] {
            switch byte {
            case UInt8(ascii: "|"): pipes += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\\"): continue
            default: return false
            }
        }
        return pipes == 1
    }
}
