import PlimsollCore
import RepositoryModel
import ShellSyntax

/// Local scripts build; only CI publishes.
struct LocalScriptPublishRule: Rule {
    static let description = RuleDescription(
        id: "PL104",
        name: "local-script-publishes",
        title: "Local Scripts Never Publish",
        family: .structure,
        defaultSeverity: .error,
        summary: "A local script (`src/docker/*.sh`, the layout's build script, a Makefile recipe, or a `container` "
            + "script in Pipfile or package.json) pushes an "
            + "image: `docker push`, `--push`, `--output type=registry` or `imagetools create`.",
        rationale: """
            Images in the registry must come from CI: built from a commit everyone can see, with the automatic \
            `GITHUB_TOKEN`, and linked to the repository. A push from a laptop carries whatever was in the \
            working tree, uses a personal token, and — worse — creates the package unlinked: GitHub then refuses \
            CI's later pushes to that name with "denied: installation not allowed to Write organization \
            package" until someone connects it by hand (the standard's access checklist).
            """,
        fix: "Remove the push from the script; let the publish workflow push on merge to the default branch.",
        triggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\ndocker build -t ghcr.io/example/app .\n↓docker push ghcr.io/example/app\n",
                executable: true),
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\ndocker buildx build ↓--push -t ghcr.io/example/app .\n", executable: true),
            RuleExample(
                "src/docker/release.sh", "#!/bin/sh\n↓docker buildx imagetools create -t ghcr.io/example/app:prod ghcr.io/example/app:dev\n",
                executable: true, caption: "any script in src/docker"),
            RuleExample(
                "Makefile", "image:\n\tdocker build -t app .\n\t@↓docker push app\n", caption: "a Makefile recipe"),
            RuleExample(
                "package.json", "{\n  \"scripts\": {\n    \"container\": \"docker build -t app ↓--push .\"\n  }\n}\n",
                caption: "the root layout's `container` script in package.json (or Pipfile)"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t app .\necho 'CI runs docker push'\n",
                executable: true),
            RuleExample(
                "scripts/deploy.sh", "#!/bin/sh\ndocker push app\n", executable: true,
                caption: "scripts outside src/docker are not the local build"),
        ]
    )

    func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter) {
        report(script.dockerCommands, in: script.source, emitter: &emitter)
    }

    /// The local builds that are not shell scripts: Makefile recipes, Pipfile and package.json scripts.
    func check(repository: Repository, emitter: inout FindingEmitter) {
        for file in repository.localBuildFiles where repository.script(at: file.source.path) == nil {
            report(file.dockerCommands, in: file.source, emitter: &emitter)
        }
    }

    private func report(_ commands: [DockerCommand], in file: SourceFile, emitter: inout FindingEmitter) {
        for command in commands {
            switch command.kind {
            case .push:
                emitter.emit(.publishes("docker push"), in: file, bytes: command.command.range)
            case .imagetoolsCreate:
                emitter.emit(.publishes("imagetools create"), in: file, bytes: command.command.range)
            case .build, .bake:
                for option in command.options("--push") {
                    emitter.emit(.publishes("--push"), in: file, bytes: option.word.range)
                }
                for option in command.options("--output") {
                    guard let text = option.text, Self.outputPushes(text) else { continue }
                    emitter.emit(
                        .publishes("--output \(text)"), in: file,
                        bytes: option.word.range.lowerBound..<(option.value ?? option.word).range.upperBound)
                }
            case .tag, .pull:
                continue
            }
        }
    }

    /// `type=registry`, or `type=image` with `push=true`.
    static func outputPushes(_ output: String) -> Bool {
        let fields = output.split(separator: ",").map { $0.lowercased() }
        return fields.contains("type=registry") || (fields.contains("type=image") && fields.contains("push=true"))
    }
}

extension String {
    fileprivate static func publishes(_ what: String) -> String {
        "a local script publishes an image ('\(what)'); only CI may push"
    }
}
