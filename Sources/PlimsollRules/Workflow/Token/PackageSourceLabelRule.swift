import PlimsollCore
import RepositoryModel
import WorkflowModel

/// The image names its repository, so GHCR links the package.
struct PackageSourceLabelRule: Rule {
    static let description = RuleDescription(
        id: "PL407",
        name: "package-source-label",
        title: "Package Not Linkable",
        family: .token,
        defaultSeverity: .warning,
        summary: "An image pushed to GHCR without the automatic `GITHUB_TOKEN` has no "
            + "`org.opencontainers.image.source` label (warning), or a label that is not this repository's "
            + "`https://github.com/<owner>/<repo>` (error).",
        rationale: """
            GHCR links a package to its repository through `org.opencontainers.image.source` \
            (GitHub docs, "Connecting a repository to a package"). A linked package inherits the repository's \
            access and shows its README, and the access checklist in the standard ("Image Package is Linked to the \
            Repository") is then done by the build itself. A workflow that pushes with the automatic \
            `GITHUB_TOKEN` links the package to its repository by itself, so the rule is silent there; a push \
            with a personal access token, or from the CLI, is not linked even when the names match. Other \
            registries link nothing, so only GHCR pushes are checked. The label \
            may come from the Dockerfile the workflow builds (`LABEL`), the `labels:` input, or metadata-action's \
            `labels` output, which sets it automatically. A value that is not a GitHub repository URL links \
            nothing.
            """,
        fix: "Pass `labels: ${{ steps.meta.outputs.labels }}` from metadata-action, or add "
            + "`LABEL org.opencontainers.image.source=https://github.com/<owner>/<repo>` to the Dockerfile. "
            + "`plimsoll fix` adds the label to build-push-action's `labels:` (metadata-action's `labels` output "
            + "when the job has one; safe).",
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
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\nLABEL org.opencontainers.image.source=↓https://github.com/acme/base\n"),
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
                ], caption: "a source that names another repository", checkout: GitHubRepository(owner: "acme", name: "app")),
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

                """, caption: "metadata-action's labels include the source",
                checkout: GitHubRepository(owner: "acme", name: "app")),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                    steps:
                      - uses: docker/login-action@v4
                        with:
                          registry: ghcr.io
                          username: ${{ github.actor }}
                          password: ${{ secrets.GITHUB_TOKEN }}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "a push with the automatic GITHUB_TOKEN links the package by itself"),
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
                          tags: docker.io/acme/app:latest

                """, caption: "Docker Hub has no packages to link"),
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
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              labels: org.opencontainers.image.source=${{ github.server_url }}/${{ github.repository }}
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """, caption: "the label metadata-action would write"),
            FixExample(
                ".github/workflows/publish.yml",
                before: """
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
                              labels: |
                                com.example.team=platform

                    """,
                after: """
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
                              labels: |
                                com.example.team=platform
                                ${{ steps.meta.outputs.labels }}

                    """, caption: "with metadata-action in the job, its labels are passed"),
        ]
    )

    static let key = "org.opencontainers.image.source"

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        let events = scope.triggers.allEvents
        var reported: Set<String> = []
        for publication in scope.publications {
            guard let event = events.first(where: { publication.pushes(in: $0) }) else { continue }
            // GHCR links packages; other registries have nothing to link. An image whose name cannot be seen
            // (another step's output) is not claimed either way.
            let items = publication.items(for: event)
            guard items.contains(where: { !$0.isOpaque && $0.name.lowercased().hasPrefix("ghcr.io/") }) else { continue }
            let labels = publication.labels(in: repository, event: event).filter { $0.key == Self.key }
            guard let label = labels.last else {
                // A push from a workflow with the automatic GITHUB_TOKEN links the package to the repository by
                // itself ("Connecting a repository to a package"); a personal access token does not.
                if Self.logsInWithAutomaticToken(publication.job, workflow: publication.workflow) { continue }
                let build = publication.builds[0]
                var span = build.anchor
                if case .buildPushAction = build.kind,
                    let uses = build.step.node.mapping?.first(where: { $0.key.string == "uses" })?.key
                {
                    span = uses.span
                }
                emitter.emit(.missing, path: workflow.path, span: span, notes: [.missingNote]) {
                    // metadata-action's labels (its source label names the repository that runs the workflow), or
                    // the label itself: a label only links the package (safe).
                    let line = LabelsEdit.metadataLabels(for: publication) ?? Self.sourceLabel
                    guard let edit = LabelsEdit.adding(line, to: publication) else { return [] }
                    return [Fix(title: "label the image with its source repository", safety: .safe, edits: [edit])]
                }
                continue
            }
            // metadata-action writes `${{ github.server_url }}/${{ github.repository }}`: the repository that runs
            // the workflow, always the right one.
            if case .metadata = label.origin { continue }
            guard !Self.isRepositoryURL(label.value, repository: repository.remote, owner: repository.policy.owner)
            else { continue }
            let path: String
            if case .dockerfile(let file) = label.origin { path = file } else { path = workflow.path }
            guard reported.insert("\(path) \(label.span.lowerBound.offset)").inserted else { continue }
            let message: String = if Self.isRepositoryURL(label.value, repository: nil, owner: nil), let remote = repository.remote {
                .otherRepository(label.value, remote.url)
            } else {
                .notRepository(label.value)
            }
            emitter.emit(message, path: path, span: label.span, severity: .error)
        }
    }

    /// The label line metadata-action would write, for a build without metadata-action.
    static let sourceLabel = "org.opencontainers.image.source=${{ github.server_url }}/${{ github.repository }}"

    /// True when the job logs in to GHCR with `secrets.GITHUB_TOKEN` or `github.token` (login-action or
    /// `docker login`).
    static func logsInWithAutomaticToken(_ job: Job, workflow: Workflow) -> Bool {
        for step in job.steps {
            if step.action?.fullName == "docker/login-action" {
                guard let registry = step.input("registry"),
                    StepFacts.isGHCR(StepFacts.resolved(registry, step: step, job: job, workflow: workflow)),
                    let password = step.input("password")
                else { continue }
                if case .automatic = StepFacts.credential(password, step: step, job: job, workflow: workflow) {
                    return true
                }
            } else if let run = step.run?.value.lowercased(), run.containsText("docker login"), run.containsText("ghcr.io"),
                run.containsText("secrets.github_token") || run.containsText("github.token")
            {
                return true
            }
        }
        return false
    }

    /// `https://github.com/<owner>/<repo>` (case-insensitive), or a value built from expressions or variables.
    /// With the checkout's GitHub repository known, it must be that repository; else, with an owner, that owner.
    static func isRepositoryURL(_ value: String, repository: GitHubRepository?, owner: String?) -> Bool {
        if value.contains("$") { return true }
        var text = value.lowercased()
        if text.hasSuffix(".git") { text = String(text.dropLast(4)) }
        if text.hasSuffix("/") { text = String(text.dropLast()) }
        guard text.hasPrefix("https://github.com/") else { return false }
        let parts = text.dropFirst("https://github.com/".count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        if let repository {
            return parts[0] == repository.owner.lowercased() && parts[1] == repository.name.lowercased()
        }
        if let owner, parts[0] != owner.lowercased() { return false }
        return true
    }
}

extension String {
    fileprivate static let missing = "the image has no 'org.opencontainers.image.source' label, so GHCR does not link the package"

    fileprivate static let missingNote =
        "pushed without the automatic GITHUB_TOKEN, so GitHub does not link the package to this repository by itself"

    fileprivate static func otherRepository(_ value: String, _ repository: String) -> String {
        "'org.opencontainers.image.source' is '\(value)', another repository than '\(repository)', so GHCR links the package there"
    }

    fileprivate static func notRepository(_ value: String) -> String {
        "'org.opencontainers.image.source' is '\(value)', not a 'https://github.com/<owner>/<repo>' URL"
    }
}
