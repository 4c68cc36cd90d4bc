import PlimsollCore
import RepositoryModel
import ShellSyntax

/// Image names must be lowercase; `github.repository` keeps the owner's case.
struct ImageNameLowercaseRule: Rule {
    static let description = RuleDescription(
        id: "PL501",
        name: "image-name-lowercase",
        title: "Image Name Not Lowercase",
        family: .tag,
        defaultSeverity: .error,
        summary: "A pushed image name has an uppercase letter, or uses `github.repository` or "
            + "`github.repository_owner` without lowercasing it.",
        rationale: """
            Repository names in an image reference must be lowercase (distribution reference grammar, docker/metadata-action README): \
            `docker build -t ghcr.io/Acme/App` fails with "invalid reference format: repository name must be \
            lowercase". `${{ github.repository }}` and `${{ github.repository_owner }}` keep the case of the \
            GitHub owner and repository, so a workflow that works for `acme/app` breaks the day it runs in \
            `Acme/App` or in a fork (build-push-action#237; docker/metadata-action README, "Image name and tag sanitization"). A literal \
            uppercase letter is an error; an expression that may be uppercase is a warning.

            `docker/metadata-action` lowercases its `images:` itself, so names given there are fine.
            """,
        fix: "Write the name in lowercase, pass it through metadata-action's `images:`, or lowercase it in the "
            + "shell (`${GITHUB_REPOSITORY,,}`) before using it in a tag. `plimsoll fix` lowercases a name written "
            + "out literally (safe: an uppercase name is never pushed); a name from `github.repository` is left to you.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ↓ghcr.io/Acme/app:latest

                """, caption: "a literal uppercase letter"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ↓ghcr.io/${{ github.repository }}:latest

                """, caption: "the repository name keeps the owner's case"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                env:
                  IMAGE: ghcr.io/${{ github.repository_owner }}/app
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build --push -t ↓$IMAGE:latest .

                """, caption: "through an environment variable"),
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ↓ghcr.io/Acme/app -f src/docker/Dockerfile .\n",
                executable: true, caption: "the local build fails the same way"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/${{ github.repository }}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "metadata-action lowercases `images:`"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app-<<TODO:component>>:latest

                """, caption: "a template's blank is PL106's finding, reported once"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build --push -t "ghcr.io/${GITHUB_REPOSITORY,,}:latest" .

                """, caption: "lowercased in the shell"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ github.sha }}

                """),
        ],
        fixExamples: [
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: |
                                ghcr.io/Acme/App:latest
                                ghcr.io/Acme/App:${{ github.sha }}

                    """,
                after: """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: |
                                ghcr.io/acme/app:latest
                                ghcr.io/acme/app:${{ github.sha }}

                    """, caption: "every literal use, one per round"),
            FixExample(
                "src/docker/docker-build.sh", before: "#!/bin/sh\ndocker build -t ghcr.io/Acme/app -f src/docker/Dockerfile .\n",
                after: "#!/bin/sh\ndocker build -t ghcr.io/acme/app -f src/docker/Dockerfile .\n"),
        ]
    )

    static let repositoryContexts: Set<String> = ["github.repository", "github.repository_owner"]

    /// Whether the text holds `A`–`Z`: registries allow only `[a-z0-9]` and separators in a name.
    static func hasUppercase(_ text: String) -> Bool {
        text.containsByte(where: { $0 >= 0x41 && $0 <= 0x5A })
    }

    /// The fix: the name's ASCII capitals lowercased where it is written out at `offset` (not through a variable
    /// or an expression). An uppercase name is never pushed, so nothing that works changes (safe).
    static func lowercasing(_ name: String, at offset: Int, in file: SourceFile) -> [Fix] {
        let end = offset + name.utf8.count
        guard name.isASCII, offset >= 0, end <= file.bytes.count, file.bytes[offset..<end].elementsEqual(name.utf8) else {
            return []
        }
        let lowered = name.lowercased()
        return [Fix(title: "write '\(lowered)'", safety: .safe, edits: [FileEdit(path: file.path, range: offset..<end, replacement: lowered)])]
    }

    /// The local build too: `docker build -t ghcr.io/Acme/app` fails on the developer's machine as in CI.
    func check(repository: Repository, emitter: inout FindingEmitter) {
        for file in repository.localBuildFiles {
            for command in file.dockerCommands {
                let words: [ShellWord]
                switch command.kind {
                case .build, .bake: words = command.options("--tag").compactMap(\.value)
                case .tag, .push: words = command.arguments
                case .pull, .imagetoolsCreate: words = []
                }
                // A template's blank (`TODO:name`, `<<IMAGE>>`) is PL106's to report.
                for word in words where !word.hasExpansion && !TemplatePlaceholderRule.holdsPlaceholder(word.value) {
                    let name = ImageReferenceText.split(word.value).name
                    guard Self.hasUppercase(name) else { continue }
                    emitter.emit(
                        .uppercase(name), in: file.source, bytes: word.range, notes: ["use '\(name.lowercased())'"]
                    ) { Self.lowercasing(name, at: word.range.lowerBound, in: file.source) }
                }
            }
        }
    }

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        var seen: Set<String> = []
        for publication in scope.publications {
            for item in publication.itemsInAnyRun(scope.triggers) where !item.isFromMetadata && !item.isOpaque {
                let name = ImageReferenceText.split(item.resolved).name
                guard seen.insert(name).inserted else { continue }
                let literal = ImageReferenceText.maskVariables(ImageReferenceText.mask(name))
                if Self.hasUppercase(literal) {
                    // A template's blank (`<<TODO:component>>`) is PL106's to report, once.
                    guard !TemplatePlaceholderRule.holdsPlaceholder(name) else { continue }
                    emitter.emit(
                        .uppercase(name), path: workflow.path, span: item.span,
                        notes: ["use '\(name.lowercased())'"]
                    ) { Self.lowercasing(name, at: item.span.lowerBound.offset, in: workflow.source) }
                    continue
                }
                var contexts = ImageReferenceText.unloweredReferences(name, Self.repositoryContexts)
                if let owner = repository.policy.owner, owner == owner.lowercased() {
                    contexts.removeAll { $0.lowercased() == "github.repository_owner" }
                }
                if let context = contexts.first {
                    emitter.emit(
                        .mayBeUppercase(context), path: workflow.path, span: item.span, severity: .warning,
                        notes: ["lowercase it (metadata-action `images:`, or `${GITHUB_REPOSITORY,,}` in the shell)"])
                }
            }
        }
    }
}

extension String {
    fileprivate static func uppercase(_ name: String) -> String {
        "image name '\(name)' has uppercase letters; repository names must be lowercase"
    }

    fileprivate static func mayBeUppercase(_ context: String) -> String {
        "'\(context)' keeps the owner's case; the image name fails when it has uppercase letters"
    }
}
