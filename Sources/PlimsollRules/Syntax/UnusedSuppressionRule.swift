import PlimsollCore
import RepositoryModel

/// An inline suppression that silences nothing is stale or misspelled.
struct UnusedSuppressionRule: Rule {
    static let description = RuleDescription(
        id: "PL005",
        name: "unused-suppression",
        title: "Suppression Matches Nothing",
        family: .syntax,
        defaultSeverity: .note,
        summary: "A `# plimsoll ignore=…` comment names a rule that has no finding where the comment applies, or "
            + "a rule that does not exist.",
        rationale: """
            A suppression that matches nothing was left behind after a fix, sits on the wrong line, or names \
            the wrong rule. Left alone it will silently hide a future, different finding. `ignore=` applies to \
            the next instruction, command or YAML key (and everything under it); `stage ignore=` to a Dockerfile \
            stage; `global ignore=` to the whole file.
            """,
        fix: "Remove the comment, or move it to the line before the finding.",
        triggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\n↓# plimsoll ignore=PL104 pushing is fine here\ndocker build -t app .\n", executable: true,
                caption: "nothing to suppress"),
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\n↓# plimsoll ignore=PL1O4 typo in the ID\ndocker push app\n", executable: true,
                caption: "a misspelled rule ID"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\ndocker build -t app .\n# plimsoll ignore=PL104 the mirror job needs it\ndocker push app\n",
                executable: true)
        ]
    )

    func check(suppressions: SuppressionReport, emitter: inout FindingEmitter) {
        for (index, directive) in suppressions.directives.enumerated() where !suppressions.used.contains(index) {
            let unknown = directive.ruleIDs.filter { !suppressions.knownRuleIDs.contains($0) }
            let message = unknown.isEmpty
                ? "suppression of \(directive.ruleIDs.joined(separator: ", ")) matches no finding"
                : "suppression names unknown rule \(unknown.map { "'\($0)'" }.joined(separator: ", "))"
            emitter.emit(message, path: directive.path, span: directive.span)
        }
    }
}
