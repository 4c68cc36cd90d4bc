import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel

/// A login to GHCR with a personal access token or another secret instead of the job's own GITHUB_TOKEN.
struct GHCRLoginTokenRule: Rule {
    static let description = RuleDescription(
        id: "PL401",
        name: "ghcr-login-token",
        title: "GHCR Login Not Using the Automatic Token",
        family: .token,
        defaultSeverity: .warning,
        summary: "A `docker/login-action` step for `ghcr.io`, or a `docker login ghcr.io` command, authenticates "
            + "with a secret other than `secrets.GITHUB_TOKEN` or `github.token`, or with a literal password.",
        rationale: """
            The standard publishes with automatic token authentication. A package pushed from a workflow with \
            the job's `GITHUB_TOKEN` is linked to the repository and inherits its access; a push made with a \
            personal access token is not, and once a package of that name exists unlinked, the `GITHUB_TOKEN` \
            can no longer push to it (GitHub docs, "Connecting a repository to a package", docs "Working with the Container registry"). A PAT also \
            outlives the job (the automatic token expires at job end, GitHub docs, "Automatic token authentication"), belongs to a person, and usually \
            carries far more than `write:packages`. The job's token gets exactly what its `permissions:` block \
            grants (GitHub docs, "Controlling permissions for GITHUB_TOKEN"; GitHub docs, "Publishing Docker images").

            Logins to other registries are not checked, and a password the file cannot resolve (an input, a \
            step output) is left alone.
            """,
        fix: "Use `username: ${{ github.actor }}` and `password: ${{ secrets.GITHUB_TOKEN }}`, grant the job "
            + "`packages: write`, and delete the PAT secret.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/login-action@v4
                        with:
                          registry: ghcr.io
                          username: ${{ github.actor }}
                          password: ↓${{ secrets.CR_PAT }}

                """, caption: "a personal access token"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ↓"${{ secrets.GHCR_TOKEN }}" | docker login ghcr.io -u me --password-stdin

                """, caption: "a command-line login fed from another secret"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    env:
                      TOKEN: ${{ secrets.PACKAGES_PAT }}
                    steps:
                      - run: docker login ghcr.io -u me -p ↓"$TOKEN"

                """, caption: "a PAT passed through an environment variable"),
        ],
        nonTriggeringExamples: [
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
                    steps:
                      - uses: docker/login-action@v4
                        with:
                          registry: ghcr.io
                          username: ${{ github.actor }}
                          password: ${{ secrets.GITHUB_TOKEN }}

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/login-action@v4
                        with:
                          username: ${{ vars.DOCKERHUB_USER }}
                          password: ${{ secrets.DOCKERHUB_TOKEN }}
                      - run: echo "${{ github.token }}" | docker login ghcr.io -u "${{ github.actor }}" --password-stdin

                """, caption: "Docker Hub needs its own token; GHCR gets `github.token`"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        // Job by job rather than `allSteps`, which copies the job into every (job, step) pair.
        for job in workflow.jobs {
            for step in job.steps { check(step, job: job, workflow: workflow, file: file, emitter: &emitter) }
        }
    }

    private func check(_ step: Step, job: Job, workflow: Workflow, file: WorkflowFile, emitter: inout FindingEmitter) {
        if step.action?.fullName == "docker/login-action" {
            guard let registry = step.input("registry"),
                StepFacts.isGHCR(StepFacts.resolved(registry, step: step, job: job, workflow: workflow)),
                let password = step.input("password")
            else { return }
            switch StepFacts.credential(password, step: step, job: job, workflow: workflow) {
            case .otherSecret(let name):
                emitter.emit(.otherSecret(name), path: file.path, span: password.span, notes: [.useToken])
            case .literal:
                emitter.emit(.literalPassword, path: file.path, span: password.span, notes: [.useToken])
            case .automatic, .unknown: break
            }
        } else if let run = step.run {
            checkCommands(run, step: step, job: job, workflow: workflow, file: file, emitter: &emitter)
        }
    }

    /// `docker login ghcr.io -p X` and `… | docker login ghcr.io --password-stdin`.
    private func checkCommands(
        _ run: StringValue, step: Step, job: Job, workflow: Workflow, file: WorkflowFile,
        emitter: inout FindingEmitter
    ) {
        let commands = file.shellCommands(of: run)
        for (index, command) in commands.enumerated() {
            let words = Array(command.programWords)
            guard words.count >= 2, words[0].value == "docker", words[1].value == "login",
                words.dropFirst(2).contains(where: { !$0.value.hasPrefix("-") && StepFacts.isGHCR($0.value) })
            else { continue }
            var sources: [ShellWord] = []
            for (position, word) in words.enumerated() {
                if ["-p", "--password"].contains(word.value), position + 1 < words.count {
                    sources.append(words[position + 1])
                } else if word.value.hasPrefix("--password=") {
                    sources.append(word)
                } else if word.value == "--password-stdin", index > 0 {
                    // The command piped into the login: `echo "$TOKEN" | docker login …`.
                    let previous = commands[index - 1]
                    let between = workflow.file.bytes[
                        min(previous.range.upperBound, command.range.lowerBound)..<command.range.lowerBound]
                    if between.contains(UInt8(ascii: "|")) { sources += previous.words.dropFirst() }
                }
            }
            for source in sources {
                let credential = StepFacts.credential(word: source.value, step: step, job: job, workflow: workflow)
                if case .otherSecret(let name) = credential {
                    emitter.emit(.otherSecret(name), in: workflow.file, bytes: source.range, notes: [.useToken])
                    break
                }
            }
        }
    }
}

extension String {
    fileprivate static func otherSecret(_ name: String) -> String {
        "the GHCR login uses '\(name)' instead of the automatic GITHUB_TOKEN"
    }

    fileprivate static let literalPassword = "the GHCR login uses a password written in the workflow"

    fileprivate static let useToken =
        "use 'password: ${{ secrets.GITHUB_TOKEN }}' and grant the job 'packages: write'"
}
