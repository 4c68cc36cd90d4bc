import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A multi-platform build has a Buildx builder, and the setup steps come before the builds they serve.
struct BuilderSetupRule: Rule {
    static let description = RuleDescription(
        id: "PL305",
        name: "builder-setup",
        title: "Buildx Builder Missing or Out of Order",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "A multi-platform build has no earlier `docker/setup-buildx-action` (or containerd "
            + "`docker/setup-docker-action`), or a login, QEMU or Buildx step comes after every build it could serve.",
        rationale: """
            The runner's default `docker` driver cannot build several platforms: "Multi-platform build is not \
            supported for the docker driver" (Docker docs, "Multi-platform builds", cloudbees-oss/smart-tests-cli#1036). A \
            `docker-container` builder from `docker/setup-buildx-action`, a `docker buildx create --use`, or \
            the containerd image store (`docker/setup-docker-action` with `containerd-snapshotter`) can; a \
            `builder:` input names one set up elsewhere and is trusted.

            Steps run in order. A `setup-buildx-action` or `setup-qemu-action` after the job's last build \
            changes nothing for it, and a `login-action` after the last push leaves the push \
            unauthenticated ("denied" or "unauthorized"). A setup step after one build but before a later one \
            serves that later build and is fine.
            """,
        fix: "Put `docker/setup-qemu-action`, `docker/setup-buildx-action` and `docker/login-action` before the "
            + "build step.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: ↓docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/amd64,linux/arm64\n",
                caption: "no builder: the docker driver cannot build two platforms"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/setup-buildx-action@v4\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/amd64,linux/arm64\n"
                    + "      - uses: ↓docker/login-action@v4\n        with:\n          registry: ghcr.io\n",
                caption: "login after the push"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    (".github/actions/prepare/action.yml",
                     "name: prepare\nruns:\n  using: composite\n  steps:\n"
                        + "    - uses: docker/setup-qemu-action@v4\n    - uses: docker/setup-buildx-action@v4\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@v6\n      - uses: ./.github/actions/prepare\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                        + "          platforms: linux/amd64,linux/arm64\n"),
                ], caption: "the builder is set up by the repository's own composite action"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    strategy:\n      matrix:\n"
                    + "        platform: [linux/amd64, linux/arm64]\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n"
                    + "          platforms: ${{ matrix.platform }}\n",
                caption: "each matrix job builds one platform"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/setup-qemu-action@v4\n      - uses: docker/setup-buildx-action@v4\n"
                    + "      - uses: docker/login-action@v4\n        with:\n          registry: ghcr.io\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/amd64,linux/arm64\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          load: true\n"
                    + "      - uses: docker/setup-buildx-action@v4\n"
                    + "      - run: docker buildx build --push --platform linux/amd64,linux/arm64 -t ghcr.io/o/r .\n",
                caption: "a single-platform test build, then the builder for the multi-platform push"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let model = workflow.workflow else { return }
        let builds = workflow.buildFacts
        for facts in builds where facts.isBuild {
            // A matrix job builds one value of its axis (which may itself list several platforms).
            guard let count = facts.platforms.countPerJob, count >= 2, !facts.hasEarlierBuilder(in: repository),
                facts.build.input("builder") == nil, facts.command?.has("--builder") != true
            else { continue }
            emitter.emit(
                .noBuilder(count), path: workflow.path, span: facts.buildSpan,
                notes: ["add `- uses: docker/setup-buildx-action@v4` before the build"])
        }
        for job in model.jobs {
            let jobBuilds = builds.filter { $0.job.id == job.id }
            guard !jobBuilds.isEmpty else { continue }
            let lastBuild = jobBuilds.filter(\.isBuild).map(\.step.index).max()
            let lastBuildx = jobBuilds.filter(\.usesBuildx).map(\.step.index).max()
            let lastPush = jobBuilds.filter(\.mayPush).map(\.step.index).max()
            let checks: [(last: Int?, isSetup: (Step) -> Bool, what: String)] = [
                (lastBuild, BuildFacts.setsUpQEMU, "sets up QEMU"),
                (lastBuildx, BuildFacts.setsUpBuilder, "sets up the builder"),
                (lastPush, { StepFacts.isRegistryLogin($0) }, "logs in"),
            ]
            for check in checks {
                guard let last = check.last,
                    !job.steps.contains(where: { $0.index < last && check.isSetup($0) }),
                    let late = job.steps.first(where: { $0.index > last && check.isSetup($0) }),
                    let uses = late.uses
                else { continue }
                let lastLine = job.steps.first { $0.index == last }.map { model.file.span(stepRange($0)).lowerBound.line }
                emitter.emit(
                    .outOfOrder(uses.value, what: check.what, line: lastLine ?? 0), path: workflow.path,
                    span: uses.span, notes: ["move this step before the build"])
            }
        }
    }

    private func stepRange(_ step: Step) -> Range<Int> {
        step.node.span.lowerBound.offset..<step.node.span.upperBound.offset
    }
}

extension String {
    fileprivate static func noBuilder(_ count: Int) -> String {
        "a \(count)-platform build without a Buildx builder; the docker driver cannot build several platforms"
    }

    fileprivate static func outOfOrder(_ uses: String, what: String, line: Int) -> String {
        "'\(uses)' \(what) after the last build it could serve (line \(line))"
    }
}
