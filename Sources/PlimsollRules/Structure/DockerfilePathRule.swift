import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// The local build and CI must build the one Dockerfile the layout names, and that file must exist.
struct DockerfilePathRule: Rule {
    static let description = RuleDescription(
        id: "PL105",
        name: "dockerfile-path",
        title: "Dockerfile Path Is Consistent and Exists",
        family: .structure,
        defaultSeverity: .error,
        summary: "A build names a Dockerfile that does not exist — the script's `-f`/`--file`, `<context>/Dockerfile` "
            + "when there is no `-f`, or build-push-action's `file:` (default `{context}/Dockerfile`, and the "
            + "repository root for the Git context) — or the local build script or a publishing build uses a "
            + "Dockerfile other than the layout's.",
        rationale: """
            `docker/build-push-action` reads `file` relative to the workspace and defaults it to \
            `{context}/Dockerfile`; without `context:` it builds the Git context, whose root is the repository \
            root (docker/build-push-action README). A workflow that names neither therefore builds `./Dockerfile`, which a `src/docker` \
            layout does not have, and fails with "failed to read dockerfile". The standard builds the image \
            from `/src/docker/Dockerfile` (or `./Dockerfile` after the December 2024 layout change) both \
            locally and in CI, so a local script or a publishing workflow that builds another file ships an \
            image nobody tested locally.

            Script paths are resolved from the repository root, and also from the script's own folder when \
            the script does `cd "$(dirname "$0")…"`; a script that changes directory in another way is not \
            checked. Where the layout Dockerfile does not exist, PL101 says where the Dockerfile is, once, and a \
            publishing build is reported here only when it builds yet another file. Values with unexpanded variables or `${{ }}` expressions, remote contexts and stdin \
            (`-f -`) are skipped. Other scripts and non-publishing workflow builds are only checked for \
            existence.
            """,
        fix: "Point `file:` (and the script's `-f`) at the layout Dockerfile, for example "
            + "`file: src/docker/Dockerfile` with `context: .`.",
        triggeringExamples: [
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    ("Dockerfile.canary", "FROM alpine:3.20\n"),
                    (".github/workflows/canary.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                        + "          file: ↓Dockerfile.canary\n"),
                ], caption: "no layout Dockerfile, and a publishing build of yet another file"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
                        + "          file: ↓docker/Dockerfile\n          push: true\n"),
                ], caption: "a `file:` that does not exist"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@v7\n        with:\n          path: app\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          context: app\n"
                        + "          file: ↓app/docker/Dockerfile\n          push: true\n"),
                ], caption: "the checkout is in `app/`, so `app/docker/Dockerfile` is the repository's `docker/Dockerfile`"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: ↓docker/build-push-action@v6\n        with:\n          push: true\n"),
                ], caption: "no `context:` or `file:`: the Git context's `./Dockerfile`"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    ("Dockerfile.dev", "FROM alpine:3.20\n"),
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build -f ↓Dockerfile.dev -t app .\n"),
                ], executables: ["src/docker/docker-build.sh"], caption: "the local build uses another Dockerfile"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"),
                ], caption: "no layout Dockerfile at all: PL101 says where the Dockerfile is, once"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    ("src/docker/docker-build.sh",
                     "#!/usr/bin/env bash\ncd \"$(dirname \"$0\")\"\ndocker build -f Dockerfile -t app ../..\n"),
                ], executables: ["src/docker/docker-build.sh"], caption: "resolved from the script's folder"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v6\n        with:\n"
                        + "          context: \"{{defaultContext}}:src/docker\"\n          push: true\n"
                        + "      - uses: docker/build-push-action@v6\n        with:\n"
                        + "          file: ${{ matrix.dockerfile }}\n"),
                ], caption: "a Git context subdirectory, and an expression"),
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@v7\n        with:\n          path: app\n"
                        + "      - uses: actions/checkout@v7\n        with:\n          repository: acme/tools\n"
                        + "          path: tools\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          context: app\n"
                        + "          file: app/src/docker/Dockerfile\n          push: true\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          context: tools\n"
                        + "          file: tools/Dockerfile\n"),
                ], caption: "checkouts into folders: this repository under `app/`, another one under `tools/`"),
        ],
        fixExamples: [
            FixExample(
                before: RuleExample(
                    [
                        ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                        (".github/workflows/publish.yml",
                         "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
                            + "          file: docker/Dockerfile  # moved?\n          push: true\n"),
                    ], caption: "a `file:` that does not exist, with a comment"),
                after: [
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
                        + "          file: src/docker/Dockerfile  # moved?\n          push: true\n")
                ], safety: .unsafe),
            FixExample(
                before: RuleExample(
                    [
                        ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                        (".github/workflows/publish.yml",
                         "on: push\r\njobs:\r\n  image:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n"
                            + "      - uses: actions/checkout@v5\r\n        with:\r\n          path: app\r\n"
                            + "      - uses: docker/build-push-action@v6\r\n        with:\r\n          context: app\r\n"
                            + "          file: \"app/docker/Dockerfile\"\r\n          push: true\r\n"),
                    ], caption: "the checkout is in `app/`: the new path goes through it too; quotes and CRLF are kept"),
                after: [
                    (".github/workflows/publish.yml",
                     "on: push\r\njobs:\r\n  image:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n"
                        + "      - uses: actions/checkout@v5\r\n        with:\r\n          path: app\r\n"
                        + "      - uses: docker/build-push-action@v6\r\n        with:\r\n          context: app\r\n"
                        + "          file: \"app/src/docker/Dockerfile\"\r\n          push: true\r\n")
                ], safety: .unsafe),
            FixExample(
                before: RuleExample(
                    [
                        ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                        (".github/workflows/publish.yml",
                         "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/build-push-action@v6\n        with:\n"
                            + "          context: \"{{defaultContext}}:src\"\n"
                            + "          file: 'Dockerfile.prod'\n          push: true\n"),
                    ], caption: "a Git context reads `file:` inside the context (`src/`)"),
                after: [
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v6\n        with:\n"
                        + "          context: \"{{defaultContext}}:src\"\n"
                        + "          file: 'docker/Dockerfile'\n          push: true\n")
                ], safety: .unsafe),
        ]
    )

    func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter) {
        var bases = [""]
        for change in script.directoryChanges {
            // A `cd` Plimsoll cannot follow: the paths cannot be resolved.
            guard let folder = change.folder else { return }
            bases.append(folder)
        }
        let isLayoutScript = script.path == repository.policy.layout.buildScriptPath
        for command in script.dockerCommands where Self.isBuild(command) {
            check(command, bases: bases, requireLayout: isLayoutScript, file: script.source, repository: repository, emitter: &emitter)
        }
    }

    func check(repository: Repository, emitter: inout FindingEmitter) {
        guard let makefile = repository.makefile else { return }
        for command in makefile.dockerCommands where Self.isBuild(command) {
            check(
                command, bases: [""], requireLayout: repository.policy.layout == .root, file: makefile.file,
                repository: repository, emitter: &emitter)
        }
    }

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        for build in file.imageBuilds {
            switch build.kind {
            case .commandLine(let command):
                guard Self.isBuild(command) else { continue }
                let directory = build.step.workingDirectory?.value ?? ""
                guard !directory.contains("$"), let base = Self.path(directory, from: "") else { continue }
                check(
                    command, bases: [base], requireLayout: build.publishes, file: workflow.file,
                    repository: repository, emitter: &emitter)
            case .buildPushAction:
                checkAction(build, file: file, repository: repository, emitter: &emitter)
            }
        }
    }

    private func checkAction(_ build: ImageBuild, file: WorkflowFile, repository: Repository, emitter: inout FindingEmitter) {
        // Where the build reads its Dockerfile is the model's answer (`ImageBuild.dockerfilePath`); this rule only
        // says it in the words the workflow uses.
        guard let resolved = build.dockerfilePath else { return }
        var anchor = build.anchor
        if let entry = build.input("context"), entry.value.string?.trimmingWhitespace().isEmpty == false {
            anchor = entry.value.span
        }
        let shown: String
        var fileEntry: Entry?
        if let entry = build.input("file"), let value = entry.value.string?.trimmingWhitespace(), !value.isEmpty {
            shown = value
            anchor = entry.value.span
            fileEntry = entry
        } else {
            shown = "{context}/Dockerfile"
        }
        report(
            shown: shown, candidates: [resolved], requireLayout: build.publishes, path: file.path, span: anchor,
            repository: repository, emitter: &emitter
        ) {
            guard let fileEntry, let workflow = file.workflow else { return [] }
            let layout = repository.policy.layout.dockerfilePath
            guard repository.entry(at: layout) != nil,
                let edit = Self.layoutFileEdit(fileEntry, build: build, layout: layout, in: workflow.file)
            else { return [] }
            // Another file is built from then on: what is built changes, so the fix is unsafe.
            return [Fix(title: "build the layout Dockerfile '\(layout)'", safety: .unsafe, edits: [edit])]
        }
    }

    /// The edit that makes a build-push-action's `file:` name the layout Dockerfile, written as the build reads
    /// it (`ImageBuild.dockerfilePath`): inside a Git context relative to the context; otherwise as a workspace
    /// path through the same checkout folder the written value goes through (`app/docker/Dockerfile` read as
    /// the repository's `docker/Dockerfile` becomes `app/src/docker/Dockerfile`). Only the scalar's characters
    /// change, inside its quotes if it has any. Nil for a value written in a way this cannot keep (an escape, a
    /// block scalar, a workspace expression, a folder the layout is not under).
    static func layoutFileEdit(_ entry: Entry, build: ImageBuild, layout: String, in file: SourceFile) -> FileEdit? {
        let node = entry.value
        guard !node.isFlow, let scalar = node.scalar, node.span.lowerBound.line == node.span.upperBound.line,
            node.span.upperBound.offset <= file.bytes.count, let resolved = build.dockerfilePath
        else { return nil }
        var range = node.span.lowerBound.offset..<node.span.upperBound.offset
        switch scalar.style {
        case .plain: break
        case .singleQuoted, .doubleQuoted:
            guard range.count >= 2 else { return nil }
            range = (range.lowerBound + 1)..<(range.upperBound - 1)
        default: return nil
        }
        let written = scalar.value
        // The bytes are the value itself: no escapes, no surrounding spaces.
        guard !written.isEmpty, written == written.trimmingWhitespace(), file.bytes[range].elementsEqual(written.utf8)
        else { return nil }
        let dot = written.hasPrefix("./") ? "./" : ""
        let path = String(written.dropFirst(dot.count))
        guard RepositoryPath.normalize(path) == path else { return nil }
        let replacement: String
        if build.isGitContext {
            guard let inContext = build.gitContextFile(reading: layout) else { return nil }
            replacement = inContext
        } else {
            // The written path is the checkout's folder, then the repository path it resolved to.
            guard path == resolved || path.hasSuffix("/" + resolved) else { return nil }
            replacement = String(path.dropLast(resolved.count)) + layout
        }
        guard replacement != path else { return nil }
        return FileEdit(path: file.path, range: range, replacement: dot + replacement)
    }

    private func check(
        _ command: DockerCommand, bases: [String], requireLayout: Bool, file: SourceFile, repository: Repository,
        emitter: inout FindingEmitter
    ) {
        let relative: String
        let word: ShellWord
        if let option = command.options("--file").first {
            word = option.value ?? option.word
            guard let text = option.text, !word.hasExpansion, text != "-", !text.hasPrefix("/") else { return }
            relative = text
        } else {
            guard let context = command.arguments.last, !context.hasExpansion, context.value != "-",
                  !context.value.containsText("://"), !context.value.hasPrefix("git@"), !context.value.hasPrefix("/")
            else { return }
            word = context
            relative = context.value == "." ? "Dockerfile" : context.value + "/Dockerfile"
        }
        let candidates = bases.compactMap { Self.path(relative, from: $0) }
        guard !candidates.isEmpty else { return }
        report(
            shown: relative, candidates: candidates, requireLayout: requireLayout, path: file.path,
            span: file.span(word.range), repository: repository, emitter: &emitter)
    }

    private func report(
        shown: String, candidates: [String], requireLayout: Bool, path: String, span: SourceSpan,
        repository: Repository, emitter: inout FindingEmitter, fixes: () -> [Fix] = { [] }
    ) {
        let layout = repository.policy.layout.dockerfilePath
        let existing = candidates.filter { repository.entry(at: $0) != nil }
        guard let found = existing.first else {
            let variants = candidates.flatMap { repository.caseVariants(of: $0) }.map(\.path)
            emitter.emit(
                .missing(shown, resolved: candidates[0]), path: path, span: span,
                notes: variants.isEmpty ? ["the layout Dockerfile is '\(layout)'"]
                    : ["'\(variants[0])' differs only in case; Linux runners are case-sensitive"],
                fixes: fixes)
            return
        }
        // Where the layout Dockerfile does not exist, PL101 already says where the Dockerfile is (the other
        // layout's, when there is one): saying it again at every build is one root cause reported many times,
        // but a build of yet another file is still a build of a Dockerfile nobody builds locally.
        guard requireLayout else { return }
        if repository.entry(at: layout) != nil {
            if !existing.contains(layout) { emitter.emit(.notLayout(found, layout: layout), path: path, span: span) }
        } else if let main = Layout.allCases.map(\.dockerfilePath).first(where: { repository.entry(at: $0) != nil }),
            !existing.contains(main)
        {
            emitter.emit(.notMain(found, main: main), path: path, span: span)
        }
    }

    static func isBuild(_ command: DockerCommand) -> Bool {
        if case .build = command.kind { return true }
        return false
    }

    /// `relative` resolved against the repo-relative folder `base`; nil when it leaves the repository or is
    /// absolute (`RepositoryPath`, the one reading of paths in the repository).
    static func path(_ relative: String, from base: String) -> String? {
        RepositoryPath.normalize(RepositoryPath.join(base, relative))
    }
}

extension String {
    fileprivate static func missing(_ shown: String, resolved: String) -> String {
        shown == resolved
            ? "the build reads Dockerfile '\(shown)', which does not exist"
            : shown == "{context}/Dockerfile"
            ? "without 'file:' the build reads '{context}/Dockerfile', that is '\(resolved)', which does not exist"
            : "the build reads Dockerfile '\(shown)', but '\(resolved)' does not exist"
    }

    fileprivate static func notMain(_ found: String, main: String) -> String {
        "the build uses '\(found)', not the repository's Dockerfile '\(main)'"
    }

    fileprivate static func notLayout(_ found: String, layout: String) -> String {
        "the build uses '\(found)', not the layout Dockerfile '\(layout)'"
    }
}
