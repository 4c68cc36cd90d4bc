import PlimsollCore
import RepositoryModel

/// A SHA tag pushed from a `pull_request` run names a test-merge commit.
struct PullRequestShaTagRule: Rule {
    static let description = RuleDescription(
        id: "PL602",
        name: "pull-request-sha-tag",
        title: "SHA Tag Not Searchable",
        family: .release,
        defaultSeverity: .warning,
        summary: "An image is pushed from a `pull_request` run with a tag made from `github.sha`, which there is "
            + "the synthetic test-merge commit.",
        rationale: """
            On `pull_request`, `GITHUB_SHA` is the merge commit GitHub creates to test the pull request against \
            its base, not a commit of the branch (GitHub docs, "Events that trigger workflows"). It never lands on the default branch, and GitHub's commit \
            search (`hash:`) only searches the default branch (GitHub docs, "Searching commits"), so the image's SHA tag or `revision` leads \
            nowhere: the standard's requirement "search for code with hash" fails. metadata-action's `type=sha` \
            uses the same SHA unless `DOCKER_METADATA_PR_HEAD_SHA=true`.
            """,
        fix: "Push only from `push` runs (`push: ${{ github.event_name != 'pull_request' }}`), or tag pull "
            + "requests with `github.event.pull_request.head.sha` (`DOCKER_METADATA_PR_HEAD_SHA: true`).",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  pull_request:
                    types: [closed]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ↓ghcr.io/acme/app:${{ github.sha }}

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: |
                            ↓type=sha
                            type=ref,event=pr
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "metadata-action's `type=sha` in a pull request run"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  pull_request:
                    types: [closed]
                jobs:
                  image:
                    if: github.event.pull_request.merged == true
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ github.sha }}

                """, caption: "a merged pull request's run: `github.sha` is the merge commit on the base branch"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: type=sha
                      - uses: docker/build-push-action@v7
                        with:
                          push: ${{ github.event_name != 'pull_request' }}
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "pull requests build without pushing"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: pull_request
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:${{ github.event.pull_request.head.sha }}

                """, caption: "the pull request's own head commit"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope, scope.triggers.pullRequest else { return }
        let event = scope.triggers.pullRequestEvent
        for publication in scope.publications where publication.pushes(in: event) {
            let headSHA = Self.usesHeadSHA(publication)
            let shaItems = publication.items(for: event).filter { item in
                if item.metadata?.tag.spec?.kind == .sha { return !headSHA }
                return (ImageReferenceText.split(item.resolved).tag?.lowercased() ?? "").containsText("github.sha")
            }
            // Only a run on the synthetic merge commit: a build that runs only for a merged pull request
            // (`if: github.event.pull_request.merged`) is on the base branch and its real merge commit.
            guard !shaItems.isEmpty, publication.builds.contains(where: { build in
                ConditionEvaluator.stepMayRun(build.step, of: build.job, in: publication.workflow, scenario: .pullRequest)
            }) else { continue }
            for item in shaItems { emitter.emit(.mergeSHA, path: workflow.path, span: item.span) }
        }
    }

    static func usesHeadSHA(_ publication: Publication) -> Bool {
        let environment = EnvironmentEntries(
            workflow: publication.workflow, job: publication.job, step: publication.tagsMetadata?.step)
        return environment.values["DOCKER_METADATA_PR_HEAD_SHA"]?.lowercased() == "true"
    }
}

extension String {
    fileprivate static let mergeSHA =
        "the SHA tag of a 'pull_request' run names the test-merge commit, which commit search cannot find"
}
