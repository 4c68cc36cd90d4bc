import PlimsollCore
import RepositoryModel
import WorkflowModel

/// The job that pushes to GHCR must hold `packages: write` and `contents: read`, from its own files, and little else.
struct PushJobPermissionsRule: Rule {
    static let description = RuleDescription(
        id: "PL402",
        name: "push-job-permissions",
        title: "Effective Permissions of the Push Job",
        family: .token,
        defaultSeverity: .error,
        summary: "A job that pushes to `ghcr.io` has effective GITHUB_TOKEN permissions without `packages: write` "
            + "(or without `contents: read` when it reads the repository), has none written down, or grants "
            + "more writes than it needs.",
        rationale: """
            GitHub computes a job's token from the repository default, then the workflow's `permissions:`, then \
            the job's, which replaces the workflow block entirely: every scope it does not name becomes none \
            (GitHub docs, "Controlling permissions for GITHUB_TOKEN"; GitHub docs, "Automatic token authentication"). Pushing to GHCR needs `packages: write`, and checking out or building from the \
            Git context needs `contents: read` (GitHub docs, "Publishing Docker images"). A block that lacks either fails at push time with \
            "denied: installation not allowed to Write organization package" (actions/runner#1039).

            With no block at all the job gets the repository default, which no file shows: organisations \
            created since 2023-02-02 default to read-only (GitHub docs, "Automatic token authentication"), so the push works only if someone ticked "Read \
            and write" in the settings, the standard's access checklist item. Writing the two scopes down makes \
            the workflow work in any repository. That is a warning, as is `write-all` or any write scope the \
            job does not use: the token is handed to every action in the job. `id-token` and `attestations` \
            writes are expected next to an attestation or OIDC step, `contents: write` next to a release.
            """,
        fix: "Give the push job `permissions: {contents: read, packages: write}` (plus `id-token: write` and "
            + "`attestations: write` when it attests), and `permissions: {}` at the top of the workflow. "
            + "`plimsoll fix` adds a missing `packages: write` or `contents: read` to the job's own block (safe); "
            + "`plimsoll fix --unsafe` gives a job without any block one with what its push needs (unsafe: its "
            + "other steps lose what the repository default gave them) and removes from a job's own block the "
            + "writes it does not use (unsafe: an action Plimsoll does not know may use them).",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                permissions:
                  contents: read
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    ↓permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "the job block replaces the workflow block; `packages` is none"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    ↓permissions:
                      packages: write
                    steps:
                      - uses: actions/checkout@v5
                      - run: docker build -t ghcr.io/acme/app . && docker push ghcr.io/acme/app

                """, caption: "`contents` is none, so checkout fails"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  ↓image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "no block: relies on the repository's \"Read and write\" setting"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                ↓permissions: write-all
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "`write-all` is far broader than needed"),
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
                      ↓issues: write
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "a write scope the job does not use"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                permissions:
                  contents: read
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: |
                            docker.io/acme/app
                        #   ghcr.io/acme/app
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "a registry in a YAML comment is not pushed to"),
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ['v*']
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                      packages: write
                    steps:
                      - uses: actions/checkout@v6
                      - uses: docker/login-action@v4
                        with:
                          registry: ghcr.io
                          username: ${{ github.actor }}
                          password: ${{ secrets.GITHUB_TOKEN }}
                      - uses: goreleaser/goreleaser-action@v7
                        with:
                          args: release --clean
                        env:
                          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "goreleaser creates the GitHub release, which needs 'contents: write'"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                permissions: {}
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                      id-token: write
                      attestations: write
                    steps:
                      - uses: actions/checkout@v5
                      - id: push
                        uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest
                      - uses: actions/attest-build-provenance@v3
                        with:
                          subject-name: ghcr.io/acme/app
                          subject-digest: ${{ steps.push.outputs.digest }}
                          push-to-registry: true

                """, caption: "attestation scopes next to an attestation step"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                permissions:
                  contents: read
                  packages: write
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "the workflow block applies to a job without its own"),
            RuleExample(
                ".github/workflows/ci.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: false
                          tags: ghcr.io/acme/app:test

                """, caption: "a build that never pushes"),
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
                        # the image for ghcr.io
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/login-action@v4
                            with:
                              registry: ghcr.io
                              username: ${{ github.actor }}
                              password: ${{ secrets.GITHUB_TOKEN }}
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on:
                      push:
                        branches: [main]
                    jobs:
                      image:
                        # the image for ghcr.io
                        permissions:
                          contents: read
                          packages: write
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/login-action@v4
                            with:
                              registry: ghcr.io
                              username: ${{ github.actor }}
                              password: ${{ secrets.GITHUB_TOKEN }}
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """, safety: .unsafe,
                caption: "a block with what the push needs (unsafe: the job's other steps lose the repository default)"),
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on:
                      push:
                        branches: [main]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on:
                      push:
                        branches: [main]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        permissions:
                          packages: write
                          contents: read
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """,
                caption: "the missing scope added to the job's own block"),
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on:
                      push:
                        branches: [main]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                          packages: write
                          issues: write  # left from a template
                          pull-requests: write
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on:
                      push:
                        branches: [main]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                          packages: write
                        steps:
                          - uses: actions/checkout@v5
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ghcr.io/acme/app:latest

                    """, safety: .unsafe,
                caption: "writes the job does not use removed from its own block (unsafe: a step may use them)"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        let builds = file.imageBuilds.filter(\.publishes)
        for (job, permissions) in TokenPermissions.all(in: file, repository: repository) {
            let jobBuilds = builds.filter { $0.job.id == job.id }
            guard !jobBuilds.isEmpty, StepFacts.mentionsGHCR(job, in: workflow) else { continue }
            if permissions.origin == .repositoryDefault {
                emitter.emit(
                    .noBlock(job.id), path: file.path, span: job.idNode.span, severity: .warning,
                    notes: [.grantBoth]
                ) {
                    // The job's other steps lose whatever the repository default gave them: unsafe.
                    let scopes = JobPermissionsEdit.neededScopes(job, in: file)
                    guard let edit = JobPermissionsEdit.newBlock(scopes, job: job, in: file.source) else { return [] }
                    let list = scopes.map { "\($0.scope): \($0.level)" }.joined(separator: ", ")
                    return [Fix(title: "give job '\(job.id)' permissions: {\(list)}", safety: .unsafe, edits: [edit])]
                }
                continue
            }
            let packages = permissions.level(of: "packages")
            switch packages.grants(.write) {
            case false?:
                emitter.emit(.missing("packages: write", job.id), path: file.path, span: permissions.anchor(for: "packages"), notes: [.grantBoth]) {
                    Self.addingFix("packages", level: "write", permissions, job: job, in: file)
                }
            case nil:
                emitter.emit(.inherited("packages", job.id), path: file.path, span: job.idNode.span, severity: .warning)
            case true?: break
            }
            let readsRepository = job.steps.contains(where: StepFacts.isCheckout)
                || jobBuilds.contains { if case .buildPushAction = $0.kind { $0.input("context") == nil } else { false } }
            if readsRepository, permissions.level(of: "contents").grants(.read) == false {
                emitter.emit(
                    .missing("contents: read", job.id), path: file.path, span: permissions.anchor(for: "contents"),
                    notes: ["checkout and the Git context read the repository with the job's token"]
                ) {
                    Self.addingFix("contents", level: "read", permissions, job: job, in: file)
                }
            }
            if permissions.isWriteAll {
                emitter.emit(.writeAll(job.id), path: file.path, span: permissions.anchor(for: "packages"), severity: .warning, notes: [.grantBoth])
                continue
            }
            let allowed = StepFacts.expectedWrites(job, in: file)
            let extra = permissions.writeScopes.filter { !allowed.contains($0) }
            if let first = extra.first {
                emitter.emit(
                    .extraWrites(extra, job.id), path: file.path, span: permissions.anchor(for: first), severity: .warning
                ) {
                    // Only from the job's own block (a workflow's block is shared), and unsafe: a step Plimsoll
                    // does not know may use the scope.
                    guard permissions.origin == .job, let block = permissions.block,
                        let edits = JobPermissionsEdit.removingScopes(extra, from: block, in: file.source)
                    else { return [] }
                    return [Fix(title: "remove \(extra.joined(separator: ", ")) from job '\(job.id)'s permissions", safety: .unsafe, edits: edits)]
                }
            }
        }
    }
}

extension PushJobPermissionsRule {
    /// A scope the push needs, added to the job's own block (safe: the job gains only what its push needs). A
    /// workflow-level block is shared by other jobs, and a scope already there at another level is edited by
    /// hand: no fix.
    static func addingFix(
        _ scope: String, level: String, _ permissions: TokenPermissions, job: Job, in file: WorkflowFile
    ) -> [Fix] {
        guard permissions.origin == .job, let block = permissions.block, block.entry(for: scope) == nil,
            let edit = JobPermissionsEdit.addingScope(scope, level: level, to: block, in: file.source)
        else { return [] }
        return [Fix(title: "add '\(scope): \(level)' to job '\(job.id)'s permissions", safety: .safe, edits: [edit])]
    }
}

extension String {
    fileprivate static func noBlock(_ job: String) -> String {
        "job '\(job)' pushes to GHCR without a permissions block, so it relies on the repository's workflow permissions setting"
    }

    fileprivate static func missing(_ scope: String, _ job: String) -> String {
        "job '\(job)' pushes to GHCR but its effective permissions lack '\(scope)'"
    }

    fileprivate static func inherited(_ scope: String, _ job: String) -> String {
        "job '\(job)' pushes to GHCR with '\(scope)' inherited from a caller that relies on repository settings"
    }

    fileprivate static func writeAll(_ job: String) -> String {
        "job '\(job)' pushes to GHCR with 'write-all', which grants write on every scope"
    }

    fileprivate static func extraWrites(_ scopes: [String], _ job: String) -> String {
        "job '\(job)' also grants write on \(scopes.map { "'\($0)'" }.joined(separator: ", ")), which it does not need"
    }

    fileprivate static let grantBoth = "grant the job 'contents: read' and 'packages: write'"
}
