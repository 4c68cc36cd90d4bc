import PlimsollCore
import RepositoryModel

/// Builds of the default branch get the `dev` environment tag.
struct DevTagRule: Rule {
    static let description = RuleDescription(
        id: "PL506",
        name: "dev-tag",
        title: "Dev Environment Tag Missing",
        family: .tag,
        defaultSeverity: .note,
        summary: "A push to the default branch publishes an image without the `dev` environment tag.",
        rationale: """
            The standard's deployment backlog: "CI will build containers and tag them with a :dev environment \
            tag. Additional CI Automation will pull containers into an environment when they are tagged" \
            ([the standard](standard.md)). Promotion then adds `test`, `staging` and `prod` to the same digest (Docker CLI reference, "docker buildx imagetools create"). Until \
            the organisation requires it this is a note; with `dev-tag: required` in the policy it is an error, \
            and with `dev-tag: off` it is not checked.
            """,
        fix: "Add `type=raw,value=dev,enable={{is_default_branch}}` to metadata-action's `tags`, or a `:dev` tag. "
            + "`plimsoll fix --unsafe` adds that line where the tags come from metadata-action (unsafe: a new "
            + "environment tag may start a deployment).",
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
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          ↓tags: ghcr.io/acme/app:latest

                """),
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
                            type=raw,value=latest,enable={{is_default_branch}}
                            type=raw,value=dev,enable=${{ github.ref == 'refs/heads/develop' }}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "`dev` enabled only for another branch"),
        ],
        nonTriggeringExamples: [
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
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest,ghcr.io/acme/app:dev

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
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ github.ref_name }}

                """, caption: "a workflow that never runs on the default branch"),
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
                              tags: |
                                type=schedule
                                type=ref,event=branch
                                type=ref,event=tag
                                type=ref,event=pr
                                type=raw,value=dev,enable={{is_default_branch}}
                              images: ghcr.io/acme/app
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

                    """, safety: .unsafe,
                caption: "without `tags:`, metadata-action's default tags are written out and kept"),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        let severity: Severity
        switch repository.policy.devTag {
        case .off: return
        case .required: severity = .error
        case .optional: severity = .note
        }
        let misses = TagRequirement.misses("dev", in: repository) { scope in
            scope.triggers.defaultBranchPush ? [scope.triggers.defaultBranchEvent] : []
        }
        for miss in misses {
            emitter.emit(
                .missing(miss.event.branch ?? "main"), path: miss.path, span: miss.publication.missingTagSpan,
                severity: severity
            ) {
                // A new environment tag may start a deployment: unsafe.
                StepInputEdit.tagFix(
                    adding: "type=raw,value=dev,enable={{is_default_branch}}",
                    title: "add the 'dev' tag for the default branch to metadata-action's tags", safety: .unsafe,
                    for: miss.publication, in: miss.publication.file)
            }
        }
    }
}

extension String {
    fileprivate static func missing(_ branch: String) -> String {
        "a push to '\(branch)' publishes no ':dev' environment tag"
    }
}
