import PlimsollCore
import PlimsollRules
import RepositoryModel

/// Runs rules over a loaded repository: broad hooks first (the repository), then narrow ones (each file), then
/// inline suppressions, then the rules that review the suppressions themselves.
struct RuleRunner: Sendable {
    public let rules: [any Rule.Type]
    /// False for `--no-ignores` or an enforcing central policy: every `# plimsoll ignore=` is disregarded.
    public let honourSuppressions: Bool
    /// Threads for the per-file checks (at least 1). The findings are the same for any number.
    public let workers: Int
    /// True when findings should carry their fixes (computing them costs a little; a plain scan does not).
    public let computesFixes: Bool

    public init(
        rules: [any Rule.Type] = RuleRegistry.all, honourSuppressions: Bool = true, workers: Int = 1,
        computesFixes: Bool = false
    ) {
        self.rules = rules
        self.honourSuppressions = honourSuppressions
        self.workers = max(1, workers)
        self.computesFixes = computesFixes
    }

    /// Findings of every enabled rule, with the policy's severities, line texts and suppressions, in report order.
    public func run(_ loaded: LoadedRepository) -> [Finding] {
        let repository = loaded.repository
        let enabled = rules.compactMap { rule in
            repository.policy.severity(for: rule.description).map { (rule, $0) }
        }
        let instances = enabled.map { $0.0.init() }
        let emitters = enabled.map { FindingEmitter(rule: $0.0.description, computesFixes: computesFixes) }
        // The policy's severity where it overrides the rule's own, else nil.
        let overrides = enabled.map { rule, severity in
            repository.policy.rules[rule.description.id] != nil ? severity : nil
        }
        let sources = loaded.sources
        // Every hook of every rule on one unit (the repository, or one file) is one task; tasks run on `workers`
        // threads and their findings are then concatenated rule by rule, repository first and files in order,
        // exactly as a serial run orders them. Findings are completed in the task too: a file's findings take
        // their line texts from the file at hand rather than a lookup by path, and off the serial tail.
        let units = CheckUnit.all(in: repository)
        // A task keeps only the rules that found something (most of 52 rules x 861 units report nothing) rather
        // than an array per rule and file.
        let perUnit = ConcurrentMap.map(units.count, workers: workers) { index in
            let source = units[index].source(in: repository)
            // The unit's hook, chosen once: the file is taken out of the repository once, not once per rule.
            let hook = units[index].hook(in: repository)
            var found: [(rule: Int, findings: [Finding])] = []
            for ruleIndex in enabled.indices {
                var emitter = emitters[ruleIndex]
                hook(instances[ruleIndex], &emitter)
                let emitted = emitter.takeFindings()
                guard !emitted.isEmpty else { continue }
                let completed = Self.complete(
                    emitted, severity: overrides[ruleIndex], unitSource: source, sources: sources)
                found.append((ruleIndex, completed))
            }
            return found
        }
        // Rule by rule, units in order: where each rule's findings are, then the findings copied once.
        var places = [[(unit: Int, slot: Int)]](repeating: [], count: enabled.count)
        for (unit, found) in perUnit.enumerated() {
            for (slot, entry) in found.enumerated() { places[entry.rule].append((unit, slot)) }
        }
        var findings: [Finding] = []
        for rulePlaces in places {
            for place in rulePlaces { findings += perUnit[place.unit][place.slot].findings }
        }

        guard honourSuppressions else {
            findings.sortForReport()
            return findings
        }
        // Each read file was classified when listed: its entry has the kind (classify is the fallback for a
        // source without an entry).
        let paths = loaded.sources.keys.sorted()
        let directives = ConcurrentMap.map(paths.count, workers: workers) { index in
            let path = paths[index]
            let kind = repository.entry(at: path)?.kind ?? FileKind.classify(path)
            return SuppressionScanner(source: loaded.sources[path]!, kind: kind).directives()
        }.flatMap { $0 }
        let used = Self.applySuppressions(directives, to: &findings)
        let report = SuppressionReport(
            directives: directives, used: used, knownRuleIDs: Set(RuleRegistry.all.map { $0.description.id }))
        for (ruleIndex, (ruleType, _)) in enabled.enumerated() {
            var emitter = FindingEmitter(rule: ruleType.description, computesFixes: computesFixes)
            ruleType.init().check(suppressions: report, emitter: &emitter)
            findings += Self.complete(
                emitter.takeFindings(), severity: overrides[ruleIndex], unitSource: nil, sources: sources)
        }
        findings.sortForReport()
        return findings
    }

    /// What the engine adds to a rule's findings: the policy's severity where the policy overrides the rule's
    /// (`severity`), and the text of each finding's first line, from the file the rule was checking when the
    /// finding is in it, else looked up by path.
    private static func complete(
        _ emitted: consuming [Finding], severity: Severity?, unitSource: SourceFile?, sources: [String: SourceFile]
    ) -> [Finding] {
        // Taken from the emitter and consumed here, the array is unique: completed in place, no finding copied.
        var findings = emitted
        for index in findings.indices {
            if let severity { findings[index].severity = severity }
            let line = findings[index].span.lowerBound.line
            if let unitSource, unitSource.path == findings[index].path {
                findings[index].lineText = unitSource.lineText(line)
            } else {
                findings[index].lineText = sources[findings[index].path]?.lineText(line)
            }
        }
        return findings
    }

    /// Marks each finding a directive covers as suppressed; returns the indexes of the directives that matched.
    static func applySuppressions(_ directives: [SuppressionDirective], to findings: inout [Finding]) -> Set<Int> {
        var used = Set<Int>()
        let byPath = Dictionary(grouping: directives.indices, by: { directives[$0].path })
        for index in findings.indices {
            // Fields read in place: binding the finding copied it, five strings retained and released.
            guard let candidates = byPath[findings[index].path] else { continue }
            let line = findings[index].span.lowerBound.line
            for candidate in candidates {
                let directive = directives[candidate]
                guard directive.lines.contains(line), directive.ruleIDs.contains(findings[index].ruleID) else {
                    continue
                }
                used.insert(candidate)
                findings[index].suppression = Suppression(
                    kind: .inSource, justification: directive.reason ?? "")
                break
            }
        }
        return used
    }
}

/// What one rule hook looks at: the repository as a whole, or one of its files (by index).
private enum CheckUnit: Sendable {
    case repository, dockerfile(Int), script(Int), workflow(Int), action(Int)

    /// The repository first, then the files in the order `Repository` keeps them, less the test fixtures
    /// (the policy's `testPaths`), which are context only.
    static func all(in repository: Repository) -> [CheckUnit] {
        let fixtures = repository.policy.testPaths.map(Glob.init)
        func checked(_ path: String) -> Bool { !fixtures.contains { $0.matches(path) } }
        return [.repository]
            + repository.dockerfiles.indices.filter { checked(repository.dockerfiles[$0].path) }.map(CheckUnit.dockerfile)
            + repository.scripts.indices.filter { checked(repository.scripts[$0].path) }.map(CheckUnit.script)
            + repository.workflows.indices.map(CheckUnit.workflow)
            + repository.actions.indices.filter { checked(repository.actions[$0].path) }.map(CheckUnit.action)
    }

    /// The rule hook for this unit, with its file.
    func hook(in repository: Repository) -> (any Rule, inout FindingEmitter) -> Void {
        switch self {
        case .repository:
            return { rule, emitter in rule.check(repository: repository, emitter: &emitter) }
        case .dockerfile(let index):
            let file = repository.dockerfiles[index]
            return { rule, emitter in rule.check(dockerfile: file, in: repository, emitter: &emitter) }
        case .script(let index):
            let file = repository.scripts[index]
            return { rule, emitter in rule.check(script: file, in: repository, emitter: &emitter) }
        case .workflow(let index):
            let file = repository.workflows[index]
            return { rule, emitter in rule.check(workflow: file, in: repository, emitter: &emitter) }
        case .action(let index):
            let file = repository.actions[index]
            return { rule, emitter in rule.check(action: file, in: repository, emitter: &emitter) }
        }
    }

    /// The file the unit checks (nil for the repository).
    func source(in repository: Repository) -> SourceFile? {
        switch self {
        case .repository: nil
        case .dockerfile(let index): repository.dockerfiles[index].source
        case .script(let index): repository.scripts[index].source
        case .workflow(let index): repository.workflows[index].source
        case .action(let index): repository.actions[index].source
        }
    }
}
