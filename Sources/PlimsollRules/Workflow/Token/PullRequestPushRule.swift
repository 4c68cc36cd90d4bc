import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A build that may push on a `pull_request` event, where a fork's token is read-only.
struct PullRequestPushRule: Rule {
    static let description = RuleDescription(
        id: "PL403",
        name: "push-from-pull-request",
        title: "Push From pull_request Events",
        family: .token,
        defaultSeverity: .warning,
        summary: "A workflow triggered by `pull_request` (any activity type, `closed` included) has a build that "
            + "may push on that event: neither `push:` nor the job's or step's `if:` rules the event out.",
        rationale: """
            On a pull request from a fork, GitHub cuts the token to read and hands the workflow no secrets (\
            GitHub docs, "Automatic token authentication"), every activity type included: a `pull_request: closed` "publish on merge" workflow fails for \
            every merged fork PR with "denied: installation not allowed to Write organization package" (GitHub docs, "Publishing Docker images"). \
            Same-repository PRs push test-merge images (GitHub docs, "Events that trigger workflows") under tags meant for the default branch. The usual \
            guard, from the metadata-action README, is `push: ${{ github.event_name != 'pull_request' }}` with \
            the same `if:` on the login step.

            Plimsoll evaluates `push:` and the `if:` of the step, of its job and of the jobs it needs, for a fork \
            pull request (`github.event_name` is `pull_request`, `github.ref` is `refs/pull/N/merge`, inputs and \
            secrets are empty, the head repository is a fork). The rule stays quiet when any of them is false \
            then, such as `github.event_name == 'push'`, `startsWith(github.ref, 'refs/tags/')` or \
            `github.event.pull_request.head.repo.full_name == github.repository`, and a step output a script \
            sets from its own tests of `$GITHUB_REF` or `$GITHUB_EVENT_NAME` is followed through its `if` \
            branches. A workflow that publishes only \
            from pull requests (`pull_request: closed`) is left to PL601: another trigger is the fix there, and \
            this rule's guard would stop it publishing at all.
            """,
        fix: "Set `push: ${{ github.event_name != 'pull_request' }}` (and the same `if:` on the login), or publish "
            + "from `push:` to the default branch instead of `pull_request: closed`. `plimsoll fix --unsafe` "
            + "rewrites a build-push-action's `push:` so (unsafe: pull requests then build without pushing).",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    env:
                      PUSH: "true"
                    steps:
                      - if: env.PUSH == 'true'
                        run: ↓docker push ghcr.io/acme/app:latest

                """, caption: "a guard that holds on pull requests too"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: ↓true
                          tags: ghcr.io/acme/app:latest

                """, caption: "pushes on every pull request"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
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
                      - if: github.event_name == 'push'
                        uses: docker/login-action@v4
                        with:
                          registry: ghcr.io
                          username: ${{ github.actor }}
                          password: ${{ secrets.GITHUB_TOKEN }}
                      - uses: docker/build-push-action@v7
                        with:
                          outputs: ${{ steps.out.outputs.value }}
                          tags: ghcr.io/acme/app:latest

                """, caption: "every registry login is skipped on pull requests, so nothing can be pushed there"),
            RuleExample(
                ".github/workflows/build.yml",
                """
                on: [push, pull_request]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: prep
                        run: |
                          if [[ $GITHUB_REF =~ refs/tags/ ]]; then
                            IS_RELEASE=yes
                          else
                            IS_RELEASE=no
                          fi
                          echo "is_release=${IS_RELEASE}" >> $GITHUB_OUTPUT
                      - uses: docker/build-push-action@v7
                        with:
                          push: ${{ steps.prep.outputs.is_release == 'yes' }}
                          tags: ghcr.io/acme/app:latest

                """, caption: "a script that sets the push guard from the ref: a pull request's ref is refs/pull/N/merge"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  pull_request:
                    types: [closed]
                jobs:
                  image:
                    if: github.event.pull_request.merged == true
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker push ghcr.io/acme/app:latest

                """, caption: "publishing only when a pull request closes is PL601's finding, whose fix keeps publishing"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: ${{ github.event_name != 'pull_request' }}
                          tags: ghcr.io/acme/app:latest

                """, caption: "the metadata-action README guard"),
            RuleExample(
                ".github/workflows/ci.yml",
                """
                on: pull_request
                jobs:
                  e2e:
                    runs-on: ubuntu-latest
                    services:
                      registry:
                        image: registry:2
                        ports: ['5000:5000']
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: localhost:5000/acme/app:test

                """, caption: "a test push to the job's own registry, which vanishes with the job"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make test
                  image:
                    needs: test
                    if: github.event_name == 'push'
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build -t ghcr.io/acme/app . && docker push ghcr.io/acme/app
                  notify:
                    needs: image
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker push ghcr.io/acme/app:notified

                """, caption: "a job gated to `push`, and a job that needs it"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    tags: ["v*"]
                  pull_request:
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: ${{ startsWith(github.ref, 'refs/tags/') }}
                          tags: ghcr.io/acme/app:latest

                """, caption: "pushes only for tags"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  check:
                    runs-on: ubuntu-latest
                    outputs:
                      enabled: ${{ steps.check.outputs.enabled }}
                    steps:
                      - id: check
                        run: echo "enabled=${{ secrets.REGISTRY_USER != '' }}" >> "$GITHUB_OUTPUT"
                  image:
                    needs: check
                    runs-on: ubuntu-latest
                    env:
                      PUSH: ${{ needs.check.outputs.enabled == 'true' }}
                    steps:
                      - if: env.PUSH == 'true'
                        uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "guarded through a job output that says whether a secret is set (forks get none)"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: [push, pull_request]
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: preview
                        if: github.event.pull_request.head.repo.full_name == github.repository
                        run: echo "tag=pr-${{ github.event.number }}" >> "$GITHUB_OUTPUT"
                      - if: steps.preview.outputs.tag != ''
                        run: docker push ghcr.io/acme/app:${{ steps.preview.outputs.tag }}

                """, caption: "a step output that only a same-repository pull request sets"),
        ],
        fixExamples: [
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on: [push, pull_request]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true  # publish
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on: [push, pull_request]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: ${{ github.event_name != 'pull_request' }}  # publish
                              tags: ghcr.io/acme/app:latest

                    """, safety: .unsafe),
            FixExample(
                ".github/workflows/publish.yml",
                before: """
                    on: [push, pull_request]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: ${{ github.repository_owner == 'acme' }}
                              tags: ghcr.io/acme/app:latest

                    """,
                after: """
                    on: [push, pull_request]
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: ${{ (github.repository_owner == 'acme') && github.event_name != 'pull_request' }}
                              tags: ghcr.io/acme/app:latest

                    """, safety: .unsafe, caption: "the guard is and-ed to the expression already there"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        // A workflow that publishes only from pull requests has one root cause, PL601's: the fix is another
        // trigger, and this rule's guard would stop it publishing at all.
        guard let workflow = file.workflow, !PublishTriggerRule.publishesOnlyOnPullRequests(file) else { return }
        // A called workflow runs on its callers' events.
        let jobs = Set(TokenPermissions.all(in: file, repository: repository).filter { $0.permissions.runsOnPullRequest }.map(\.job.id))
        guard !jobs.isEmpty else { return }
        let scenario = RunScenario.forkPullRequest
        for build in file.imageBuilds where build.publishes && jobs.contains(build.job.id) {
            guard ConditionEvaluator.stepMayRun(build.step, of: build.job, in: workflow, scenario: scenario) else {
                continue
            }
            // No registry accepts a push from a job whose every login is skipped on that event.
            let logins = build.job.steps.filter { $0.index < build.step.index && StepFacts.isRegistryLogin($0) }
            if !logins.isEmpty,
                !logins.contains(where: { ConditionEvaluator.stepMayRun($0, of: build.job, in: workflow, scenario: scenario) })
            {
                continue
            }
            var span = build.anchor
            var pushEntry: Entry?
            if case .buildPushAction = build.kind, let push = build.input("push") {
                let scope = ExpressionScope(workflow: workflow, job: build.job, step: build.step)
                guard ConditionEvaluator.mayHold(push.value, in: scenario, scope: scope) else { continue }
                span = push.value.span
                pushEntry = push
            }
            emitter.emit(.pushOnPullRequest(build.job.id), path: file.path, span: span, notes: [.guardNote]) {
                // Pull requests then build without pushing: what is pushed changes, so it is unsafe.
                guard let pushEntry, let edit = PushGuardEdit.edit(push: pushEntry, in: file.source) else { return [] }
                return [Fix(title: "push only when the event is not 'pull_request'", safety: .unsafe, edits: [edit])]
            }
        }
    }
}

extension String {
    fileprivate static func pushOnPullRequest(_ job: String) -> String {
        "job '\(job)' may push on a 'pull_request' event, where a fork's token is read-only"
    }

    fileprivate static let guardNote = "guard it: push: ${{ github.event_name != 'pull_request' }}"
}
