import PlimsollCore
import PlimsollRules

/// Runs rules over a loaded repository: broad hooks first (the repository), then narrow ones (each file), then
/// inline suppressions, then the rules that review the suppressions themselves.
public struct RuleRunner: Sendable {
    public let rules: [any Rule.Type]
    /// False for `--no-ignores` or an enforcing central policy: every `# plimsoll ignore=` is disregarded.
    public let honourSuppressions: Bool

    public init(rules: [any Rule.Type] = RuleRegistry.all, honourSuppressions: Bool = true) {
        self.rules = rules
        self.honourSuppressions = honourSuppressions
    }

    /// Findings of every enabled rule, with the policy's severities, line texts and suppressions, in report order.
    public func run(_ loaded: LoadedRepository) -> [Finding] {
        let repository = loaded.repository
        let enabled = rules.compactMap { rule in
            repository.policy.severity(for: rule.description).map { (rule, $0) }
        }
        // Rule by rule, findings concatenated in rule order.
        let perRule = enabled.map { ruleType, severity in
            let rule = ruleType.init()
            var emitter = FindingEmitter(rule: ruleType.description)
            rule.check(repository: repository, emitter: &emitter)
            for dockerfile in repository.dockerfiles {
                rule.check(dockerfile: dockerfile, in: repository, emitter: &emitter)
            }
            for script in repository.scripts {
                rule.check(script: script, in: repository, emitter: &emitter)
            }
            for workflow in repository.workflows {
                rule.check(workflow: workflow, in: repository, emitter: &emitter)
            }
            for action in repository.actions {
                rule.check(action: action, in: repository, emitter: &emitter)
            }
            return adjusted(emitter.findings, rule: ruleType.description, severity: severity, loaded: loaded)
        }
        var findings = perRule.flatMap { $0 }

        guard honourSuppressions else { return findings.sorted(by: Finding.reportOrder) }
        // Each read file was classified when listed: its entry has the kind (classify is the fallback for a
        // source without an entry).
        let directives = loaded.sources.keys.sorted().flatMap { path in
            let kind = repository.entry(at: path)?.kind ?? FileKind.classify(path)
            return SuppressionScanner(source: loaded.sources[path]!, kind: kind).directives()
        }
        let used = Self.applySuppressions(directives, to: &findings)
        let report = SuppressionReport(
            directives: directives, used: used, knownRuleIDs: Set(RuleRegistry.all.map { $0.description.id }))
        for (ruleType, severity) in enabled {
            var emitter = FindingEmitter(rule: ruleType.description)
            ruleType.init().check(suppressions: report, emitter: &emitter)
            findings += adjusted(emitter.findings, rule: ruleType.description, severity: severity, loaded: loaded)
        }
        return findings.sorted(by: Finding.reportOrder)
    }

    private func adjusted(
        _ emitted: [Finding], rule: RuleDescription, severity: Severity, loaded: LoadedRepository
    ) -> [Finding] {
        let overridden = loaded.repository.policy.rules[rule.id] != nil
        return emitted.map { finding in
            var finding = finding
            if overridden { finding.severity = severity }
            finding.lineText = loaded.sources[finding.path].map { $0.lineText(finding.span.lowerBound.line) }
            return finding
        }
    }

    /// Marks each finding a directive covers as suppressed; returns the indexes of the directives that matched.
    static func applySuppressions(_ directives: [SuppressionDirective], to findings: inout [Finding]) -> Set<Int> {
        var used = Set<Int>()
        let byPath = Dictionary(grouping: directives.indices, by: { directives[$0].path })
        for index in findings.indices {
            let finding = findings[index]
            guard let candidates = byPath[finding.path] else { continue }
            let line = finding.span.lowerBound.line
            for candidate in candidates {
                let directive = directives[candidate]
                guard directive.lines.contains(line), directive.ruleIDs.contains(finding.ruleID) else { continue }
                used.insert(candidate)
                findings[index].suppression = Suppression(
                    kind: .inSource, justification: directive.reason ?? "")
                break
            }
        }
        return used
    }
}
