import PlimsollCore
import RepositoryModel
import ShellSyntax

/// Promote by re-tagging the digest in the registry, not by rebuilding or by pull/tag/push.
struct PromotionRule: Rule {
    static let description = RuleDescription(
        id: "PL507",
        name: "promotion-by-retag",
        title: "Promote by Retagging the Digest, Not Rebuilding",
        family: .tag,
        defaultSeverity: .warning,
        summary: "A job promotes an image with `docker pull`, `docker tag` and `docker push` (error), or rebuilds "
            + "an image only to give it an environment tag such as `prod` (warning).",
        rationale: """
            Promotion in the standard means adding an environment tag to an image that was already built and \
            tested ([the standard](standard.md)'s backlog). `docker pull` fetches one platform of a multi-arch index, so \
            `docker tag` and `docker push` publish a single-platform image under the new tag: arm64 machines \
            then get an amd64 image or nothing (otterize/intents-operator#322, Docker CLI reference, "docker buildx imagetools create"). A rebuild for the new tag \
            produces a different digest from different inputs, so what reaches `prod` is not what was tested. \
            A build is a rebuild when the repository's workflows also build the same image under a tag that is \
            no environment's (`:sha-…`, `:1.2.3`, `:latest`, `:dev`): that build's digest is what a promotion \
            retags. An image built once and tagged `test` (a manual test build) is the first build of that image, \
            not a promotion, and does not fire.

            `docker buildx imagetools create -t NEW SRC`, `crane tag` and `regctl image copy` copy the whole \
            index in the registry and keep the digest (Docker CLI reference, "docker buildx imagetools create"); they are not reported.
            """,
        fix: "Use `docker buildx imagetools create -t ghcr.io/owner/app:prod ghcr.io/owner/app:sha-<sha>` (or "
            + "`crane tag`, `regctl image copy`).",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/promote.yml",
                """
                on: workflow_dispatch
                jobs:
                  promote:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker pull ghcr.io/acme/app:${{ github.sha }}
                          docker ↓tag ghcr.io/acme/app:${{ github.sha }} ghcr.io/acme/app:prod
                          docker push ghcr.io/acme/app:prod

                """, caption: "pull, tag and push keep one platform"),
            RuleExample(
                [
                    (".github/workflows/promote.yml", """
                    on: workflow_dispatch
                    jobs:
                      promote:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ↓ghcr.io/acme/app:prod

                    """),
                    (".github/workflows/publish.yml", Self.publishWorkflow),
                ],
                caption: "a rebuild only to tag `prod`, of an image `publish.yml` builds"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/promote.yml",
                """
                on: workflow_dispatch
                jobs:
                  promote:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker buildx imagetools create -t ghcr.io/acme/app:prod ghcr.io/acme/app:${{ github.sha }}

                """),
            RuleExample(
                ".github/workflows/promote.yml",
                """
                on: workflow_dispatch
                jobs:
                  promote:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          crane tag ghcr.io/acme/app:${{ github.sha }} prod
                          regctl image copy ghcr.io/acme/app:${{ github.sha }} ghcr.io/acme/app:staging

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
                          tags: ghcr.io/acme/app:latest,ghcr.io/acme/app:dev

                """, caption: "the build that creates the image may add `dev`"),
            RuleExample(
                ".github/workflows/build-test.yml",
                """
                on: workflow_dispatch
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:test

                """, caption: "an image built once and tagged `test`: no other build of it to retag"),
            RuleExample(
                [
                    (".github/workflows/promote.yml", """
                    on: workflow_dispatch
                    jobs:
                      promote:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/tools:prod

                    """),
                    (".github/workflows/publish.yml", Self.publishWorkflow),
                ],
                caption: "another image: `publish.yml` builds ghcr.io/acme/app, not ghcr.io/acme/tools"),
            RuleExample(
                [
                    (".github/workflows/release.yml", """
                    on:
                      release:
                        types: [published]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:prod

                    """),
                    (".github/workflows/staging.yml", """
                    on: workflow_dispatch
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:staging

                    """),
                ],
                caption: "only environment tags, each built once: no build of the image under a commit or version tag"),
        ]
    )

    /// A workflow that builds ghcr.io/acme/app for each commit.
    static let publishWorkflow = """
        on: push
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v7
                with:
                  push: true
                  tags: ghcr.io/acme/app:${{ github.sha }}

        """

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let model = workflow.workflow else { return }
        for job in model.jobs {
            var commands: [DockerCommand] = []
            for step in job.steps {
                if let run = step.run { commands += workflow.dockerCommands(of: run) }
            }
            let pulled = commands.contains { $0.kind == .pull }
            let pushed = commands.contains { $0.kind == .push }
            guard pulled, pushed else { continue }
            for command in commands where command.kind == .tag {
                emitter.emit(
                    .flattening, in: workflow.source, bytes: command.verbRange, severity: .error,
                    notes: ["use 'docker buildx imagetools create -t NEW SOURCE', 'crane tag' or 'regctl image copy'"])
            }
        }
    }

    /// Publications that push only environment tags, when the repository builds the same image under another tag.
    func check(repository: Repository, emitter: inout FindingEmitter) {
        // The policy's environment tags other than `dev`, lowercased.
        let promotionTags = Set(repository.policy.environmentTags.map { $0.lowercased() }).subtracting(["dev"])
        guard !promotionTags.isEmpty else { return }
        let builds = BuildsByImage(repository, promotionTags: promotionTags)
        for workflow in repository.workflows {
            guard let scope = workflow.publicationScope else { continue }
            for publication in scope.publications where !publication.isCommandLine && !publication.isOpaque {
                let events = scope.triggers.allEvents.filter { publication.pushes(in: $0) }
                let items = events.flatMap { publication.items(for: $0) }
                guard !items.isEmpty, !items.contains(where: \.isOpaque) else { continue }
                let tags = items.compactMap { $0.effectiveTag?.lowercased() }
                guard tags.count == items.count, tags.allSatisfy(promotionTags.contains) else { continue }
                // A rebuild: the repository builds the same image under another tag elsewhere. An image built once
                // and tagged `test` (a manual test build) is not one.
                guard let original = builds.first(named: Set(items.map { $0.name.lowercased() }), besides: publication)
                else { continue }
                emitter.emit(
                    .rebuild(items[0].effectiveTag ?? ""), path: workflow.path, span: items[0].span,
                    notes: ["'\(original.reference)' is built in '\(original.path)'"])
            }
        }
    }
}

/// The references each image is pushed under with a tag that is no promotion (a commit, a version, `latest`,
/// `dev`), by lowercased image name, from every publication of the repository that pushes in some run and is no
/// pull request's preview: the builds whose digest a promotion would retag. Built once per repository.
private struct BuildsByImage {
    private var builds: [String: [(reference: String, path: String, publication: Publication)]] = [:]

    init(_ repository: Repository, promotionTags: Set<String>) {
        for file in repository.workflows {
            guard let scope = file.publicationScope else { continue }
            for publication in scope.publications where !publication.isOpaque {
                var named: [String: String] = [:]
                for item in publication.itemsInAnyRun(scope.triggers) where !item.isOpaque {
                    guard let tag = item.effectiveTag?.lowercased(), !promotionTags.contains(tag) else { continue }
                    let name = item.name.lowercased()
                    if named[name] == nil { named[name] = item.text }
                }
                guard !named.isEmpty, !publication.isPullRequestPreview,
                    scope.triggers.allEvents.contains(where: { publication.pushes(in: $0) })
                else { continue }
                for (name, reference) in named {
                    builds[name, default: []].append((reference, file.path, publication))
                }
            }
        }
    }

    /// The first build of one of `names` by another publication; nil when there is none (an image only ever
    /// built under environment tags has no first build to point at).
    func first(named names: Set<String>, besides publication: Publication) -> (reference: String, path: String)? {
        for name in names.sorted() {
            if let build = builds[name]?.first(where: { $0.publication !== publication }) {
                return (build.reference, build.path)
            }
        }
        return nil
    }
}

extension String {
    fileprivate static let flattening =
        "'docker pull', 'docker tag' and 'docker push' promote only one platform of a multi-arch image"

    fileprivate static func rebuild(_ tag: String) -> String {
        "the image is rebuilt only to tag it '\(tag)'; retag the tested digest instead"
    }
}
