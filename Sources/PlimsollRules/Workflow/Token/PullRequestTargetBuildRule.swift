import PlimsollCore
import RepositoryModel
import WorkflowModel

/// `pull_request_target` runs with a write token and secrets: it must not check out, build or push PR code.
struct PullRequestTargetBuildRule: Rule {
    static let description = RuleDescription(
        id: "PL404",
        name: "pull-request-target-build",
        title: "pull_request_target Builds PR Code",
        family: .token,
        defaultSeverity: .error,
        summary: "A job that runs on `pull_request_target` checks out the pull request's head or merge ref, or "
            + "pushes an image; building anything there is a warning.",
        rationale: """
            `pull_request_target` runs the base branch's workflow with a read/write `GITHUB_TOKEN` and the \
            repository's secrets, even for pull requests from public forks (GitHub Security Lab, "Preventing pwn requests"). Checking out \
            `github.event.pull_request.head.sha`, `head.ref` or `refs/pull/N/merge` and then building it runs \
            the stranger's Dockerfile, scripts and build steps with that token: a "pwn request" (GitHub Security \
            Lab, "Preventing pwn requests"). Pushing an image from this event publishes with write access on \
            behalf of whoever opened the PR. Building only the base branch is not an exploit in itself, but it \
            is rarely what was meant and is one edited `ref:` away from one, so it is a warning.

            Jobs whose `if:` rules the event out are skipped.
            """,
        fix: "Build and test pull requests on `pull_request` (read-only token, no secrets); if a privileged step "
            + "must follow, split it into a `workflow_run` workflow that never executes PR code.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/pr.yml",
                """
                on: pull_request_target
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v5
                        with:
                          ref: ↓${{ github.event.pull_request.head.sha }}
                      - run: docker build -t app .

                """, caption: "checks out and builds the fork's code"),
            RuleExample(
                ".github/workflows/pr.yml",
                """
                on:
                  pull_request_target:
                    types: [labeled]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: ↓true
                          tags: ghcr.io/acme/app:pr-${{ github.event.number }}

                """, caption: "pushes from the privileged event"),
            RuleExample(
                ".github/workflows/pr.yml",
                """
                on: pull_request_target
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v5
                      - run: ↓docker build -t app .

                """, caption: "a warning: only the base ref is built"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/pr.yml",
                """
                on: pull_request
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v5
                      - uses: docker/build-push-action@v7
                        with:
                          push: false

                """, caption: "`pull_request` builds with a read-only token"),
            RuleExample(
                ".github/workflows/label.yml",
                """
                on: pull_request_target
                permissions:
                  pull-requests: write
                jobs:
                  label:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/labeler@v5

                """, caption: "labelling without touching PR code"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request_target]
                jobs:
                  image:
                    if: github.event_name == 'push'
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build -t ghcr.io/acme/app . && docker push ghcr.io/acme/app

                """, caption: "the build job is gated to `push`"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        // A called workflow runs on its callers' events.
        let jobs = Set(TokenPermissions.all(in: file, repository: repository).filter { $0.permissions.runsOnPullRequestTarget }.map(\.job.id))
        guard !jobs.isEmpty else { return }
        let scenario = RunScenario.pullRequestTarget
        var headJobs: Set<String> = []
        for (job, step) in workflow.allSteps
        where jobs.contains(job.id) && ConditionEvaluator.stepMayRun(step, of: job, in: workflow, scenario: scenario) {
            if StepFacts.isCheckout(step), let ref = step.input("ref"), Self.namesPullRequestCode(ref.string ?? "") {
                emitter.emit(.headCheckout(job.id), path: file.path, span: ref.span, notes: [.splitNote])
                headJobs.insert(job.id)
            } else if let run = step.run {
                for command in file.shellCommands(of: run) {
                    let fetchesPR = StepFacts.programStarts(command, with: "gh", "pr", "checkout")
                        || (StepFacts.programStarts(command, with: "git", "fetch")
                            && command.programWords.contains { Self.namesPullRequestCode($0.value) })
                    if fetchesPR {
                        emitter.emit(.headCheckout(job.id), in: workflow.file, bytes: command.range, notes: [.splitNote])
                        headJobs.insert(job.id)
                    }
                }
            }
        }
        for build in file.imageBuilds
        where jobs.contains(build.job.id) && ConditionEvaluator.stepMayRun(build.step, of: build.job, in: workflow, scenario: scenario) {
            var pushes = build.push.mayPush
            var span = build.anchor
            if case .buildPushAction = build.kind, let push = build.input("push") {
                pushes = pushes && ConditionEvaluator.mayHold(push.value, in: scenario)
                if pushes { span = push.value.span }
            }
            if pushes {
                emitter.emit(.push(build.job.id), path: file.path, span: span, notes: [.splitNote])
            } else if !headJobs.contains(build.job.id) {
                emitter.emit(.baseBuild(build.job.id), path: file.path, span: build.anchor, severity: .warning)
            }
        }
    }

    /// True for text naming the pull request's code: its head SHA or branch, or a `refs/pull/…` ref.
    static func namesPullRequestCode(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["pull_request.head.sha", "pull_request.head.ref", "github.head_ref", "refs/pull/", "merge_commit_sha",
                "pull/${{", "head.repo.full_name"]
            .contains { lowered.containsText($0) }
    }
}

extension String {
    fileprivate static func headCheckout(_ job: String) -> String {
        "job '\(job)' checks out pull request code under 'pull_request_target', which has a write token and secrets"
    }

    fileprivate static func push(_ job: String) -> String {
        "job '\(job)' pushes an image under 'pull_request_target', which has a write token and secrets"
    }

    fileprivate static func baseBuild(_ job: String) -> String {
        "job '\(job)' builds an image under 'pull_request_target'; build pull requests on 'pull_request' instead"
    }

    fileprivate static let splitNote = "run untrusted code on 'pull_request'; keep 'pull_request_target' for steps that never execute it"
}
