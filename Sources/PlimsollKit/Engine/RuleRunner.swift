import PlimsollCore
import PlimsollRules

/// Runs rules over a loaded repository: broad hooks first (the repository), then narrow ones (each file).
public struct RuleRunner: Sendable {
    public let rules: [any Rule.Type]

    public init(rules: [any Rule.Type] = RuleRegistry.all) {
        self.rules = rules
    }

    /// Findings of every enabled rule, with the policy's severities, line texts attached, in report order.
    public func run(_ loaded: LoadedRepository) -> [Finding] {
        let repository = loaded.repository
        var findings: [Finding] = []
        for ruleType in rules {
            let description = ruleType.description
            guard let severity = repository.policy.severity(for: description) else { continue }
            let rule = ruleType.init()
            var emitter = FindingEmitter(rule: description)
            rule.check(repository: repository, emitter: &emitter)
            for script in repository.scripts {
                rule.check(script: script, in: repository, emitter: &emitter)
            }
            let overridden = repository.policy.rules[description.id] != nil
            for var finding in emitter.findings {
                if overridden { finding.severity = severity }
                finding.lineText = loaded.sources[finding.path].map { $0.lineText(finding.span.lowerBound.line) }
                findings.append(finding)
            }
        }
        findings.sort(by: Finding.reportOrder)
        return findings
    }
}
