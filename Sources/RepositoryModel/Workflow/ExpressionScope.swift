import PlimsollCore
import WorkflowModel
import YAMLSyntax

/// Where an expression stands, so that `env.*`, `steps.*.outputs.*` and `needs.*.outputs.*` can be followed to
/// what sets them: the usual guards are written through them (`if: env.PUSH == 'true'`, a step output that is set
/// only for tags, a job output that tells whether a secret is there).
///
/// Only what the workflow shows is followed: an `env:` value or an output that is one `${{ … }}` is evaluated
/// in its own scope, a step skipped under the scenario has empty outputs, and a variable nothing in the workflow
/// sets is unset on GitHub's runners (`env.ACT`, which only the `act` tool sets). Anything else is unknown.
public struct ExpressionScope: Sendable {
    let workflow: Workflow
    let job: Job
    /// The step the expression belongs to; nil for a job's `if:` or its outputs.
    let step: Step?
    /// How many references were followed to get here: outputs and variables may refer to each other, and a
    /// cycle or a long chain must end.
    let depth: Int

    public init(workflow: Workflow, job: Job, step: Step?, depth: Int = 0) {
        self.workflow = workflow
        self.job = job
        self.step = step
        self.depth = depth
    }

    static let maximumDepth = 8

    /// The value of a dotted context path (lowercased), or nil when this scope cannot tell.
    func value(of path: String, in scenario: RunScenario) -> ExpressionValue? {
        guard depth < Self.maximumDepth else { return nil }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "env" where parts.count == 2:
            return environmentValue(parts[1], in: scenario)
        case "steps" where parts.count == 4 && parts[2] == "outputs":
            return stepOutput(step: parts[1], output: parts[3], in: scenario)
        case "needs" where parts.count == 4 && parts[2] == "outputs":
            return jobOutput(job: parts[1], output: parts[3], in: scenario)
        default:
            return nil
        }
    }

    fileprivate func environmentValue(_ name: String, in scenario: RunScenario) -> ExpressionValue? {
        switch EnvironmentEntries(workflow: workflow, job: job, step: step).expression(name) {
        case .text(let text): return evaluateText(text, in: self.deeper(step: step), scenario: scenario)
        case .unreadable: return nil
        case .unset: break
        }
        // The runner sets GitHub's own variables; a step may set any other through `$GITHUB_ENV`.
        if name.hasPrefix("github_") || name.hasPrefix("runner_") || name == "ci" { return nil }
        return Self.mayBeAssigned(name, in: workflow.file.bytes) ? nil : .null
    }

    /// True when `name=` stands in the file as a whole word (case-insensitive): a script that sets the variable
    /// or writes it to `$GITHUB_ENV`. `extract=` does not set `act`.
    static func mayBeAssigned(_ name: String, in bytes: [UInt8]) -> Bool {
        let needle = Array((name + "=").lowercased().utf8)
        guard needle.count <= bytes.count else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
        for start in 0...(bytes.count - needle.count) {
            if start > 0, isWordByte(bytes[start - 1]) { continue }
            var matches = true
            for (offset, expected) in needle.enumerated() {
                var byte = bytes[start + offset]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != expected { matches = false; break }
            }
            if matches { return true }
        }
        return false
    }

    private func stepOutput(step id: String, output: String, in scenario: RunScenario) -> ExpressionValue? {
        guard let producer = job.steps.first(where: { $0.id?.value.lowercased() == id }) else { return nil }
        let scope = deeper(step: producer)
        // A skipped step has no outputs.
        if ConditionEvaluator.evaluate(condition: producer.condition, in: scenario, scope: scope) == false {
            return .string("")
        }
        guard let run = producer.run?.value, let text = StepOutputAssignment.text(of: output, in: run) else { return nil }
        guard text.containsByte(UInt8(ascii: "$")) && !text.hasPrefix("${{") else {
            return evaluateText(text, in: scope, scenario: scenario)
        }
        // `name=${VAR}`: the step's `env:` value, or what the script leaves in VAR in this run.
        guard let variable = Self.loneVariable(text) else { return nil }
        if EnvironmentEntries(workflow: workflow, job: job, step: producer).values[variable] != nil {
            return scope.environmentValue(variable.lowercased(), in: scenario)
        }
        // GitHub writes the `${{ }}` values into the script before the shell runs it.
        let script = run.substitutingExpressions { expression in
            guard case .success(let tree) = ExpressionFinder.parse(expression) else { return nil }
            return ConditionEvaluator.evaluate(tree, in: scenario, scope: scope).text
        }
        // Two sides a test compares, either still an expression: asked as one `==` expression.
        let compare: (String, String) -> Bool? = { left, right in
            func operand(_ side: String) -> String {
                let trimmed = side.trimmingWhitespace()
                if let whole = trimmed.wholeExpression { return "(" + whole + ")" }
                return "'" + side.replacing("'", with: "''") + "'"
            }
            guard case .success(let tree) = ExpressionFinder.parse(operand(left) + " == " + operand(right)),
                case .bool(let equal) = ConditionEvaluator.evaluate(tree, in: scenario, scope: scope)
            else { return nil }
            return equal
        }
        guard let values = ScriptVariable.values(of: variable, in: script, runner: scenario.runnerVariables, compare: compare),
            values.count == 1, let value = values.first
        else { return nil }
        return .string(value)
    }

    /// `NAME` for a text that is only `$NAME` or `${NAME}`.
    static func loneVariable(_ text: String) -> String? {
        var name = text.dropFirst()
        guard text.hasPrefix("$") else { return nil }
        if name.hasPrefix("{") {
            guard name.hasSuffix("}") else { return nil }
            name = name.dropFirst().dropLast()
        }
        guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { return nil }
        return String(name)
    }

    /// The text after the first `marker` (ASCII, lowercase) in `line`, matched without regard to ASCII case.
    static func text(after marker: String, in line: Substring) -> String? {
        let needle = Array(marker.utf8)
        let bytes = Array(line.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) {
            var matches = true
            for (offset, expected) in needle.enumerated() {
                var byte = bytes[start + offset]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != expected { matches = false; break }
            }
            if matches { return String(decoding: bytes[(start + needle.count)...], as: UTF8.self) }
        }
        return nil
    }

    private func jobOutput(job id: String, output: String, in scenario: RunScenario) -> ExpressionValue? {
        guard let producer = workflow.jobs.first(where: { $0.id.lowercased() == id }),
            let entry = producer.outputs.first(where: { $0.key.lowercased() == output }),
            let text = entry.value.string
        else { return nil }
        return evaluateText(text, in: ExpressionScope(workflow: workflow, job: producer, step: nil, depth: depth + 1),
                            scenario: scenario)
    }

    private func deeper(step: Step?) -> ExpressionScope {
        ExpressionScope(workflow: workflow, job: job, step: step, depth: depth + 1)
    }

    /// A value as GitHub substitutes it into a string: one `${{ … }}` evaluated (a boolean becomes `true` or
    /// `false`), plain text as it is; nil for text mixed with expressions.
    private func evaluateText(_ text: String, in scope: ExpressionScope, scenario: RunScenario) -> ExpressionValue? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.containsText("${{") else { return .string(trimmed) }
        guard let whole = trimmed.wholeExpression, case .success(let tree) = ExpressionFinder.parse(whole)
        else { return nil }
        switch ConditionEvaluator.evaluate(tree, in: scenario, scope: scope) {
        case .unknown: return nil
        case .bool(let value): return .string(value ? "true" : "false")
        case .null: return .string("")
        case .number(let value): return .string(value == value.rounded() ? String(Int(value)) : String(value))
        case .string(let value): return .string(value)
        }
    }
}
