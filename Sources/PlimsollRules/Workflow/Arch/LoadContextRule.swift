import DockerfileSyntax
import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel

/// `load` is not combined with several platforms, and the Git context is not used where it drops files.
struct LoadContextRule: Rule {
    static let description = RuleDescription(
        id: "PL306",
        name: "load-context-misuse",
        title: "Load or Build Context Misuse",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "Error: `load: true` (or `--load`) with two or more platforms. Warning: the Git context (no "
            + "`context:`) when an earlier step writes files or the Dockerfile runs `git`.",
        rationale: """
            `load` exports the result into the runner's image store, which holds one platform per tag unless \
            the containerd store is on: a multi-platform `load` fails with "docker exporter does not currently \
            support exporting manifest lists" (Docker docs, "Multi-platform builds"). Test one platform with `load`, push the rest.

            Without `context:`, build-push-action builds from the Git context: BuildKit fetches the commit \
            itself (docker/build-push-action README). Files that earlier steps wrote (a `make`, `npm run build`, a `cp`, an \
            `echo … > VERSION`, a downloaded artifact) are not in it, and neither is `.git` (Docker docs, "Multi-platform builds"), so a \
            Dockerfile that runs `git rev-parse` fails. To keep false positives low the warning needs a clear \
            signal: an earlier `actions/download-artifact`, or an earlier `run:` with a build tool (`make`, \
            `npm run build`, `go build`, `mvn` …), a file command (`cp`, `mkdir`, `tar` …) on a relative path, \
            or a redirect into a relative file (`$GITHUB_OUTPUT`, `$GITHUB_ENV`, `/dev/`, `/tmp`, `~` and \
            `$RUNNER_TEMP` are not in the context); or a RUN in the Dockerfile that calls `git`. A `run:` that \
            only logs in, echoes or computes outputs is not a signal.
            """,
        fix: "Drop `load` or build one platform; add `context: .` after `actions/checkout` when earlier steps "
            + "prepare files.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/setup-buildx-action@v4\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n"
                    + "          ↓load: true\n          platforms: linux/amd64,linux/arm64\n",
                caption: "`load` with two platforms"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v5\n      - run: npm ci && npm run build\n"
                    + "      - uses: ↓docker/build-push-action@v7\n        with:\n          push: true\n",
                caption: "files built by an earlier step are not in the Git context"),
            RuleExample(
                [
                    (
                        ".github/workflows/publish.yml",
                        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: ↓docker/build-push-action@v7\n        with:\n          push: true\n"
                    ),
                    ("Dockerfile", "FROM alpine/git\nCOPY . /src\nRUN git -C /src rev-parse HEAD > /VERSION\n"),
                ],
                caption: "the Git context has no `.git`"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          load: true\n"
                    + "          platforms: linux/amd64\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - id: v\n        run: echo \"version=$(date +%s)\" >> \"$GITHUB_OUTPUT\"\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          build-args: VERSION=${{ steps.v.outputs.version }}\n",
                caption: "an earlier step that only sets outputs"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v5\n      - run: make dist\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n          push: true\n",
                caption: "the path context after checkout sees the built files"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        for facts in workflow.buildFacts {
            let build = facts.build
            guard facts.isBuild else { continue }
            checkLoad(facts, path: workflow.path, emitter: &emitter)
            if case .buildPushAction = build.kind, build.input("context") == nil {
                checkGitContext(facts, repository: repository, emitter: &emitter)
            }
        }
    }

    private func checkLoad(_ facts: BuildFacts, path: String, emitter: inout FindingEmitter) {
        guard case .literal(let items) = facts.platforms else { return }
        let platforms = Set(items.map { BuildPlatform($0.text)?.normalized ?? $0.text })
        guard platforms.count >= 2, !facts.earlierSteps.contains(where: BuildFacts.usesContainerdStore) else {
            return
        }
        let span: SourceSpan
        if let command = facts.command {
            guard let option = command.options("--load").first else { return }
            span = facts.file.span(option.word.range)
        } else {
            guard let entry = facts.build.input("load"), (entry.value.string ?? "").lowercased() == "true" else { return }
            span = entry.keyNode.span
        }
        emitter.emit(
            .loadSeveral(platforms.count), path: path, span: span,
            notes: ["load one platform to test it, or enable the containerd image store"])
    }

    private func checkGitContext(_ facts: BuildFacts, repository: Repository, emitter: inout FindingEmitter) {
        if let writer = facts.earlierSteps.first(where: { Self.writesFiles($0, file: facts.file) }) {
            let line = writer.node.span.lowerBound.line
            emitter.emit(
                .gitContextDropsFiles(line: line), path: facts.file.path, span: facts.build.anchor,
                severity: .warning, notes: ["add `context: .` (after actions/checkout) to build from the workspace"])
            return
        }
        guard let dockerfile = facts.dockerfile(in: repository),
            let run = Self.gitRun(in: dockerfile.dockerfile, target: facts.target)
        else { return }
        emitter.emit(
            .gitContextNoGit(dockerfile.path, line: run.startLine), path: facts.file.path, span: facts.build.anchor,
            severity: .warning, notes: ["add `context: .` after actions/checkout, or pass the revision as a build arg"])
    }

    /// A RUN of the stages the build needs that calls `git`.
    static func gitRun(in dockerfile: Dockerfile, target: String?) -> Instruction? {
        for instruction in dockerfile.instructions where instruction.kind == .run {
            let text = instruction.original
            if ["git rev-parse", "git describe", "git log", "git rev-list", "git show"].contains(where: text.containsText)
                || (text.containsText("git ") && text.containsText(" HEAD"))
            {
                return instruction
            }
        }
        return nil
    }

    /// True when a step clearly writes files into the workspace.
    static func writesFiles(_ step: Step, file: SourceFile) -> Bool {
        if let name = step.action?.fullName { return name == "actions/download-artifact" }
        guard let run = step.run?.value else { return false }
        for command in ShellSplitter.commands(in: run) {
            let words = command.programWords.map(\.value)
            guard let program = words.first.map({ $0.split(separator: "/").last.map(String.init) ?? $0 }) else {
                continue
            }
            if toolCommands.contains(program) { return true }
            if pathCommands.contains(program),
                words.dropFirst().contains(where: { !$0.hasPrefix("-") && isWorkspacePath($0) })
            {
                return true
            }
            if program == "wget", !words.contains(where: { $0.hasPrefix("-O") || $0.hasPrefix("-P") || $0.hasPrefix("--output") }) {
                return true
            }
            if ["npm", "yarn", "pnpm", "bun"].contains(program), words.contains(where: { $0.hasPrefix("build") }) {
                return true
            }
            if program == "go", words.dropFirst().first == "build" { return true }
            if program == "curl", words.contains(where: { $0 == "-o" || $0 == "-O" || $0.hasPrefix("--output") }) {
                return true
            }
        }
        return redirectsIntoFile(run)
    }

    /// Build tools: they write into the working directory.
    static let toolCommands: Set<String> = [
        "make", "gradle", "gradlew", "mvn", "mvnw", "cargo", "dotnet", "hugo", "ant", "sbt", "cmake", "ninja", "bazel",
        "tsc", "webpack", "vite",
    ]
    /// File commands: they write into the workspace when one of their paths is relative.
    static let pathCommands: Set<String> = ["cp", "mv", "mkdir", "touch", "tar", "unzip", "rsync", "ln"]

    /// True for a relative path (the workspace), false for absolute, home and runner-temp paths and URLs.
    static func isWorkspacePath(_ word: String) -> Bool {
        let word = word.filter { $0 != "\"" && $0 != "'" }
        let elsewhere = [
            "/", "~", "$HOME", "${HOME}", "$RUNNER_TEMP", "${RUNNER_TEMP}", "${{ runner.temp }}", "${{runner.temp}}",
            "$GITHUB_", "${GITHUB_", "http://", "https://",
        ]
        return !word.isEmpty && !elsewhere.contains(where: word.hasPrefix)
    }

    /// `> file` or `>> file` to something other than `$GITHUB_*`, `/dev/…` or a file descriptor.
    static func redirectsIntoFile(_ run: String) -> Bool {
        var characters = Array(run)
        characters.append(" ")
        var index = 0
        var quote: Character?
        while index < characters.count - 1 {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == ">", index == 0 || !["2", "1", "&", "-", "="].contains(characters[index - 1]) {
                var next = index + 1
                if characters[next] == ">" { next += 1 }
                if characters[next] == "&" || characters[next] == "(" { index = next; continue }
                while next < characters.count, characters[next] == " " { next += 1 }
                let target = String(characters[next...].prefix { $0 != " " && $0 != "\n" && $0 != ";" })
                    .filter { $0 != "\"" }
                if isWorkspacePath(target) { return true }
                index = next
                continue
            }
            index += 1
        }
        return false
    }
}

extension String {
    fileprivate static func loadSeveral(_ count: Int) -> String {
        "'load' cannot export \(count) platforms into the runner's image store"
    }

    fileprivate static func gitContextDropsFiles(line: Int) -> String {
        "the build uses the Git context, so files written by the step at line \(line) are not in it"
    }

    fileprivate static func gitContextNoGit(_ path: String, line: Int) -> String {
        "the build uses the Git context, which has no .git, but '\(path)' runs git at line \(line)"
    }
}
