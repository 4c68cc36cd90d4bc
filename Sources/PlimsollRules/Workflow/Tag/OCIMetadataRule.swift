import PlimsollCore
import RepositoryModel

/// Published images carry the OCI created, version and revision annotations.
struct OCIMetadataRule: Rule {
    static let description = RuleDescription(
        id: "PL509",
        name: "oci-metadata",
        title: "OCI Metadata Missing",
        family: .tag,
        defaultSeverity: .note,
        summary: "A published image lacks the OCI `created`, `version` or `revision` label or annotation.",
        rationale: """
            The OCI image-spec defines `org.opencontainers.image.created` (build time), `version` and `revision` \
            (the commit) for exactly the questions the standard's backlog asks: which version is this, and which \
            commit (OCI image spec, "Annotations"). Registries and scanners show them, and `docker inspect` answers without guessing from \
            tags that move. metadata-action's `labels` output sets all three (docker/metadata-action README); ad-hoc files such as \
            `BUILT_AT` inside the image are not visible to any tool.
            """,
        fix: "Pass `labels: ${{ steps.meta.outputs.labels }}` from metadata-action (and `annotations:` for a "
            + "multi-arch index). `plimsoll fix` passes the labels of the job's metadata-action step to "
            + "build-push-action (safe); without such a step there is nothing to pass.",
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
                          tags: ghcr.io/acme/app:latest
                          ↓labels: |
                            org.opencontainers.image.revision=${{ github.sha }}

                """, caption: "`created` and `version` missing"),
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
                          images: ghcr.io/acme/app
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}
                          labels: ${{ steps.meta.outputs.labels }}

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: >-
                          docker buildx build --push -t ghcr.io/acme/app:latest
                          --label org.opencontainers.image.created=$(date -u +%FT%TZ)
                          --label org.opencontainers.image.version=1.0
                          --label org.opencontainers.image.revision=$GITHUB_SHA .

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
                          - id: meta
                            uses: docker/metadata-action@v6
                            with:
                              images: ghcr.io/acme/app
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

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
                              labels: ${{ steps.meta.outputs.labels }}
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

                    """),
        ]
    )

    static let required = ["created", "version", "revision"]

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        let events = scope.triggers.allEvents
        for publication in scope.publications {
            guard let event = events.first(where: { publication.pushes(in: $0) }) else { continue }
            let keys = Set(publication.labels(in: repository, event: event).map(\.key))
            let missing = Self.required.filter { !keys.contains("org.opencontainers.image.\($0)") }
            guard !missing.isEmpty else { continue }
            let build = publication.builds[0]
            let span = build.input("labels")?.keyNode.span ?? build.input("annotations")?.keyNode.span ?? build.anchor
            let anchor: SourceSpan
            if case .buildPushAction = build.kind, build.input("labels") == nil, build.input("annotations") == nil,
                let uses = build.step.node.mapping?.first(where: { $0.key.string == "uses" })?.key
            {
                anchor = uses.span
            } else {
                anchor = span
            }
            emitter.emit(.missing(missing), path: workflow.path, span: anchor) {
                // metadata-action's labels hold all three: passed to the build, they only add labels (safe).
                guard let labels = LabelsEdit.metadataLabels(for: publication),
                    let edit = LabelsEdit.adding(labels, to: publication)
                else { return [] }
                return [Fix(title: "pass metadata-action's labels to the build", safety: .safe, edits: [edit])]
            }
        }
    }
}

extension String {
    fileprivate static func missing(_ keys: [String]) -> String {
        "the image has no OCI " + keys.map { "'\($0)'" }.joined(separator: ", ") + " label or annotation"
    }
}
