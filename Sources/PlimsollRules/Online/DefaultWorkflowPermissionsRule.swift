import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A push job without a `permissions:` block gets the repository's default token, and only GitHub knows what
/// that default is.
struct DefaultWorkflowPermissionsRule: Rule {
    static let description = RuleDescription(
        id: "PL701",
        name: "default-workflow-permissions",
        title: "Repository Default Workflow Permissions",
        family: .online,
        defaultSeverity: .error,
        summary: "A job that pushes to `ghcr.io` has no `permissions:` block, and GitHub says the repository's "
            + "default workflow permissions are `read` (the push fails) or `write` (far broader than needed).",
        rationale: """
            A job with no `permissions:` block, in a workflow with none either, gets the token the repository \
            setting "Workflow permissions" grants (GitHub docs, "Automatic token authentication"). Under "Read repository contents and packages" \
            (`default_workflow_permissions: read`, the default for organisations created since 2023-02-02, GitHub docs, "Automatic token authentication") \
            `packages` is read, and the push fails with "denied: installation not allowed to Write organization \
            package" (GitHub docs, "Publishing Docker images") however compliant the workflow looks. The standard's access checklist answers this by \
            switching the setting to "Read and write", which hands write on every scope to every job of every \
            workflow in the repository.

            `PL402` can only warn that the files do not decide; with `--online` Plimsoll asks \
            `GET /repos/{owner}/{repo}/actions/permissions/workflow` and says which way it goes. The finding \
            points at the job's key, where the missing block belongs. Reading the setting needs a token with \
            the classic `repo` scope or "Administration: read" (a workflow's own `GITHUB_TOKEN` has neither): \
            otherwise GitHub refuses, the rule stays silent and a note on stderr says why.
            """,
        fix: "Give the push job `permissions: {contents: read, packages: write}` and the workflow "
            + "`permissions: {}`; then the repository setting can stay at (or go back to) read.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                jobs:
                  ↓image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "the default is read: the push is denied",
                github: [OnlineExamples.workflowPermissions("read")]),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                jobs:
                  ↓image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "the default is write: the push works, with write on every scope (a warning)",
                github: [OnlineExamples.workflowPermissions("write")]),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(),
                caption: "the job says what it needs, so the default does not matter",
                github: [OnlineExamples.workflowPermissions("read")]),
            RuleExample(
                ".github/workflows/ci.yml",
                """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make test

                """, caption: "a job that does not push", github: [OnlineExamples.workflowPermissions("write")]),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let level = repository.online?.workflowPermission?.value, let workflow = file.workflow else { return }
        let builds = file.imageBuilds.filter(\.publishes)
        for (job, permissions) in TokenPermissions.all(in: file, repository: repository)
        where permissions.origin == .repositoryDefault {
            guard builds.contains(where: { $0.job.id == job.id }), StepFacts.mentionsGHCR(job, in: workflow) else {
                continue
            }
            switch level {
            case .read:
                emitter.emit(
                    "job '\(job.id)' pushes to GHCR with the repository's default token, which GitHub says is "
                        + "read-only: the push will be denied",
                    path: file.path, span: job.idNode.span, notes: [.fix])
            case .write:
                emitter.emit(
                    "job '\(job.id)' pushes to GHCR with the repository's default token, which GitHub says has "
                        + "write on every scope: far more than a push needs",
                    path: file.path, span: job.idNode.span, severity: .warning,
                    notes: [.fix, "then set the repository's workflow permissions back to read"])
            }
        }
    }
}

extension String {
    fileprivate static let fix = "give the job 'permissions: {contents: read, packages: write}'"
}
