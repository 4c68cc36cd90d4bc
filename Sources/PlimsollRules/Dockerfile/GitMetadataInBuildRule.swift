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
            (GitHub docs, "Events that trigger workflows"): `git rev-parse --abbrev-ref HEAD` prints `HEAD` and the SHA is not on any branch (the `closed` run of \
            a merged pull request is the exception: it is on the base branch and the merge commit that landed there, \
            GitHub changelog 2023-09-13, "Updates to GITHUB_REF and github.ref"). The \
            workflow already knows the commit: `github.sha`, and metadata-action's `revision` label (OCI image spec, "Annotations").

            The rule fires for a Dockerfile a workflow builds without `.git` in the context: from the Git \
            context, or from the repository root whose `.dockerignore` leaves `.git` out; and for one a workflow \
            builds from a pull request's checkout and publishes. A Dockerfile that only path contexts build with \
            `.git` in them (a Compose file's `context: .`, a local script, a workflow's `context: .`) sees `.git` \
            and the checked-out commit, and nothing fires; nor does a Dockerfile whose build's context or file an \
            expression names, which may be either. \
            Nor does a git command after a `git clone` or `git init` in the same stage (or in the stage it is \
            built `FROM`): it reads the repository the build made itself (`git clone … && cd x && git log -1`), \
            not the build context's `.git`.
            """,
        fix: "Pass the revision in: `build-args: REVISION=${{ github.sha }}` with `ARG REVISION`, or better the "
            + "`org.opencontainers.image.revision` label from `docker/metadata-action`.",
        triggeringExamples: [
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20\nCOPY . /src\nRUN echo \"$(↓git rev-parse --short HEAD)\" > /VERSION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ],
                caption: "build-push-action without `context:` builds the Git context"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM golang:1.23\nCOPY . .\nRUN VERSION=$(↓git describe --tags) && go build -ldflags \"-X main.v=$VERSION\" .\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow.replacing("          push: true\n", with: "          context: .\n          push: true\n")),
                    (".dockerignore", ".git\nnode_modules\n"),
                ],
                caption: "`context: .`, but `.dockerignore` leaves `.git` out"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\nRUN ↓git -C /src log -1 --format=%H > /REVISION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ]),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20\nCOPY . /src\nRUN ↓git -C /src rev-parse HEAD > /REVISION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow
                        .replacing("  push:\n    branches: [main]\n", with: "  pull_request:\n")
                        .replacing("          push: true\n", with: "          context: .\n          push: true\n")),
                ],
                caption: "`context: .`, published from a pull request's merge commit"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM golang:1.23\nARG REVISION\nCOPY . .\nRUN go build -ldflags \"-X main.revision=${REVISION}\" .\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ]),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20\n# git rev-parse is not run here\nRUN git clone --depth 1 https://github.com/example/tool /tool\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ],
                caption: "a comment, and other git commands"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM debian:12\nRUN git clone https://github.com/postgis/postgis.git && cd postgis \\\n"
                        + "    && git log -1 > /postgis-commit.txt\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ],
                caption: "the log of a repository cloned in the build"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20 AS source\nRUN git clone https://github.com/example/tool /tool\n"
                        + "FROM source\nRUN git -C /tool describe --tags > /VERSION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ],
                caption: "a clone in the stage this one is built FROM"),
            RuleExample(
                [
                    ("Dockerfile.dev",
                     "FROM golang:1.24\nCOPY . /app\nRUN cd /app && go build -ldflags \"-X main.version=$(git describe --tags)\" .\n"),
                    ("docker-compose.yml", "services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n"),
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow),
                ],
                caption: "a Dockerfile only Compose builds, from a path context that keeps `.git`"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20\nCOPY . /src\nRUN git -C /src rev-parse HEAD > /REVISION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow.replacing("          push: true\n", with: "          context: .\n          push: true\n")),
                ],
                caption: "`context: .` after actions/checkout: the build sees `.git`"),
            RuleExample(
                [
                    ("src/docker/Dockerfile",
                     "FROM alpine:3.20\nCOPY . /src\nRUN git -C /src rev-parse HEAD > /REVISION\n"),
                    (".github/workflows/publish.yml", Self.gitContextWorkflow
                        .replacing("  push:\n    branches: [main]\n", with: "  pull_request:\n    types: [closed]\n")
                        .replacing("    runs-on:", with: "    if: github.event.pull_request.merged == true\n    runs-on:")
                        .replacing("          push: true\n", with: "          context: .\n          push: true\n")),
                ],
                caption: "published when a pull request is merged: the run is on the base branch's merge commit"),
        ]
    )

    /// The standard's publishing workflow: build-push-action without `context:`, so from the Git context.
    static let gitContextWorkflow = """
        on:
          push:
            branches: [main]
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - uses: docker/build-push-action@v7
                with:
                  file: src/docker/Dockerfile
                  push: true
                  tags: ghcr.io/acme/app:${{ github.sha }}

        """

    static let subcommands: Set<String> = ["rev-parse", "describe", "log", "rev-list"]

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let missing = Self.missingGit(for: dockerfile, in: repository) else { return }
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
                    missing: missing, emitter: &emitter)
            }
            if stage.index < clonedByStage.count { clonedByStage[stage.index] = cloned }
        }
    }

    /// Subcommands that make a repository inside the build, with a `.git` of its own.
    static let cloning: Set<String> = ["clone", "init"]

    /// Why `.git` is not what a build of this Dockerfile expects, in one workflow build of it.
    enum MissingGit: Equatable {
        /// The build reads the Git context (`ImageBuild.isGitContext`), which has no `.git`.
        case gitContext
        /// The build's path context is the repository root, whose `.dockerignore` leaves `.git` out (and the
        /// Dockerfile has no ignore file of its own).
        case ignored
        /// The build reads the checkout of a pull request, a merge commit no branch has, and publishes it.
        case pullRequest
    }

    /// What the workflow builds of `dockerfile` say about `.git` in their context, or nil when none of them lacks
    /// it. Only a workflow build of this very Dockerfile counts: one no workflow builds (a Compose file's
    /// `context: .`, a local script, by hand) has the working tree's `.git` in a path context, and one built with
    /// a context or Dockerfile an expression names may be either.
    static func missingGit(for dockerfile: DockerfileFile, in repository: Repository) -> MissingGit? {
        var found: [MissingGit] = []
        for file in repository.workflows {
            guard let workflow = file.workflow else { continue }
            // A pull request's checkout is a synthetic merge commit (GitHub docs, "Events that trigger workflows"):
            // an image published from one carries its revision, which no branch has.
            let pullRequest = workflow.events.contains { $0.name == "pull_request" }
            for build in file.buildFacts where build.isBuild && build.dockerfilePath == dockerfile.path {
                if build.build.isGitContext {
                    found.append(.gitContext)
                    continue
                }
                guard let context = build.contextPath else { continue }
                // BuildKit reads `<Dockerfile>.dockerignore` instead of the context's when there is one.
                if context.isEmpty, ignoresGit(repository), repository.entry(at: dockerfile.path + ".dockerignore") == nil {
                    found.append(.ignored)
                    continue
                }
                guard pullRequest, build.mayPush,
                    ConditionEvaluator.stepMayRun(build.step, of: build.job, in: workflow, scenario: .pullRequest)
                else { continue }
                if case .buildPushAction = build.build.kind {
                    guard let push = build.build.input("push")?.value, push.string != "false" else { continue }
                    let scope = ExpressionScope(workflow: workflow, job: build.job, step: build.step)
                    guard ConditionEvaluator.mayHold(push, in: .pullRequest, scope: scope) else { continue }
                }
                found.append(.pullRequest)
            }
        }
        return [MissingGit.gitContext, .ignored, .pullRequest].first { found.contains($0) }
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
        _ commands: [ShellCommand], source: SourceFile, depth: Int, cloned: inout Bool, missing: MissingGit,
        emitter: inout FindingEmitter
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
                        .gitMetadata(words[index].value, missing), in: source, bytes: git.range,
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
                        scan(inner, source: source, depth: depth + 1, cloned: &cloned, missing: missing, emitter: &emitter)
                        break
                    }
                    index += 1
                }
            }
        }
    }
}

extension String {
    fileprivate static func gitMetadata(_ subcommand: String, _ missing: GitMetadataInBuildRule.MissingGit) -> String {
        switch missing {
        case .gitContext:
            "'git \(subcommand)' inside the build needs '.git', which the Git build context does not have"
        case .ignored:
            "'git \(subcommand)' inside the build needs '.git', which '.dockerignore' leaves out of the build context"
        case .pullRequest:
            "'git \(subcommand)' inside the build reads a pull request's merge commit, which no branch has, "
                + "and the image built from it is published"
        }
    }
}
