import DockerfileSyntax
import PlimsollCore
import ShellSyntax

/// Version and revision computed from `.git` during the build break with the Git context and on pull requests.
struct GitMetadataInBuildRule: Rule {
    static let description = RuleDescription(
        id: "PL209",
        name: "git-metadata-in-build",
        title: "Git Metadata Computed Inside the Build",
        family: .dockerfile,
        defaultSeverity: .warning,
        summary: "A `RUN` calls `git rev-parse`, `git describe`, `git log` or `git rev-list`, directly or in "
            + "`$(…)`, to stamp a version or revision into the image.",
        rationale: """
            `docker/build-push-action` builds from the Git context by default, and a Git context does not keep \
            `.git` (F10, F19), so the command fails, or the Dockerfile forces a path context and a larger \
            upload. Where `.git` is present, a pull-request checkout sits on a detached synthetic merge commit \
            (F6): `git rev-parse --abbrev-ref HEAD` prints `HEAD` and the SHA is not on any branch. The \
            workflow already knows the commit: `github.sha`, and metadata-action's `revision` label (F9).
            """,
        fix: "Pass the revision in: `build-args: REVISION=${{ github.sha }}` with `ARG REVISION`, or better the "
            + "`org.opencontainers.image.revision` label from `docker/metadata-action`.",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\nCOPY . /src\nRUN echo \"$(↓git rev-parse --short HEAD)\" > /VERSION\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23\nCOPY . .\nRUN VERSION=$(↓git describe --tags) && go build -ldflags \"-X main.v=$VERSION\" .\n"),
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\nRUN ↓git -C /src log -1 --format=%H > /REVISION\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile",
                "FROM golang:1.23\nARG REVISION\nCOPY . .\nRUN go build -ldflags \"-X main.revision=${REVISION}\" .\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20\n# git rev-parse is not run here\nRUN git clone --depth 1 https://github.com/example/tool /tool\n",
                caption: "a comment, and other git commands"),
        ]
    )

    static let subcommands: Set<String> = ["rev-parse", "describe", "log", "rev-list"]

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let source = dockerfile.source
        let instructions = dockerfile.dockerfile.instructions
        // Shell-form RUNs only (an exec-form command is not shell script): their commands, split once per file,
        // are those of `DockerfileShell.scriptRanges`, range after range.
        for index in instructions.indices where instructions[index].kind == .run {
            guard case .shell? = instructions[index].command else { continue }
            scan(dockerfile.shellCommands(ofInstructionAt: index), source: source, depth: 0, emitter: &emitter)
        }
    }

    private func scan(_ commands: [ShellCommand], source: SourceFile, depth: Int, emitter: inout FindingEmitter) {
        for command in commands {
            let words = Array(command.programWords)
            if let git = words.first, git.value == "git" {
                var index = 1
                // Global options: `git -C dir`, `git --git-dir=…`.
                while index < words.count, words[index].value.hasPrefix("-") {
                    index += ["-C", "-c"].contains(words[index].value) ? 2 : 1
                }
                if index < words.count, Self.subcommands.contains(words[index].value) {
                    emitter.emit(
                        .gitMetadata(words[index].value), in: source, bytes: git.range,
                        notes: ["pass ${{ github.sha }} as a build-arg or use the org.opencontainers.image.revision label"])
                }
            }
            guard depth < 3 else { continue }
            // Command substitutions inside words: `$(git rev-parse HEAD)`, backquotes.
            for word in command.words where word.hasExpansion {
                var index = word.range.lowerBound
                while index < word.range.upperBound {
                    let byte = source.bytes[index]
                    if byte == UInt8(ascii: "`") || (byte == UInt8(ascii: "$") && index + 1 < word.range.upperBound
                        && source.bytes[index + 1] == UInt8(ascii: "(")) {
                        let start = index + (byte == UInt8(ascii: "$") ? 2 : 1)
                        let inner = ShellSplitter.commands(in: source.bytes, range: start..<word.range.upperBound)
                        scan(inner, source: source, depth: depth + 1, emitter: &emitter)
                        break
                    }
                    index += 1
                }
            }
        }
    }
}

extension String {
    fileprivate static func gitMetadata(_ subcommand: String) -> String {
        "'git \(subcommand)' inside the build needs '.git', which the Git build context does not have"
    }
}
