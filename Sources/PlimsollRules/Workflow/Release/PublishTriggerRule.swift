import PlimsollCore
import RepositoryModel
import WorkflowModel

/// The publishing workflow runs on pushes to the default branch (or on tags and releases), not only on
/// pull-request events.
struct PublishTriggerRule: Rule {
    static let description = RuleDescription(
        id: "PL601",
        name: "publish-trigger-default-branch",
        title: "Publish Trigger Does Not Cover the Default Branch",
        family: .release,
        defaultSeverity: .warning,
        summary: "A workflow that pushes an image runs only on pull-request events, never on a push to the "
            + "default branch, a tag or a release.",
        rationale: """
            Publishing "on merge" with `pull_request: types: [closed]` misses every direct push to the default \
            branch, runs for pull requests closed without merging unless each job checks `merged`, and gets a \
            read-only token for pull requests from forks, so the push is denied (GitHub docs, "Automatic token authentication"). Its \
            `GITHUB_SHA` is the pull request's merge commit (GitHub docs, "Events that trigger workflows"). `push: branches: [main]` (plus `tags: \
            ['v*']` for releases) publishes exactly what lands on the default branch, with a write token.

            Events that run on the default branch or on a chosen ref count as covering it: `push` (branches \
            or tags), `release`, `workflow_dispatch` (a deliberate manual publish from the branch the user \
            picks, which is the default branch unless changed), `schedule`, `workflow_run`, `workflow_call` \
            (the caller decides) and `repository_dispatch`. A `push` limited to branches other than `main` \
            is not reported, because the default branch's name is not in the repository's files.
            """,
        fix: "Trigger the publishing workflow with `push: branches: [main]` (and `tags: ['v*']`), and guard the "
            + "push with `${{ github.event_name != 'pull_request' }}` if it also runs on pull requests.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on:\n  ↓pull_request:\n    types: [closed]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n",
                caption: "publishing when a pull request closes"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: [↓pull_request, issue_comment]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: docker buildx build --push -t ghcr.io/o/r .\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on:\n  push:\n    branches: [main]\n    tags: ['v*']\n  pull_request:\njobs:\n  image:\n"
                    + "    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v7\n        with:\n"
                    + "          push: ${{ github.event_name != 'pull_request' }}\n"),
            RuleExample(
                ".github/workflows/release.yml",
                "on:\n  release:\n    types: [published]\n  push:\n    tags: ['v*']\njobs:\n  image:\n"
                    + "    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v7\n        with:\n"
                    + "          push: true\n",
                caption: "releases and version tags"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: workflow_dispatch\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n",
                caption: "a manual publish is a deliberate choice"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: pull_request\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          load: true\n",
                caption: "a pull-request build that does not push"),
        ]
    )

    /// Events that run on the default branch or a ref someone chose.
    static let coveringEvents: Set<String> = [
        "push", "release", "workflow_dispatch", "schedule", "workflow_run", "workflow_call", "repository_dispatch",
    ]

    /// A push that the workflow's pull-request events do not switch off: a literal push, or an expression
    /// that does not look at the event (`github.event_name != 'pull_request'` never pushes on them).
    static func publishesOnPullRequests(_ build: ImageBuild) -> Bool {
        guard build.publishes else { return false }
        switch build.push {
        case .yes: return true
        case .no: return false
        case .conditional(let expression):
            return !expression.containsText("event_name") && !expression.containsText("pull_request")
        }
    }

    /// True when the workflow publishes only from pull-request events: this rule's finding, and the root cause
    /// PL403 leaves to it (its guard would switch publishing off altogether).
    static func publishesOnlyOnPullRequests(_ workflow: WorkflowFile) -> Bool {
        guard let model = workflow.workflow, !model.events.isEmpty else { return false }
        return workflow.imageBuilds.contains(where: Self.publishesOnPullRequests)
            && !model.events.contains(where: { Self.coveringEvents.contains($0.name) })
    }

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard Self.publishesOnlyOnPullRequests(workflow), let model = workflow.workflow else { return }
        let event = model.events.first { $0.name.hasPrefix("pull_request") } ?? model.events[0]
        let types = event.types?.map(\.value) ?? []
        let message: String =
            event.name == "pull_request" && types == ["closed"]
            ? .onClose : .onlyEvents(model.events.map(\.name))
        emitter.emit(
            message, path: workflow.path, span: event.nameNode.span,
            notes: ["trigger on `push: branches: [main]` (and `tags: ['v*']`) instead"])
    }
}

extension String {
    fileprivate static let onClose =
        "the image is published only when a pull request closes: pushes to the default branch never publish, "
        + "and fork pull requests get a read-only token"

    fileprivate static func onlyEvents(_ events: [String]) -> String {
        "the publishing workflow runs only on '\(events.joined(separator: "', '"))', never on a push to the default branch"
    }
}
