import PlimsollCore

/// The image names its repository, so GHCR links the package.
struct PackageSourceLabelRule: Rule {
    static let description = RuleDescription(
        id: "PL407",
        name: "package-source-label",
        title: "Package Not Linkable",
        family: .token,
        defaultSeverity: .warning,
        summary: "A published image has no `org.opencontainers.image.source` label (warning), or one that is not "
            + "`https://github.com/<owner>/<repo>` (error).",
        rationale: """
            GHCR links a package to its repository through `org.opencontainers.image.source` \
            (docs "Connecting a repository to a package", F8). A linked package inherits the repository's access \
            and shows its README, and the access checklist in the standard ("Image Package is Linked to the \
            Repository") is then done by the build itself. A push from the CLI is not linked even when the names \
            match, and `GITHUB_TOKEN` cannot push to a package that exists but was never connected. The label \
            may come from the Dockerfile the workflow builds (`LABEL`), the `labels:` input, or metadata-action's \
            `labels` output, which sets it automatically. A value that is not a GitHub repository URL links \
            nothing.
            """,
        fix: "Pass `labels: ${{ steps.meta.outputs.labels }}` from metadata-action, or add "
            + "`LABEL org.opencontainers.image.source=https://github.com/<owner>/<repo>` to the Dockerfile.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - ↓uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\nLABEL org.opencontainers.image.source=↓https://gitlab.com/acme/app\n"),
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
                ], caption: "a source that is not a GitHub repository"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"https://github.com/acme/app\"\n"),
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
                ]),
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
                          images: ghcr.io/acme/app
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}
                          labels: ${{ steps.meta.outputs.labels }}

                """, caption: "metadata-action's labels include the source"),
        ]
    )

    static let key = "org.opencontainers.image.source"

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.tagScope else { return }
        let events = scope.triggers.allEvents
        var reported: Set<String> = []
        for publication in scope.publications {
            guard let event = events.first(where: { publication.pushes(in: $0) }) else { continue }
            let labels = publication.labels(in: repository, event: event).filter { $0.key == Self.key }
            guard let label = labels.last else {
                let build = publication.builds[0]
                var span = build.anchor
                if case .buildPushAction = build.kind,
                    let uses = build.step.node.mapping?.first(where: { $0.key.string == "uses" })?.key
                {
                    span = uses.span
                }
                emitter.emit(.missing, path: workflow.path, span: span)
                continue
            }
            guard !Self.isRepositoryURL(label.value, owner: repository.policy.owner) else { continue }
            let path: String
            if case .dockerfile(let file) = label.origin { path = file } else { path = workflow.path }
            guard reported.insert("\(path) \(label.span.lowerBound.offset)").inserted else { continue }
            emitter.emit(.notRepository(label.value), path: path, span: label.span, severity: .error)
        }
    }

    /// `https://github.com/<owner>/<repo>` (case-insensitive), or a value built from expressions or variables.
    static func isRepositoryURL(_ value: String, owner: String?) -> Bool {
        if value.contains("$") { return true }
        var text = value.lowercased()
        if text.hasSuffix(".git") { text = String(text.dropLast(4)) }
        if text.hasSuffix("/") { text = String(text.dropLast()) }
        guard text.hasPrefix("https://github.com/") else { return false }
        let parts = text.dropFirst("https://github.com/".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        if let owner, parts[0] != owner.lowercased() { return false }
        return true
    }
}

extension String {
    fileprivate static let missing = "the image has no 'org.opencontainers.image.source' label, so GHCR does not link the package"

    fileprivate static func notRepository(_ value: String) -> String {
        "'org.opencontainers.image.source' is '\(value)', not a 'https://github.com/<owner>/<repo>' URL"
    }
}
