import PlimsollCore
import RepositoryModel

/// A workflow or action file GitHub would reject: broken YAML, unknown keys, wrong types.
struct WorkflowSyntaxRule: Rule {
    static let description = RuleDescription(
        id: "PL002",
        name: "workflow-syntax",
        title: "Invalid Workflow or Action File",
        family: .syntax,
        defaultSeverity: .error,
        summary: "A workflow or `action.yml` is not valid YAML, or uses keys, types or values GitHub Actions does "
            + "not accept.",
        rationale: """
            GitHub refuses to run a workflow file it cannot read ("Invalid workflow file") and says so only in \
            the Actions tab, after the push. Plimsoll reads workflows with libyaml and a typed model of the \
            workflow syntax, so a misspelled key (`runs_on`, `stesp`), a duplicate key, an undefined alias or \
            a permission scope that does not exist is reported at its exact position before it is committed. \
            The other workflow rules cannot see into a file with these errors, so fix them first.
            """,
        fix: "Correct the key or value at the reported position; the message suggests the nearest valid key.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  ↓test:\n    ↓runs_on: ubuntu-latest\n    steps:\n      - run: make test\n",
                caption: "a misspelled key"),
            RuleExample(
                ".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: [ubuntu-latest\n↓",
                caption: "broken YAML"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\npermissions:\n  ↓package: write\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
                caption: "a permission scope that does not exist"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v5\n      - run: make test\n")
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        for diagnostic in workflow.diagnostics {
            emitter.emit(diagnostic.message, path: workflow.path, span: diagnostic.span, severity: diagnostic.severity)
        }
    }

    func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter) {
        for diagnostic in action.diagnostics {
            emitter.emit(diagnostic.message, path: action.path, span: diagnostic.span, severity: diagnostic.severity)
        }
    }
}
