import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Creating a GitHub release with the job's token needs `contents: write`.
struct TokenReleasePermissionsRule: Rule {
    static let description = RuleDescription(
        id: "PL603",
        name: "release-contents-write",
        title: "Release Without contents: write",
        family: .release,
        defaultSeverity: .error,
        summary: "A job creates a GitHub release (`gh release create`, `softprops/action-gh-release`, "
            + "`actions/create-release`, `ncipollo/release-action`) with the job's token, and its effective "
            + "permissions lack `contents: write`.",
        rationale: """
            Releases and their tags live in the repository's contents, so creating one needs `contents: write` \
            (GitHub REST API docs, "Create a release"; GitHub docs, "Controlling permissions for GITHUB_TOKEN"). A job block that names only `packages: write` leaves `contents` at none (GitHub docs, "Automatic token authentication"); \
            the step fails with "Resource not accessible by integration" after the image was pushed. With no \
            block at all the job gets the repository default: read-only for organisations created since \
            2023-02-02 (GitHub docs, "Automatic token authentication"), so that is a warning that the release relies on a setting no file shows.

            Steps that pass their own token (`token:` or a `GH_TOKEN`/`GITHUB_TOKEN` set from another secret) \
            are not checked.
            """,
        fix: "Grant `contents: write` on the release job only, and keep other jobs read-only.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    ↓permissions:
                      packages: write
                    steps:
                      - uses: softprops/action-gh-release@v2

                """, caption: "the job block leaves `contents` at none"),
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                permissions:
                  ↓contents: read
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - run: gh release create "$GITHUB_REF_NAME" --generate-notes
                        env:
                          GH_TOKEN: ${{ github.token }}

                """),
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓ncipollo/release-action@v1

                """, caption: "a warning: relies on the repository setting"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                permissions: {}
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                    steps:
                      - run: gh release create "$GITHUB_REF_NAME" --generate-notes
                        env:
                          GH_TOKEN: ${{ github.token }}

                """),
            RuleExample(
                ".github/workflows/release.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                permissions:
                  contents: read
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: softprops/action-gh-release@v2
                        with:
                          token: ${{ secrets.RELEASE_PAT }}

                """, caption: "the step brings its own token"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        for (job, permissions) in TokenPermissions.all(in: file, repository: repository) {
            guard let (step, span) = releaseStep(job, workflow: workflow, file: file) else { continue }
            _ = step
            switch permissions.level(of: "contents").grants(.write) {
            case true?: continue
            case false?:
                emitter.emit(
                    .missing(job.id), path: file.path, span: permissions.node(for: "contents")?.span ?? span,
                    notes: [.grant])
            case nil:
                emitter.emit(.relies(job.id), path: file.path, span: span, severity: .warning, notes: [.grant])
            }
        }
    }

    /// The first step that creates a release with the job's token, and where to point.
    private func releaseStep(_ job: Job, workflow: Workflow, file: WorkflowFile) -> (Step, SourceSpan)? {
        for step in job.steps {
            if let name = step.action?.fullName, let tokenInput = StepFacts.releaseActions[name], let uses = step.uses {
                if !tokenInput.isEmpty, let token = step.input(tokenInput),
                    StepFacts.credential(token, step: step, job: job, workflow: workflow) != .automatic
                {
                    continue
                }
                if ownToken(step, job: job, workflow: workflow) { continue }
                return (step, uses.span)
            }
            if let run = step.run {
                for command in file.shellCommands(of: run)
                where StepFacts.programStarts(command, with: "gh", "release", "create") {
                    if ownToken(step, job: job, workflow: workflow) { break }
                    return (step, workflow.file.span(command.range))
                }
            }
        }
        return nil
    }

    /// True when `GH_TOKEN`/`GITHUB_TOKEN` in the environment comes from another secret.
    private func ownToken(_ step: Step, job: Job, workflow: Workflow) -> Bool {
        for name in ["GH_TOKEN", "GITHUB_TOKEN"] {
            if let value = StepFacts.envValue(name, step: step, job: job, workflow: workflow),
                case .otherSecret = StepFacts.credential(value, step: step, job: job, workflow: workflow)
            {
                return true
            }
        }
        return false
    }
}

extension String {
    fileprivate static func missing(_ job: String) -> String {
        "job '\(job)' creates a release but its effective permissions lack 'contents: write'"
    }

    fileprivate static func relies(_ job: String) -> String {
        "job '\(job)' creates a release without a permissions block, so it relies on the repository's workflow permissions setting"
    }

    fileprivate static let grant = "grant the release job 'contents: write'"
}
