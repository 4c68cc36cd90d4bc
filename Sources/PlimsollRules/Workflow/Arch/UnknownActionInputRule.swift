import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Every `with:` key of a known action is an input of that action's major version.
struct UnknownActionInputRule: Rule {
    static let description = RuleDescription(
        id: "PL303",
        name: "unknown-action-input",
        title: "Unknown or Misspelled Action Input",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "A `with:` key is not an input of that major version of a docker action or `actions/checkout`.",
        rationale: """
            GitHub runs a step with an unknown input and only prints "Unexpected input(s) 'platform'" as a \
            warning in the log, so the setting silently does nothing. `platform: linux/arm64` on \
            build-push-action builds the runner's platform only; `repo-token` is not an input of any docker \
            action; `driver` belongs to `docker/setup-buildx-action`, not to the build. The input sets of each \
            major come from the actions' `action.yml` (docker/build-push-action README; docker/login-action README) and are kept as data in \
            `KnownActions`; majors older than the first listed one reuse the oldest list where no input was \
            removed since. Unknown actions and majors are not checked. Composite actions are checked too.
            """,
        fix: "Rename the key to the input the message suggests, move it to the action it belongs to, or remove it.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          ↓platform: linux/amd64,linux/arm64\n",
                caption: "`platform` for `platforms`"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          ↓driver: docker-container\n"
                    + "          ↓repo-token: ${{ secrets.GITHUB_TOKEN }}\n",
                caption: "an input of another action, and one of no docker action"),
            RuleExample(
                ".github/actions/login/action.yml",
                "name: login\nruns:\n  using: composite\n  steps:\n    - uses: docker/login-action@v4\n      with:\n"
                    + "        registry: ghcr.io\n        ↓user: ${{ github.actor }}\n",
                caption: "in a composite action"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/setup-buildx-action@v4\n        with:\n          driver: docker-container\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/amd64,linux/arm64\n          call: check\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/login-action@v4\n        with:\n          registry: ghcr.io\n"
                    + "          scope: '@push'\n      - uses: someone/unknown-action@v1\n        with:\n"
                    + "          anything: 1\n",
                caption: "a v4-only input on v4, and an action Plimsoll has no data for"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        for job in workflow.workflow?.jobs ?? [] {
            for step in job.steps { check(step, path: workflow.path, emitter: &emitter) }
        }
    }

    func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter) {
        for step in action.action?.runs?.steps ?? [] {
            check(step, path: action.path, emitter: &emitter)
        }
    }

    private func check(_ step: Step, path: String, emitter: inout FindingEmitter) {
        guard let reference = step.action, let name = reference.fullName,
            let (inputs, _) = KnownActions.checkedInputs(for: reference)
        else { return }
        for entry in step.with where !inputs.contains(entry.key) {
            // Made for a finding only: nearly every step has none.
            let label = "\(name)@v\(reference.majorVersion ?? 0)"
            var notes: [String] = []
            let suggestion = Suggestion.closest(to: entry.key, in: inputs.sorted())
            if suggestion == nil {
                let owners = KnownActions.actions(accepting: entry.key).filter { $0 != name }
                if let owner = owners.first { notes.append("'\(entry.key)' is an input of \(owner)") }
            }
            notes.append("GitHub only warns about unexpected inputs and ignores them")
            emitter.emit(
                .unknownInput(entry.key, action: label, suggestion: suggestion), path: path, span: entry.keyNode.span,
                notes: notes)
        }
    }
}

extension String {
    fileprivate static func unknownInput(_ key: String, action: String, suggestion: String?) -> String {
        let base = "'\(key)' is not an input of \(action)"
        return suggestion.map { "\(base); did you mean '\($0)'?" } ?? base
    }
}
