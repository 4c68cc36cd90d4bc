import DockerfileSyntax
import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel
import YAMLSyntax

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
            `.git` (docker/build-push-action README; Docker docs, "Multi-platform builds"), so the command fails, or the Dockerfile forces a path context and a larger \
            upload. Where `.git` is present, a pull-request checkout sits on a detached synthetic merge commit \
            (GitHub docs, "Events that trigger workflows"): `git rev-parse --abbrev-ref HEAD` prints `HEAD` and the SHA is not on any branch. The \
            workflow already knows the commit: `github.sha`, and metadata-action's `revision` label (OCI image spec, "Annotations").

            When the repository's workflows build every image from the checked-out files (`context: .`, \
            `docker build .`, bake-action's `source: .`), none publishes from a pull request's checkout, and \
            `.dockerignore` keeps `.git`, the build sees `.git` and the published commit, and nothing fires. \
            Nor does a git command after a `git clone` or `git init` in the same stage (or in the stage it is \
            built `FROM`): it reads the repository the build made itself (`git clone … && cd x && git log -1`), \
            not the build context's `.git`.
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
            RuleExample(
                "src/docker/Dockerfile",
                "FROM debian:12\nRUN git clone https://github.com/postgis/postgis.git && cd postgis \\\n"
                    + "    && git log -1 > /postgis-commit.txt\n",
                caption: "the log of a repository cloned in the build"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM alpine:3.20 AS source\nRUN git clone https://github.com/example/tool /tool\n"
                    + "FROM source\nRUN git -C /tool describe --tags > /VERSION\n",
                caption: "a clone in the stage this one is built FROM"),
        ]
    )

    static let subcommands: Set<String> = ["rev-parse", "describe", "log", "rev-list"]

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard !Self.buildsFromTheCheckout(repository) else { return }
        let source = dockerfile.source
        let file = dockerfile.dockerfile
        let instructions = file.instructions
        // Whether each stage has a repository cloned into its filesystem by its end. A stage built `FROM` an
        // earlier one starts with that stage's filesystem, clones included.
        var clonedByStage = [Bool](repeating: false, count: file.stages.count)
        for stage in file.stages {
            var cloned = stage.baseStageIndex.map { $0 < clonedByStage.count && clonedByStage[$0] } ?? false
            // Shell-form RUNs only (an exec-form command is not shell script): their commands, split once per
            // file, are those of `DockerfileShell.scriptRanges`, range after range.
            for index in stage.instructionIndices where instructions[index].kind == .run {
                guard case .shell? = instructions[index].command else { continue }
                scan(
                    dockerfile.shellCommands(ofInstructionAt: index), source: source, depth: 0, cloned: &cloned,
                    emitter: &emitter)
            }
            if stage.index < clonedByStage.count { clonedByStage[stage.index] = cloned }
        }
    }

    /// Subcommands that make a repository inside the build, with a `.git` of its own.
    static let cloning: Set<String> = ["clone", "init"]

    /// True when the repository's workflows build images, every one of them from the checked-out files (a path
    /// context: build-push-action's `context: .`, a `docker build .` command line, bake-action's `source: .`),
    /// none from the Git context nor publishing from a pull request's checkout, and the root `.dockerignore`
    /// keeps `.git`: there the build sees `.git` and the commit the image is published for.
    /// A Git context is build-push-action without `context:` (or `{{defaultContext}}`), bake-action without
    /// `source:` (its default since v6), or a URL.
    static func buildsFromTheCheckout(_ repository: Repository) -> Bool {
        var builds = 0
        for file in repository.workflows {
            // A pull request's checkout is a synthetic merge commit (GitHub docs, "Events that trigger workflows"): an image published from one carries
            // its revision, which no branch has.
            guard let workflow = file.workflow else { continue }
            let pullRequest = workflow.events.contains { $0.name == "pull_request" }
            func publishesOnPullRequest(_ step: Step, of job: Job, push: YAMLNode?) -> Bool {
                guard pullRequest, let push, ConditionEvaluator.stepMayRun(step, of: job, in: workflow, scenario: .pullRequest)
                else { return false }
                if push.string == "false" { return false }
                let scope = ExpressionScope(workflow: workflow, job: job, step: step)
                return ConditionEvaluator.mayHold(push, in: .pullRequest, scope: scope)
            }
            for build in file.buildFacts where build.isBuild {
                guard build.contextPath != nil else { return false }
                if build.mayPush {
                    let push: YAMLNode? = if case .buildPushAction = build.build.kind { build.build.input("push")?.value } else { nil }
                    // A command line that pushes has no expression to evaluate: its step's conditions decide.
                    if case .commandLine = build.build.kind, pullRequest,
                       ConditionEvaluator.stepMayRun(build.step, of: build.job, in: workflow, scenario: .pullRequest) {
                        return false
                    }
                    if publishesOnPullRequest(build.step, of: build.job, push: push) { return false }
                }
                if build.build.isGitContext { return false }
                builds += 1
            }
            for job in workflow.jobs {
                for step in job.steps {
                    guard let action = step.action, action.fullName == "docker/bake-action", action.path == nil else { continue }
                    guard let source = step.input("source")?.string, !source.containsText("://"),
                          !source.containsText("${{"), !source.hasPrefix("git@") else { return false }
                    if publishesOnPullRequest(step, of: job, push: step.input("push")) { return false }
                    builds += 1
                }
            }
        }
        guard builds > 0 else { return false }
        return !ignoresGit(repository)
    }

    /// The root `.dockerignore` leaves `.git` out of the context (`.git`, `.git/`, `**/.git`, `.*`).
    static func ignoresGit(_ repository: Repository) -> Bool {
        guard let file = repository.buildFiles[".dockerignore"] else { return false }
        let lines = String(decoding: file.bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.contains { line in
            var pattern = line.trimmingWhitespace()
            while pattern.hasPrefix("/") { pattern.removeFirst() }
            while pattern.hasSuffix("/") { pattern.removeLast() }
            return [".git", "**/.git", ".*", "*"].contains(pattern)
        }
    }

    /// Reports the git metadata commands among `commands`. `cloned` is true once a `git clone` or `git init`
    /// ran earlier in the stage: a later `git log` reads that repository (`git clone … && cd x && git log -1`),
    /// which the build made itself, not the build context's `.git`.
    private func scan(
        _ commands: [ShellCommand], source: SourceFile, depth: Int, cloned: inout Bool, emitter: inout FindingEmitter
    ) {
        for command in commands {
            let words = Array(command.programWords)
            if let git = words.first, git.value == "git" {
                var index = 1
                // Global options: `git -C dir`, `git --git-dir=…`.
                while index < words.count, words[index].value.hasPrefix("-") {
                    index += ["-C", "-c"].contains(words[index].value) ? 2 : 1
                }
                if index < words.count, Self.cloning.contains(words[index].value) { cloned = true }
                if !cloned, index < words.count, Self.subcommands.contains(words[index].value) {
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
                        scan(inner, source: source, depth: depth + 1, cloned: &cloned, emitter: &emitter)
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
