import PlimsollCore
import RepositoryModel

/// The local build script and CI build the same image name.
struct LocalImageNameRule: Rule {
    static let description = RuleDescription(
        id: "PL508",
        name: "local-image-name",
        title: "Local and CI Image Names Differ",
        family: .tag,
        defaultSeverity: .error,
        summary: "The repository part of the local build script's `--tag` is not the image CI pushes.",
        rationale: """
            The standard pairs `src/docker/docker-build.sh` (a local single-arch build) with CI that pushes the \
            multi-arch image ([the standard](standard.md)). When both use the same name, a developer can run, test and \
            compare the local image against `ghcr.io/<owner>/<repo>:latest` and `docker compose` files work with \
            either; when they differ, the local image silently shadows nothing and scripts that pull the CI image \
            use a different one. `${{ github.repository }}` in CI matches any `owner/repo`.
            """,
        fix: "Tag the local build with the CI image name (`ghcr.io/<owner>/<repo>:local`).",
        triggeringExamples: [
            RuleExample(
                [
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ↓ghcr.io/acme/api:local -f src/docker/Dockerfile .\n"),
                    (".github/workflows/publish.yml", """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ghcr.io/acme/app:latest

                        """),
                ], executables: ["src/docker/docker-build.sh"]),
            RuleExample(
                [
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build --tag ↓my-app src/docker\n"),
                    (".github/workflows/publish.yml", """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ghcr.io/acme/app:latest

                        """),
                ], executables: ["src/docker/docker-build.sh"], caption: "a short local name that is not the CI name"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ghcr.io/acme/app -f src/docker/Dockerfile .\n"),
                    (".github/workflows/publish.yml", """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ghcr.io/${{ vars.image }}:latest

                        """),
                ], executables: ["src/docker/docker-build.sh"],
                caption: "a variable may hold the whole path (`acme/app`)"),
            RuleExample(
                [
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ghcr.io/acme/app:local -f src/docker/Dockerfile .\n"),
                    (".github/workflows/publish.yml", """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ghcr.io/${{ github.repository }}:latest

                        """),
                ], executables: ["src/docker/docker-build.sh"]),
            RuleExample(
                [
                    ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t app src/docker\n"),
                    (".github/workflows/publish.yml", """
                        on: push
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ghcr.io/acme/app:latest

                        """),
                ], executables: ["src/docker/docker-build.sh"], caption: "a local name without namespace matches the last part"),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        let entryPoints = repository.localBuildFiles.filter(\.isEntryPoint)
        guard !entryPoints.isEmpty else { return }
        var ciNames: [String] = []
        for workflow in repository.workflows {
            guard let scope = workflow.publicationScope else { continue }
            for publication in scope.publications {
                for item in publication.itemsInAnyRun(scope.triggers) where !item.isOpaque {
                    let name = Self.path(ImageReferenceText.split(item.resolved).name)
                    if !ciNames.contains(name) { ciNames.append(name) }
                }
            }
        }
        guard !ciNames.isEmpty else { return }
        for script in entryPoints {
            check(script, ciNames: ciNames, emitter: &emitter)
        }
    }

    private func check(_ script: LocalBuildFile, ciNames: [String], emitter: inout FindingEmitter) {
        for command in script.dockerCommands {
            guard case .build = command.kind else { continue }
            // A command holding a template's blank (`-t ghcr.io/<<OWNER>>/app`, which the shell even reads as a
            // heredoc) is PL106's finding; its name means nothing yet.
            let text = String(decoding: script.source.bytes[command.command.range], as: UTF8.self)
            guard !TemplatePlaceholderRule.holdsPlaceholder(text) else { continue }
            for option in command.options("--tag") {
                let word = option.value ?? option.word
                guard let text = option.text, !word.hasExpansion else { continue }
                let local = Self.path(ImageReferenceText.split(text).name)
                guard !ciNames.contains(where: { Self.matches(local: local, ci: $0) }) else { continue }
                emitter.emit(
                    .differs(local), in: script.source, bytes: word.range.lowerBound..<word.range.upperBound,
                    notes: ["CI pushes " + ciNames.map { "'\($0)'" }.joined(separator: ", ")])
            }
        }
    }

    /// The repository path without the registry, lowercased.
    static func path(_ name: String) -> String {
        let parts = name.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            return parts.dropFirst().joined(separator: "/")
        }
        return parts.joined(separator: "/")
    }

    /// True when the local path names the CI path; a local name without `/` is compared with the last part.
    /// Contexts whose value is one path component.
    static let oneComponentContexts = [
        "github.repository_owner", "github.actor", "github.triggering_actor", "github.event.repository.name",
        "github.event.repository.owner.login",
    ]

    static func matches(local: String, ci: String) -> Bool {
        var pattern = "^"
        var rest = ci[...]
        while !rest.isEmpty {
            if rest.hasPrefix("${{"), let close = rest.firstRange(of: "}}") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 3)..<close.lowerBound].trimmingWhitespace().lowercased()
                // A value may hold a whole path (`vars.docker_repo` = `ollama/ollama`); only the contexts that name
                // one component (an owner, a repository's name, an actor) cannot.
                pattern += inner.hasSuffix("github.repository") ? "[^/]+/[^/]+"
                    : Self.oneComponentContexts.contains(where: { inner.hasSuffix($0) }) ? "[^/]+" : ".+"
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("$") {
                pattern += ".+"
                rest = rest.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "{" || $0 == "}" }
            } else {
                let character = rest.removeFirst()
                pattern += character.isLetter || character.isNumber ? String(character) : "\\\(character)"
            }
        }
        pattern += "$"
        guard let regex = try? Regex(pattern) else { return true }
        if (try? regex.wholeMatch(in: local)) != nil { return true }
        if !local.contains("/") {
            // `app` against `acme/app`.
            return (try? Regex("^(.*/)?" + local.map { $0.isLetter || $0.isNumber ? String($0) : "\\\($0)" }.joined() + "$")
                .wholeMatch(in: ci.replacing("${{ github.repository }}", with: "x/\(local)"))) != nil
                || ci.hasSuffix("/" + local) || ci == local
        }
        return false
    }
}

extension String {
    fileprivate static func differs(_ local: String) -> String {
        "the local build names the image '\(local)', which CI does not push"
    }
}
