import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Some workflow of the repository pushes the image.
struct NoPublishWorkflowRule: Rule {
    static let description = RuleDescription(
        id: "PL301",
        name: "no-publish-workflow",
        title: "No Workflow Publishes the Image",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "No job in any workflow pushes an image: no `docker/build-push-action` with `push`, no "
            + "`docker buildx build --push` and no `docker push`.",
        rationale: """
            The standard has GitHub Actions build the multi-arch image and push it to the GitHub Container \
            Registry; the local script only builds for the developer's machine. A repository whose workflows \
            only build (`push` absent or `false`, the build-push-action default, docker/build-push-action README) or that has no \
            workflow at all publishes nothing, and whoever deploys pulls a stale image or a hand-pushed one \
            that is not linked to the repository (GitHub docs, "Connecting a repository to a package").

            A job that calls a reusable workflow in the same repository (`uses: ./.github/workflows/x.yml`) \
            is resolved: that file is scanned like every other workflow. Images published with another tool \
            (`docker/bake-action`, depot, goreleaser's `dockers:`, ko, crane, regctl, skopeo) or by a step \
            Plimsoll cannot read that the job hands registry credentials (an external action given a registry \
            password, a script run after a registry login) get a warning at that step instead: the repository \
            publishes, but not the standard's way. A repository without any Dockerfile is left to PL101. A reusable workflow in another \
            repository cannot be read, so when nothing else publishes, each such call is reported as a note \
            instead of an error. A composite action in the repository that pushes counts as publishing.
            """,
        fix: """
            Add a workflow job that runs `docker/build-push-action` with `push: true` (or \
            `push: ${{ github.event_name != 'pull_request' }}`), as in the compliant fixture's `publish.yml`.

            `plimsoll fix --unsafe` adds `.github/workflows/publish.yml` when no workflow publishes, the layout \
            Dockerfile exists and nothing is at that path: it builds the layout Dockerfile for linux/amd64 and \
            linux/arm64 and pushes `ghcr.io/<owner>/<repository>` with the commit SHA, `latest` and `dev` (on the \
            default branch) and the version of a `v*` tag, with `contents: read` and `packages: write` only and \
            the workflow's token; pull requests build without logging in or pushing. It runs on pushes to \
            `main`: change that if the default branch has another name. The fix is unsafe because the \
            repository starts publishing an image: review it before merging.
            """,
        triggeringExamples: [
            RuleExample(
                [
                    ("src/docker/Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/release.yml",
                     "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/login-action@v4\n        with:\n          username: acme\n"
                        + "          password: ${{ secrets.DOCKER_HUB_TOKEN }}\n"
                        + "      - name: Install dependencies\n        run: make build-deps\n"
                        + "      - name: Build and publish\n        run: ↓make release\n"),
                ], caption: "a release script after a registry login: the step that says it publishes is named"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/ci.yml",
                     "on: push\n↓jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"),
                ], caption: "workflows that never build an image"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/ci.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          ↓push: false\n"),
                ], caption: "a build that never pushes"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/ci.yml",
                     "on: push\njobs:\n  image:\n    uses: ↓org/pipelines/.github/workflows/docker.yml@v1\n"),
                ], caption: "a remote reusable workflow cannot be read: reported as a note"),
            RuleExample(
                "src/docker/Dockerfile", "FROM alpine:3.20\n",
                caption: "no workflow at all (reported at `.github/workflows/publish.yml`)"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/release.yml",
                     "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n"
                        + "      packages: write\n    steps:\n"
                        + "      - uses: ↓acme/ci/publish@v1\n        with:\n"
                        + "          ghcr_password: ${{ github.token }}\n"),
                ], caption: "an action Plimsoll cannot read is given registry credentials: a warning at that step"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/release.yml",
                     "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: ↓docker/bake-action@v6\n        with:\n          push: true\n"),
                ], caption: "another tool publishes: a warning that it is not the standard's"),
            RuleExample(
                [
                    ("Dockerfile", "FROM alpine:3.20\n"),
                    (".github/workflows/release.yml",
                     "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                        + "        build_cmd: ['./build.sh main']\n    steps:\n"
                        + "      - uses: docker/login-action@v4\n        with:\n          registry: ghcr.io\n"
                        + "          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n"
                        + "      - run: ↓${{ matrix.build_cmd }} --push\n"),
                ], caption: "a command written as an expression, run after a registry login"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/image.yml",
                """
                on:
                  push:
                    branches: [main]
                  pull_request:
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: out
                        uses: haya14busa/action-cond@v1
                        with:
                          cond: ${{ github.event_name == 'push' }}
                          if_true: type=image,push=true
                          if_false: type=oci,dest=image.tar
                      - uses: docker/build-push-action@v7
                        with:
                          outputs: ${{ steps.out.outputs.value }}
                          tags: ghcr.io/acme/app:latest
                      - if: github.event_name == 'pull_request'
                        run: skopeo copy oci-archive:image.tar docker-daemon:app:test

                """, caption: "an `outputs:` another step decides may push; a copy into the local daemon does not"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
                caption: "no Dockerfile at all: PL101 says so, and there is no image to publish"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/amd64,linux/arm64\n"),
            RuleExample(
                [
                    (
                        ".github/workflows/main.yml",
                        "on: push\njobs:\n  image:\n    uses: ./.github/workflows/docker.yml\n"
                    ),
                    (
                        ".github/workflows/docker.yml",
                        "on: workflow_call\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - run: docker buildx build --push --platform linux/amd64,linux/arm64 -t ghcr.io/o/r .\n"
                    ),
                ],
                caption: "a local reusable workflow is read, and a `docker buildx build --push` counts"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n"
                    + "          push: ${{ github.event_name != 'pull_request' }}\n",
                caption: "a push decided by an expression"),
        ],
        fixExamples: [
            FixExample(
                before: RuleExample(
                    [("src/docker/Dockerfile", "FROM alpine:3.20\n")], caption: "no workflow at all"),
                after: [(".github/workflows/publish.yml", Self.exampleWorkflow(dockerfile: "src/docker/Dockerfile"))],
                safety: .unsafe),
            FixExample(
                before: RuleExample(
                    [
                        (".plimsoll.yml", "layout: root\n"),
                        ("Dockerfile", "FROM alpine:3.20\n"),
                        (".github/workflows/ci.yml",
                         "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"),
                    ], caption: "`layout: root`, and a workflow that only tests"),
                after: [(".github/workflows/publish.yml", Self.exampleWorkflow(dockerfile: "Dockerfile"))],
                safety: .unsafe),
        ]
    )

    /// The workflow the fix examples expect, written out (not generated by the fix's own code).
    private static func exampleWorkflow(dockerfile: String) -> String {
        """
        # Publishes the image for linux/amd64 and linux/arm64 to ghcr.io with the workflow's token.
        # Pushes to main and v* tags publish; pull requests only build. (Added by `plimsoll fix`:
        # change `main` if the default branch has another name.)
        name: publish

        on:
          push:
            branches: [main]
            tags: ["v*"]
          pull_request:

        permissions: {}

        jobs:
          image:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              packages: write
            steps:
              - uses: actions/checkout@v7
              - uses: docker/setup-qemu-action@v4
              - uses: docker/setup-buildx-action@v4
              - uses: docker/login-action@v4
                if: github.event_name != 'pull_request'
                with:
                  registry: ghcr.io
                  username: ${{ github.actor }}
                  password: ${{ secrets.GITHUB_TOKEN }}
              - id: meta
                uses: docker/metadata-action@v6
                with:
                  images: ghcr.io/${{ github.repository }}
                  tags: |
                    type=sha,format=long
                    type=raw,value=latest,enable={{is_default_branch}}
                    type=raw,value=dev,enable={{is_default_branch}}
                    type=semver,pattern={{version}}
              - uses: docker/build-push-action@v7
                with:
                  context: .
                  file: \(dockerfile)
                  platforms: linux/amd64,linux/arm64
                  push: ${{ github.event_name != 'pull_request' }}
                  tags: ${{ steps.meta.outputs.tags }}
                  labels: ${{ steps.meta.outputs.labels }}

        """
    }

    func check(repository: Repository, emitter: inout FindingEmitter) {
        // Without any Dockerfile, PL101 already says what is missing; there is no image to publish.
        guard !repository.dockerfiles.isEmpty else { return }
        var remoteCalls: [(path: String, uses: StringValue)] = []
        var others: [(path: String, publisher: OtherPublisher)] = []
        var buildsWithoutPush: [(path: String, build: ImageBuild)] = []
        for file in repository.workflows {
            guard let workflow = file.workflow else { continue }
            let builds = file.imageBuilds
            if builds.contains(where: { $0.push.mayPush }) { return }
            buildsWithoutPush += builds.filter { if case .buildPushAction = $0.kind { true } else { false } }
                .map { (file.path, $0) }
            for job in workflow.jobs {
                guard let uses = job.uses, let reference = job.workflowReference, reference.kind == .repository
                else { continue }
                remoteCalls.append((file.path, uses))
            }
            others += OtherPublisher.all(in: file, repository: repository).map { (file.path, $0) }
        }
        // Known tools first, in any workflow.
        others = others.filter { if case .tool = $0.publisher.evidence { true } else { false } }
            + others.filter { if case .opaque = $0.publisher.evidence { true } else { false } }
        if repository.actions.contains(where: Self.pushes) { return }
        // Another tool publishes: say so at its step rather than that nothing does.
        if let (path, other) = others.first(where: { if case .tool = $0.publisher.evidence { true } else { false } }) {
            reportOther(other, path: path, count: others.count, emitter: &emitter)
            return
        }
        if !remoteCalls.isEmpty {
            for call in remoteCalls {
                emitter.emit(
                    .remoteCall(call.uses.value), path: call.path, span: call.uses.span, severity: .note,
                    notes: ["make sure the called workflow pushes the multi-arch image"])
            }
            return
        }
        // A step that may publish, with credentials the job hands it.
        if let (path, other) = others.first {
            reportOther(other, path: path, count: others.count, emitter: &emitter)
            return
        }
        if let (path, build) = buildsWithoutPush.first {
            let span = build.step.with["push"]?.keyNode.span ?? build.anchor
            emitter.emit(
                .neverPushes, path: path, span: span,
                notes: ["set `push: ${{ github.event_name != 'pull_request' }}` to publish from pushes only"])
            return
        }
        if let file = repository.workflows.first {
            let span = file.workflow?.root.pair(forKey: "jobs")?.key.span ?? .fileStart
            emitter.emit(.noPush(count: repository.workflows.count), path: file.path, span: span) {
                Self.publishWorkflowFix(for: repository)
            }
            return
        }
        emitter.emit(.noWorkflow, path: ".github/workflows/publish.yml", span: .fileStart) {
            Self.publishWorkflowFix(for: repository)
        }
    }

    static let publishWorkflowPath = ".github/workflows/publish.yml"

    /// The fix that adds `.github/workflows/publish.yml`, the standard's publish workflow for this repository:
    /// the layout Dockerfile built for linux/amd64 and linux/arm64 by docker/build-push-action and pushed to
    /// ghcr.io as `ghcr.io/<owner>/<repository>` with metadata-action's tags (the commit SHA always, `latest` and
    /// `dev` on the default branch, the version of a `v*` tag), least-privilege permissions, a login with the
    /// workflow's token, and no push or login on pull requests. Actions at their current majors (the policy's,
    /// else Plimsoll's data). None when the layout Dockerfile does not exist or a file is at that path already.
    /// Unsafe: the repository starts publishing.
    static func publishWorkflowFix(for repository: Repository) -> [Fix] {
        let dockerfile = repository.policy.layout.dockerfilePath
        guard repository.entry(at: dockerfile) != nil, repository.entry(at: publishWorkflowPath) == nil else { return [] }
        func use(_ name: String) -> String? {
            OutdatedActionMajorRule.currentMajor(of: name, in: repository).map { "\(name)@v\($0)" }
        }
        guard let checkout = use("actions/checkout"), let qemu = use("docker/setup-qemu-action"),
            let buildx = use("docker/setup-buildx-action"), let login = use("docker/login-action"),
            let metadata = use("docker/metadata-action"), let build = use("docker/build-push-action")
        else { return [] }
        let content = """
            # Publishes the image for linux/amd64 and linux/arm64 to ghcr.io with the workflow's token.
            # Pushes to main and v* tags publish; pull requests only build. (Added by `plimsoll fix`:
            # change `main` if the default branch has another name.)
            name: publish

            on:
              push:
                branches: [main]
                tags: ["v*"]
              pull_request:

            permissions: {}

            jobs:
              image:
                runs-on: ubuntu-latest
                permissions:
                  contents: read
                  packages: write
                steps:
                  - uses: \(checkout)
                  - uses: \(qemu)
                  - uses: \(buildx)
                  - uses: \(login)
                    if: github.event_name != 'pull_request'
                    with:
                      registry: ghcr.io
                      username: ${{ github.actor }}
                      password: ${{ secrets.GITHUB_TOKEN }}
                  - id: meta
                    uses: \(metadata)
                    with:
                      images: ghcr.io/${{ github.repository }}
                      tags: |
                        type=sha,format=long
                        type=raw,value=latest,enable={{is_default_branch}}
                        type=raw,value=dev,enable={{is_default_branch}}
                        type=semver,pattern={{version}}
                  - uses: \(build)
                    with:
                      context: .
                      file: \(dockerfile)
                      platforms: linux/amd64,linux/arm64
                      push: ${{ github.event_name != 'pull_request' }}
                      tags: ${{ steps.meta.outputs.tags }}
                      labels: ${{ steps.meta.outputs.labels }}

            """
        return [
            Fix(
                title: "add '\(publishWorkflowPath)', which publishes the multi-arch image to ghcr.io", safety: .unsafe,
                edits: [.creating(publishWorkflowPath, content: content, mode: .regular)])
        ]
    }

    private func reportOther(_ other: OtherPublisher, path: String, count: Int, emitter: inout FindingEmitter) {
        let span = other.step.uses?.span ?? other.step.run?.node.span ?? other.step.node.span
        var notes = ["the standard publishes with docker/build-push-action, whose tags, platforms and labels "
            + "Plimsoll can check"]
        if count > 1 { notes.append(count == 2 ? "1 more step publishes the same way" : "\(count - 1) more steps publish the same way") }
        let message: String = switch other.evidence {
        case .tool(let tool): .otherTool(tool)
        case .opaque(let what): .opaquePublisher(what)
        }
        emitter.emit(message, path: path, span: span, severity: .warning, notes: notes)
    }

    /// True when a composite action pushes (build-push-action with `push`, or a push command line).
    static func pushes(_ action: ActionFile) -> Bool {
        for step in action.action?.runs?.steps ?? [] {
            if step.action?.fullName == "docker/build-push-action", ImageBuild.actionPush(step).mayPush {
                return true
            }
            if let run = step.run,
                ImageBuild.commandLines(run, file: action.source).contains(where: { ImageBuild.commandPush($0).mayPush })
            {
                return true
            }
        }
        return false
    }
}

extension String {
    fileprivate static func remoteCall(_ uses: String) -> String {
        "no workflow here pushes an image; the reusable workflow '\(uses)' may, but Plimsoll cannot read it"
    }

    fileprivate static func otherTool(_ tool: String) -> String {
        "images are published with '\(tool)', not with docker/build-push-action"
    }

    fileprivate static func opaquePublisher(_ what: String) -> String {
        "no step Plimsoll can read pushes an image; '\(what)' may, with the registry credentials the job gives it"
    }

    fileprivate static let neverPushes =
        "docker/build-push-action builds but never pushes, and no other workflow publishes the image"

    fileprivate static func noPush(count: Int) -> String {
        "no job in the \(count) workflow\(count == 1 ? "" : "s") pushes an image (docker/build-push-action with "
            + "'push', 'docker buildx build --push' or 'docker push')"
    }

    fileprivate static let noWorkflow =
        "no workflow publishes the image: '.github/workflows/publish.yml' (or any other workflow) does not exist"
}
