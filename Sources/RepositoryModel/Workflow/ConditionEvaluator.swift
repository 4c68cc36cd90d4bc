import PlimsollCore
import WorkflowModel
import YAMLSyntax

/// A run to imagine when reading `if:` and `push:` expressions: which event, and what the contexts hold then.
/// Anything the scenario does not know evaluates to "unknown", so a condition is only ever proved false.
public struct RunScenario: Sendable {
    let eventName: String
    /// Known context values by lowercased dotted path.
    let values: [String: ExpressionValue]
    /// True when `inputs.*` are empty (an event other than `workflow_dispatch`/`workflow_call`).
    let inputsEmpty: Bool
    /// True when secrets other than `GITHUB_TOKEN` are empty (a pull request from a fork).
    let secretsEmpty: Bool
    /// True when the pull request's head repository is a fork.
    let fromFork: Bool

    /// The runner's variables this scenario fixes (`GITHUB_REF`, `GITHUB_EVENT_NAME` …), for scripts that test
    /// them.
    var runnerVariables: [String: String] {
        var variables: [String: String] = [:]
        for (name, path) in [
            ("GITHUB_REF", "github.ref"), ("GITHUB_EVENT_NAME", "github.event_name"),
            ("GITHUB_REF_NAME", "github.ref_name"), ("GITHUB_REF_TYPE", "github.ref_type"),
        ] {
            if case .string(let value)? = values[path] { variables[name] = value }
        }
        return variables
    }

    /// A `pull_request` from a fork: the token is read-only and secrets are empty (GitHub docs, "Automatic token authentication").
    public static let forkPullRequest = RunScenario(
        eventName: "pull_request",
        values: [
            "github.event_name": .string("pull_request"), "github.ref": .string("refs/pull/1/merge"),
            "github.ref_name": .string("1/merge"), "github.ref_type": .string(""),
            "github.event.pull_request.head.repo.fork": .bool(true),
        ],
        inputsEmpty: true, secretsEmpty: true, fromFork: true)

    /// A `pull_request` from this repository or a fork whose checkout is the synthetic merge commit (GitHub docs,
    /// "Events that trigger workflows"): one not merged. The `closed` run of a merged pull request is on the base
    /// branch instead, `GITHUB_REF` `refs/heads/main` and the merge commit that landed there (GitHub changelog
    /// 2023-09-13, "Updates to GITHUB_REF and github.ref"; actions/checkout#141), so a step guarded by
    /// `github.event.pull_request.merged` does not run in this scenario.
    public static let pullRequest = RunScenario(
        eventName: "pull_request",
        values: [
            "github.event_name": .string("pull_request"), "github.ref": .string("refs/pull/1/merge"),
            "github.ref_name": .string("1/merge"), "github.ref_type": .string(""),
            "github.event.pull_request.merged": .bool(false),
        ],
        inputsEmpty: true, secretsEmpty: false, fromFork: false)

    /// Any run: nothing about the event is assumed, so a condition is proved false only by what the workflow
    /// itself sets (`if: env.ACT`, true only under the `act` tool, never holds on GitHub).
    static let anyRun = RunScenario(
        eventName: "", values: [:], inputsEmpty: false, secretsEmpty: false, fromFork: false)

    /// A `pull_request_target` run: the base branch's workflow with a write token and secrets (GitHub Security Lab, "Preventing pwn requests").
    public static let pullRequestTarget = RunScenario(
        eventName: "pull_request_target",
        values: ["github.event_name": .string("pull_request_target")],
        inputsEmpty: true, secretsEmpty: false, fromFork: true)
}

/// A value while evaluating an expression.
enum ExpressionValue: Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), unknown

    /// The value as GitHub writes it into a string (`true`, `3`, empty for null); nil when unknown.
    var text: String? {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value): value
        case .unknown: nil
        }
    }

    /// Truthiness (GitHub's rules), nil when unknown.
    var truthy: Bool? {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .unknown: nil
        }
    }
}

public enum ConditionEvaluator {
    /// Whether an `if:` or `push:` value can be true under `scenario`: false only when proved false. An absent
    /// condition is true. `if:` may be written with or without `${{ }}`.
    public static func mayHold(_ node: YAMLNode?, in scenario: RunScenario, scope: ExpressionScope? = nil) -> Bool {
        evaluate(condition: node, in: scenario, scope: scope) ?? true
    }

    /// An `if:` or `push:` value under `scenario`: true for an absent condition, nil when it cannot be told.
    static func evaluate(condition node: YAMLNode?, in scenario: RunScenario, scope: ExpressionScope?) -> Bool? {
        guard let node else { return true }
        if let bool = node.bool { return bool }
        guard let text = node.string?.trimmingWhitespace() else { return nil }
        var inner = text
        if let whole = text.wholeExpression {
            inner = whole
        } else if text.containsText("${{") {
            return true  // text around an expression is a non-empty string: always true
        }
        guard case .success(let tree) = ExpressionFinder.parse(inner) else { return nil }
        return evaluate(tree, in: scenario, scope: scope).truthy
    }

    /// True when the job may run under `scenario`: its `if:` may hold and every job it needs may run (a skipped
    /// dependency skips it, unless its `if:` calls `always()`, `failure()` or `cancelled()`).
    ///
    /// Each job is decided once, in post-order over `needs` with an explicit stack: following every path instead
    /// took exponential time (30 jobs that each need all earlier ones ran for hours), and recursion would let a
    /// long `needs` chain overflow the stack. A job still being decided when it is reached again (a cycle, which
    /// GitHub rejects) does not hold up the jobs that need it.
    static func jobMayRun(_ job: Job, in workflow: Workflow, scenario: RunScenario) -> Bool {
        let jobs = Dictionary(workflow.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var decided: [String: Bool] = [:]
        var stack: [(job: Job, needsDecided: Bool)] = [(job, false)]
        while let (current, needsDecided) = stack.popLast() {
            if !needsDecided {
                guard decided[current.id] == nil else { continue }
                decided[current.id] = true  // being decided
                stack.append((current, true))
                for need in current.needs {
                    if let needed = jobs[need.value], decided[needed.id] == nil { stack.append((needed, false)) }
                }
                continue
            }
            let scope = ExpressionScope(workflow: workflow, job: current, step: nil)
            guard mayHold(current.condition, in: scenario, scope: scope) else {
                decided[current.id] = false
                continue
            }
            let condition = current.condition?.string ?? ""
            decided[current.id] = ["always()", "failure()", "cancelled()"].contains(where: condition.containsText)
                || current.needs.allSatisfy { need in jobs[need.value].map { decided[$0.id] ?? true } ?? true }
        }
        return decided[job.id] ?? true
    }

    /// True when the step may run under `scenario` (its job's conditions included).
    public static func stepMayRun(_ step: Step, of job: Job, in workflow: Workflow, scenario: RunScenario) -> Bool {
        mayHold(step.condition, in: scenario, scope: ExpressionScope(workflow: workflow, job: job, step: step))
            && jobMayRun(job, in: workflow, scenario: scenario)
    }

    static func evaluate(_ node: ExpressionNode, in scenario: RunScenario, scope: ExpressionScope? = nil) -> ExpressionValue {
        switch node.kind {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .context, .property, .index, .wildcard:
            return lookup(node, in: scenario, scope: scope)
        case .not(let operand):
            return evaluate(operand, in: scenario, scope: scope).truthy.map { .bool(!$0) } ?? .unknown
        case .binary(let op, let lhs, let rhs):
            if op == "&&" || op == "||" {
                // Both return one of their operands, as in JavaScript: `cond && 'yes' || 'no'` is a string.
                let a = evaluate(lhs, in: scenario, scope: scope)
                guard let truthy = a.truthy else {
                    // Unknown left side: the result is the left value or the right one. Only `&&` with a falsy
                    // right side is known to be falsy, and its value then does not matter to a condition.
                    if op == "&&", evaluate(rhs, in: scenario, scope: scope).truthy == false { return .bool(false) }
                    return .unknown
                }
                if op == "&&" { return truthy ? evaluate(rhs, in: scenario, scope: scope) : a }
                return truthy ? a : evaluate(rhs, in: scenario, scope: scope)
            }
            if op == "==" || op == "!=" {
                if let known = forkIdentity(lhs, rhs, in: scenario) { return .bool(op == "==" ? known : !known) }
                guard let equal = equals(evaluate(lhs, in: scenario, scope: scope), evaluate(rhs, in: scenario, scope: scope)) else {
                    return .unknown
                }
                return .bool(op == "==" ? equal : !equal)
            }
            return .unknown
        case .call(let name, let arguments):
            let values = arguments.map { evaluate($0, in: scenario, scope: scope) }
            switch name.lowercased() {
            case "startswith", "endswith", "contains":
                guard values.count == 2, case .string(let a) = values[0], case .string(let b) = values[1] else {
                    return .unknown
                }
                let (x, y) = (a.lowercased(), b.lowercased())
                switch name.lowercased() {
                case "startswith": return .bool(x.hasPrefix(y))
                case "endswith": return .bool(x.hasSuffix(y))
                default: return .bool(x.contains(y))
                }
            case "success", "always": return .bool(true)
            // `failure()` and `cancelled()` depend on how the run went, which no reading of the files knows.
            case "format":
                guard var result = values.first?.text else { return .unknown }
                for (index, argument) in values.dropFirst().enumerated() {
                    guard let text = argument.text else { return .unknown }
                    result = result.replacing("{\(index)}", with: text)
                }
                return .string(result)
            case "tolower", "toupper":
                guard values.count == 1, let text = values[0].text else { return .unknown }
                return .string(name.lowercased() == "tolower" ? text.lowercased() : text.uppercased())
            case "fromjson":
                if values.count == 1, case .string(let text) = values[0] {
                    switch text.trimmingWhitespace() {
                    case "true": return .bool(true)
                    case "false": return .bool(false)
                    case "null": return .null
                    default: return .unknown
                    }
                }
                return .unknown
            default: return .unknown
            }
        }
    }

    /// `github.event.pull_request.head.repo.full_name == github.repository` (or the owner variant): false on a fork.
    private static func forkIdentity(_ lhs: ExpressionNode, _ rhs: ExpressionNode, in scenario: RunScenario) -> Bool? {
        guard scenario.fromFork, let a = path(lhs), let b = path(rhs) else { return nil }
        let pairs: Set<[String]> = [
            ["github.event.pull_request.head.repo.full_name", "github.repository"],
            ["github.event.pull_request.head.repo.owner.login", "github.repository_owner"],
        ]
        return pairs.contains([a, b]) || pairs.contains([b, a]) ? false : nil
    }

    private static func equals(_ a: ExpressionValue, _ b: ExpressionValue) -> Bool? {
        switch (a, b) {
        case (.unknown, _), (_, .unknown): return nil
        case (.string(let x), .string(let y)): return x.lowercased() == y.lowercased()
        case (.null, .null): return true
        case (.null, .string(let s)), (.string(let s), .null): return s.isEmpty
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.null, .bool(let v)), (.bool(let v), .null): return v == false
        default: return nil
        }
    }

    private static func lookup(_ node: ExpressionNode, in scenario: RunScenario, scope: ExpressionScope?) -> ExpressionValue {
        guard let dotted = path(node) else { return .unknown }
        if let value = scenario.values[dotted] { return value }
        if let value = scope?.value(of: dotted, in: scenario) { return value }
        if scenario.inputsEmpty, dotted.hasPrefix("inputs.") || dotted.hasPrefix("github.event.inputs.") {
            return .null
        }
        if scenario.secretsEmpty, dotted.hasPrefix("secrets."), dotted != "secrets.github_token" { return .string("") }
        return .unknown
    }

    /// The lowercased dotted path of a property chain, nil for anything else.
    private static func path(_ node: ExpressionNode) -> String? {
        switch node.kind {
        case .context(let name): return name.lowercased()
        case .property(let base, let name): return path(base).map { "\($0).\(name.lowercased())" }
        default: return nil
        }
    }
}
