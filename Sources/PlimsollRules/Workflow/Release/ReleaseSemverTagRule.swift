import PlimsollCore
import RepositoryModel

/// A workflow run for a release tag publishes the version as an image tag.
struct ReleaseSemverTagRule: Rule {
    static let description = RuleDescription(
        id: "PL604",
        name: "release-semver-tag",
        title: "Semver Release Not Reflected in Image Tags",
        family: .release,
        defaultSeverity: .warning,
        summary: "A workflow runs for `v*` tags or releases and publishes an image, but no tag carries the version "
            + "(`type=semver`, or a tag from `github.ref_name`).",
        rationale: """
            When a release tag triggers the build, the image should be findable by that version: metadata-action's \
            `type=semver,pattern={{version}}` turns `v1.2.3` into `1.2.3` (and `1.2`, `1` if wanted), and its \
            `version` label records it (docker/metadata-action README; OCI image spec, "Annotations"). Without it the release publishes only `latest` or a SHA, and \
            nobody can pull "version 1.2.3".
            """,
        fix: "Add `type=semver,pattern={{version}}` to metadata-action's `tags`, or a `:${{ github.ref_name }}` tag.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                    tags: [↓"v*"]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  ↓release:
                    types: [published]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: |
                            type=sha
                            type=raw,value=latest
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*.*.*"]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: tag
                        run: echo "name=${GITHUB_REF#refs/tags/v}" >> "$GITHUB_OUTPUT"
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ steps.tag.outputs.name }}

                """, caption: "the version from a step output that strips 'refs/tags/v' from the ref"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: type=semver,pattern={{version}}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ github.ref_name }}

                """, caption: "the git tag itself as the image tag"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  release:
                    types: [published]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: type=semver,pattern={{version}},value=${{ github.event.release.tag_name }}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "the version from the release's tag name"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope, let span = scope.triggers.releaseTriggerSpan,
            let trigger = scope.triggers.releaseTriggerText
        else { return }
        let event = scope.triggers.release && trigger == "release"
            ? RunEvent.release(scope.triggers.exampleTag, defaultBranch: scope.triggers.defaultBranch)
            : scope.triggers.tagEvent
        let publications = scope.publications.filter { $0.pushes(in: event) }
        guard !publications.isEmpty else { return }
        let version = MetadataVersion(scope.triggers.exampleTag)
        for publication in publications {
            if publication.isOpaque { return }
            for item in publication.items(for: event) {
                if item.isOpaque { return }
                if let kind = item.metadata?.tag.spec?.kind, [.semver, .pep440, .match].contains(kind) { return }
                if item.metadata?.tag.spec?.kind == .ref, item.metadata?.tag.spec?.event == "tag" { return }
                let tag = (ImageReferenceText.split(item.text).tag ?? "").lowercased()
                if let version, tag.containsText("\(version.major).\(version.minor)") { return }
                let resolved = (ImageReferenceText.split(item.resolved).tag ?? "").lowercased()
                if ["ref_name", "tag_name", "version", "github.ref", "github_ref", "release"].contains(where: resolved.containsText),
                    resolved.containsText("$")
                {
                    return
                }
            }
        }
        emitter.emit(.missing(trigger), path: workflow.path, span: span)
    }
}

extension String {
    fileprivate static func missing(_ trigger: String) -> String {
        "the workflow runs for releases ('\(trigger)') but no image tag carries the version"
    }
}
