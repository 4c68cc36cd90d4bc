import PlimsollCore
import RepositoryModel

/// Every published image can be traced to its commit.
struct CommitReferenceRule: Rule {
    static let description = RuleDescription(
        id: "PL505",
        name: "commit-reference",
        title: "No Immutable Commit Reference",
        family: .tag,
        defaultSeverity: .warning,
        summary: "A published image has no commit SHA tag (`type=sha`, `${{ github.sha }}`) and no "
            + "`org.opencontainers.image.revision` label.",
        rationale: """
            `latest` and the environment tags move; only a tag or label naming the commit says which source an \
            image was built from, and GitHub's guidance is to keep an immutable `sha-<short>` tag for rollback \
            (Docker CLI reference, "docker buildx imagetools create"). The standard's backlog asks for versions traceable to the git commit ("search for code with \
            hash"). The OCI `revision` annotation is the standard place for it (OCI image spec, "Annotations"); metadata-action's `labels` \
            output sets it.
            """,
        fix: "Add `type=sha` to metadata-action's `tags` (and pass its `labels`), or a `:${{ github.sha }}` tag. "
            + "`plimsoll fix` adds `type=sha` where the tags come from metadata-action, else a "
            + "`<image>:${{ github.sha }}` line per image to build-push-action's `tags:` (safe: a new tag that "
            + "nothing pulls yet).",
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
                          ↓tags: type=raw,value=latest
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "metadata tags without `type=sha`, and its labels not passed"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                      - id: build
                        uses: docker/build-push-action@v7
                        with:
                          platforms: linux/amd64
                          labels: ${{ steps.meta.outputs.labels }}
                          outputs: type=image,name=ghcr.io/acme/app,push-by-digest=true,push=true
                    outputs:
                      digest: ${{ steps.build.outputs.digest }}
                  merge:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker buildx imagetools create -t ghcr.io/acme/app:latest ghcr.io/acme/app@${{ needs.build.outputs.digest }}

                """, caption: "a merge of images pushed by digest carries their metadata-action labels"),
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
                          tags: ghcr.io/acme/app:latest,ghcr.io/acme/app:${{ github.sha }}

                """),
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
                          tags: type=raw,value=latest
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}
                          labels: ${{ steps.meta.outputs.labels }}

                """, caption: "metadata-action's labels carry the revision"),
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
                                # the branch name
                                type=ref,event=branch

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
                                # the branch name
                                type=ref,event=branch
                                type=sha

                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ${{ steps.meta.outputs.tags }}

                    """,
                caption: "one more line in the `tags:` block, at its indentation"),
            FixExample(
                ".github/workflows/publish.yml",
                before: "on:\r\n  push:\r\n    branches: [main]\r\njobs:\r\n  image:\r\n    runs-on: ubuntu-latest\r\n"
                    + "    steps:\r\n      - id: meta\r\n        uses: docker/metadata-action@v6\r\n        with:\r\n"
                    + "          images: ghcr.io/acme/app\r\n          tags: type=ref,event=branch  # the branch\r\n"
                    + "      - uses: docker/build-push-action@v7\r\n        with:\r\n          push: true\r\n"
                    + "          tags: ${{ steps.meta.outputs.tags }}\r\n",
                after: "on:\r\n  push:\r\n    branches: [main]\r\njobs:\r\n  image:\r\n    runs-on: ubuntu-latest\r\n"
                    + "    steps:\r\n      - id: meta\r\n        uses: docker/metadata-action@v6\r\n        with:\r\n"
                    + "          images: ghcr.io/acme/app\r\n          tags: |  # the branch\r\n"
                    + "            type=ref,event=branch\r\n            type=sha\r\n"
                    + "      - uses: docker/build-push-action@v7\r\n        with:\r\n          push: true\r\n"
                    + "          tags: ${{ steps.meta.outputs.tags }}\r\n",
                caption: "a one-line value becomes a block; the comment and CRLF stay"),
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
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: |
                                ghcr.io/${{ github.repository_owner }}/app:latest
                                docker.io/acme/app:latest
                              platforms: linux/amd64

                    """,
                after: """
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
                              tags: |
                                ghcr.io/${{ github.repository_owner }}/app:latest
                                docker.io/acme/app:latest
                                ghcr.io/${{ github.repository_owner }}/app:${{ github.sha }}
                                docker.io/acme/app:${{ github.sha }}
                              platforms: linux/amd64

                    """,
                caption: "tags written out: one commit tag per image, its name as written"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        let events = scope.triggers.allEvents
        for publication in scope.publications {
            guard let event = events.first(where: { publication.pushes(in: $0) }), !publication.isOpaque,
                !publication.isPullRequestPreview
            else { continue }
            let items = publication.items(for: event)
            guard !items.isEmpty, !items.contains(where: \.isOpaque) else { continue }
            // A tag given as an input may be the commit.
            if items.contains(where: { Self.namesCommit($0) || $0.tagIsInput }) { continue }
            // The platform images a merge is made of, tagged with the commit, trace it too.
            if publication.members.contains(where: { $0.items(for: event).contains(where: Self.namesCommit) }) { continue }
            let labels = publication.labels(in: repository, event: event)
            if labels.contains(where: { $0.key == "org.opencontainers.image.revision" }) { continue }
            emitter.emit(.missing, path: workflow.path, span: publication.missingTagSpan) {
                if publication.tagsMetadata != nil {
                    return StepInputEdit.tagFix(
                        adding: "type=sha", title: "add 'type=sha' to metadata-action's tags", safety: .safe,
                        for: publication, in: publication.file)
                }
                return Self.literalTagFix(publication, items: items)
            }
        }
    }

    /// For tags written out in build-push-action's `tags:`: one more line per image, `<name>:${{ github.sha }}`,
    /// the name as written (its expressions kept). Safe: a new tag that nothing pulls yet.
    static func literalTagFix(_ publication: Publication, items: [PushedReference]) -> [Fix] {
        let build = publication.builds[0]
        guard case .buildPushAction = build.kind, build.step.with["tags"] != nil,
            items.allSatisfy({ !$0.isOpaque && !$0.isFromMetadata })
        else { return [] }
        var lines: [String] = []
        for item in items {
            let name = ImageReferenceText.split(item.written).name
            guard !name.isEmpty, !name.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "," }), !name.hasPrefix("#")
            else { return [] }
            let line = name + ":${{ github.sha }}"
            if !lines.contains(line) { lines.append(line) }
        }
        guard !lines.isEmpty, let edit = StepInputEdit.adding(lines, to: "tags", of: build.step, in: publication.file)
        else { return [] }
        return [Fix(title: "tag the image with the commit SHA", safety: .safe, edits: [edit])]
    }

    /// True for a `type=sha` tag or a tag built from the commit SHA.
    static func namesCommit(_ item: PushedReference) -> Bool {
        if item.metadata?.tag.spec?.kind == .sha { return true }
        guard let tag = ImageReferenceText.split(item.resolved).tag?.lowercased() else { return false }
        if tag.containsText("github.sha") || tag.containsText("head.sha") || tag.containsText("{{sha}}") { return true }
        // A step output or variable named for the SHA (`steps.vars.outputs.sha_short`, `$SHORT_SHA`).
        return (tag.containsText("${{") || tag.contains("$")) && (tag.containsText("sha") || tag.containsText("commit"))
    }
}

extension String {
    fileprivate static let missing =
        "the image gets no commit SHA tag and no 'org.opencontainers.image.revision' label"
}
