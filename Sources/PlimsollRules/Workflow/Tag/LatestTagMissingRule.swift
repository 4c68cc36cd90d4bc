import PlimsollCore
import RepositoryModel

/// Every published image gets `:latest` on the default branch.
struct LatestTagMissingRule: Rule {
    static let description = RuleDescription(
        id: "PL504",
        name: "latest-tag-missing",
        title: "Latest Tag Missing",
        family: .tag,
        defaultSeverity: .error,
        summary: "A publishing workflow pushes no `latest` tag on a push to the default branch (or, for a "
            + "release-only workflow, on its release run).",
        rationale: """
            The standard: "These GitHub actions build and push containers with a :latest tag" \
            ([the standard](standard.md)). Deployments and the local `docker run ghcr.io/<owner>/<repo>` pull `latest` by \
            default, so an image without it is invisible to them or stale. With `docker/metadata-action` the \
            trap is `flavor: latest=auto`, which adds `latest` only for `type=ref,event=tag`, `semver`, \
            `pep440` and `match` tags, never for a branch push (docker/metadata-action README): the default `tags` give a push to `main` \
            the tag `main`, not `latest`. Plimsoll computes the tags the action will output for that run.

            A tag-less `docker build -t ghcr.io/acme/app` counts as `latest` (docker's default). When another \
            workflow of the repository pushes `latest` for the same image, nothing is reported, and neither is a \
            pull request's preview image, whose every tag names the pull request. Nor when a workflow publishes \
            in a way Plimsoll cannot read (a script run after a registry login, another tool): it may push \
            `latest`.
            """,
        fix: "Add `type=raw,value=latest,enable={{is_default_branch}}` to metadata-action's `tags`, or a literal "
            + "`:latest` tag. `plimsoll fix --unsafe` adds that line where the tags come from metadata-action "
            + "(unsafe: `latest` is what deployments and `docker run` pull).",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          ↓tags: |
                            type=sha
                            type=semver,pattern={{version}}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "`latest=auto` does not apply to a branch push"),
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
                          ↓tags: ghcr.io/acme/app:${{ github.sha }}

                """),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    (".github/workflows/publish.yml",
                     "on:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                        + "          tags: ghcr.io/acme/app:latest\n"),
                    (".github/workflows/dev.yml",
                     "on: workflow_dispatch\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                        + "          tags: ghcr.io/acme/app:development\n"),
                ], caption: "a manual development build beside the workflow that pushes `latest`"),
            RuleExample(
                [
                    (".github/workflows/build.yml",
                     "on:\n  workflow_call:\n    inputs:\n      tag:\n        type: string\n        required: true\n"
                        + "jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                        + "          tags: ghcr.io/acme/app:${{ inputs.tag }}\n"),
                    (".github/workflows/main.yml",
                     "on:\n  push:\n    branches: [main]\njobs:\n  publish:\n"
                        + "    uses: ./.github/workflows/build.yml\n    with:\n      tag: latest\n"),
                ], caption: "a reusable workflow whose caller gives the tag"),
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    branches: [main]
                jobs:
                  build:
                    strategy:
                      matrix:
                        arch: [amd64, arm64]
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          platforms: linux/${{ matrix.arch }}
                          tags: ghcr.io/acme/app:${{ github.sha }}-${{ matrix.arch }}
                  merge:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker buildx imagetools create --tag ghcr.io/acme/app:latest \\
                            ghcr.io/acme/app:${{ github.sha }}-amd64 ghcr.io/acme/app:${{ github.sha }}-arm64

                """, caption: "per-platform images that a later job merges under ':latest'"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
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
                            type=raw,value=latest,enable={{is_default_branch}}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """),
            RuleExample(
                ".github/workflows/release.yml",
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

                """, caption: "a release-only workflow: `latest=auto` applies to semver tags"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker build -t ghcr.io/acme/app .
                          docker push ghcr.io/acme/app

                """, caption: "no tag means `latest`"),
            RuleExample(
                ".github/workflows/preview.yml",
                """
                on: pull_request
                jobs:
                  preview:
                    if: github.event.pull_request.head.repo.full_name == github.repository
                    runs-on: ubuntu-latest
                    steps:
                      - id: preview
                        env:
                          PR_NUMBER: ${{ github.event.pull_request.number }}
                        run: echo "tag=pr-${PR_NUMBER}" >> "$GITHUB_OUTPUT"
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app-preview:${{ steps.preview.outputs.tag }}

                """, caption: "a pull request's preview image is not a release of the image"),
            RuleExample(
                [
                    (
                        ".github/workflows/release.yml",
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
                                  flavor: latest=false
                                  tags: type=semver,pattern={{version}}
                              - uses: docker/build-push-action@v7
                                with:
                                  push: true
                                  tags: ${{ steps.meta.outputs.tags }}

                        """
                    ),
                    (
                        ".github/workflows/latest.yml",
                        """
                        on:
                          release:
                            types: [released]
                        jobs:
                          latest:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: actions/checkout@v5
                              - uses: docker/login-action@v4
                                with:
                                  registry: ghcr.io
                                  username: ${{ github.actor }}
                                  password: ${{ secrets.GITHUB_TOKEN }}
                              - run: ./scripts/tag_latest.sh

                        """
                    ),
                ], caption: "a script another workflow runs after logging in may move `latest`"),
        ],
        fixExamples: [
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on:
                      push:
                        branches: [main]
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
                                type=semver,pattern={{version}}
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

                    """,
                after: """
                    on:
                      push:
                        branches: [main]
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
                                type=semver,pattern={{version}}
                                type=raw,value=latest,enable={{is_default_branch}}
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

                    """, safety: .unsafe),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        let publishingWorkflows = repository.workflows.filter { !($0.publicationScope?.publications.isEmpty ?? true) }
        let misses = TagRequirement.misses("latest", in: repository) { scope in
            Self.requiredRuns(scope.triggers.allEvents, otherWorkflowsPublish: publishingWorkflows.count > 1)
        }
        for miss in misses {
            var notes: [String] = []
            if let metadata = miss.publication.tagsMetadata, miss.event.branch != nil, metadata.flavor.latest == .auto {
                notes.append(
                    "flavor latest=auto adds 'latest' only for tag, semver, pep440 and match tags; add "
                        + "'type=raw,value=latest,enable={{is_default_branch}}'")
            }
            var pushed: [String] = []
            for item in miss.publication.items(for: miss.event) where !pushed.contains(item.resolved) {
                pushed.append(item.resolved)
            }
            notes.append("pushed: " + pushed.joined(separator: ", "))
            emitter.emit(
                .missing(TagRequirement.describe(miss.event)), path: miss.path, span: miss.publication.missingTagSpan,
                notes: notes
            ) {
                // `latest` is what deployments and `docker run` pull: moving it is a change to review (unsafe).
                let tag = miss.event.branch != nil ? "type=raw,value=latest,enable={{is_default_branch}}" : "type=raw,value=latest"
                return StepInputEdit.tagFix(
                    adding: tag, title: "add '\(tag)' to metadata-action's tags", safety: .unsafe,
                    for: miss.publication, in: miss.publication.file)
            }
        }
    }
}

extension LatestTagMissingRule {
    /// The runs that must push `latest`: a push to the default branch; for a workflow without one, its release
    /// and tag runs; for a workflow that runs only by hand, on a schedule or for other branches (a development
    /// or test build), none, unless no other workflow of the repository publishes.
    static func requiredRuns(_ events: [RunEvent], otherWorkflowsPublish: Bool) -> [RunEvent] {
        let defaultBranch = events.filter { $0.name == "push" && $0.isDefaultBranch }
        if !defaultBranch.isEmpty { return defaultBranch }
        let releases = events.filter { $0.name == "release" || $0.tag != nil }
        if !releases.isEmpty { return releases }
        return otherWorkflowsPublish ? [] : events
    }
}

extension String {
    fileprivate static func missing(_ run: String) -> String {
        "no ':latest' tag is pushed on \(run)"
    }
}
