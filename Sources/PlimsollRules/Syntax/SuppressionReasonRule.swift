import PlimsollCore
import RepositoryModel

/// An inline suppression must say why.
struct SuppressionReasonRule: Rule {
    static let description = RuleDescription(
        id: "PL004",
        name: "suppression-without-reason",
        title: "Suppression Without a Reason",
        family: .syntax,
        defaultSeverity: .note,
        summary: "A `# plimsoll ignore=…` comment gives no reason after the rule IDs.",
        rationale: """
            A suppression is a decision someone made about a finding; the next reader needs to know why it is \
            safe. The reason is kept with the suppressed finding: SARIF carries it as the suppression's \
            `justification`, which GitHub code scanning shows next to the dismissed alert.
            """,
        fix: "Write the reason after the IDs: `# plimsoll ignore=PL208 the base is rebuilt nightly`.",
        triggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\n↓# plimsoll ignore=PL103\ndocker build --platform=linux/amd64 -t app .\n", executable: true)
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\n# plimsoll ignore=PL103 the app ships amd64-only native code\n"
                    + "docker build --platform=linux/amd64 -t app .\n",
                executable: true)
        ]
    )

    func check(suppressions: SuppressionReport, emitter: inout FindingEmitter) {
        for directive in suppressions.directives where directive.reason == nil {
            emitter.emit(
                "suppression of \(directive.ruleIDs.joined(separator: ", ")) gives no reason", path: directive.path,
                span: directive.span)
        }
    }
}
