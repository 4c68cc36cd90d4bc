public import YAMLSyntax

/// One job under `jobs:`: a normal job with steps, or a call of a reusable workflow (`uses:`).
///
/// An immutable class, for the reason `Step` gives.
public final class Job: Sendable {
    public let id: String
    public let idNode: YAMLNode
    public let node: YAMLNode
    public let name: StringValue?
    /// `runs-on:` as written (string, list, or mapping with `group`/`labels`).
    public let runsOnNode: YAMLNode?
    /// The runner labels when `runs-on:` is a string or a list of strings (`labels:` of the mapping form).
    public let runsOn: [StringValue]
    public let needs: [StringValue]
    public let condition: YAMLNode?
    public let permissions: Permissions?
    /// `environment:` (a name, or a mapping with `name` and `url`).
    public let environment: YAMLNode?
    public let strategy: Strategy?
    public let container: Container?
    /// `services:` by name, each a container.
    public let services: [Entry]
    public let outputs: [Entry]
    public let env: [Entry]
    public let defaults: YAMLNode?
    public let concurrency: YAMLNode?
    public let timeoutMinutes: YAMLNode?
    public let continueOnError: YAMLNode?
    /// Reusable-workflow call: `uses:`, `with:` and `secrets:`.
    public let uses: StringValue?
    public let workflowReference: ActionReference?
    public let with: [Entry]
    public let secrets: JobSecrets?
    public let steps: [Step]

    public init(id: String, idNode: YAMLNode, node: YAMLNode, name: StringValue?, runsOnNode: YAMLNode?, runsOn: [StringValue], needs: [StringValue], condition: YAMLNode?, permissions: Permissions?, environment: YAMLNode?, strategy: Strategy?, container: Container?, services: [Entry], outputs: [Entry], env: [Entry], defaults: YAMLNode?, concurrency: YAMLNode?, timeoutMinutes: YAMLNode?, continueOnError: YAMLNode?, uses: StringValue?, workflowReference: ActionReference?, with: [Entry], secrets: JobSecrets?, steps: [Step]) {
        self.id = id
        self.idNode = idNode
        self.node = node
        self.name = name
        self.runsOnNode = runsOnNode
        self.runsOn = runsOn
        self.needs = needs
        self.condition = condition
        self.permissions = permissions
        self.environment = environment
        self.strategy = strategy
        self.container = container
        self.services = services
        self.outputs = outputs
        self.env = env
        self.defaults = defaults
        self.concurrency = concurrency
        self.timeoutMinutes = timeoutMinutes
        self.continueOnError = continueOnError
        self.uses = uses
        self.workflowReference = workflowReference
        self.with = with
        self.secrets = secrets
        self.steps = steps
    }

    /// True for a job that calls a reusable workflow.
    public var isReusableWorkflowCall: Bool { uses != nil }

    static func build(id: String, idNode: YAMLNode, node: YAMLNode, context: inout ModelContext) -> Job? {
        guard let pairs = node.mapping else {
            context.report(.expectedMapping("job '\(id)'", at: node.span))
            return nil
        }
        // One pass over the pairs (see `StepKeys`): a `node["key"]` lookup per field scanned the mapping ~25 times.
        let section = "job '\(id)'"
        // Positions rather than nodes, as in `Step.build`.
        var keys = JobKeys()
        for position in pairs.indices {
            guard let key = pairs.keyString(at: position) else {
                context.report(.expectedScalar("key in \(section)", at: pairs.key(at: position).span))
                continue
            }
            if !keys.take(key, position) {
                context.report(.unknownKey(
                    key, in: section, suggestion: KnownKeys.suggestion(for: key, among: KnownKeys.job),
                    at: pairs.key(at: position).span))
            }
        }
        func value(_ position: Int?) -> YAMLNode? { position.map(pairs.value(at:)) }
        let uses = context.string(value(keys.uses), section: "uses")
        let runsOnNode = value(keys.runsOn)
        if uses == nil {
            if runsOnNode == nil { context.report(.missingKey("runs-on", in: section, at: idNode.span)) }
            if keys.steps == nil { context.report(.missingKey("steps", in: section, at: idNode.span)) }
        }
        var runsOn: [StringValue] = []
        if let runsOnNode {
            if runsOnNode.mapping != nil {
                runsOn = context.strings(runsOnNode["labels"], section: "labels")
            } else {
                runsOn = context.strings(runsOnNode, section: "runs-on")
            }
        }
        var secrets: JobSecrets?
        if let node = value(keys.secrets) {
            if node.string == "inherit" {
                secrets = .inherit(node)
            } else {
                secrets = .explicit(context.entries(node, section: "secrets"))
            }
        }
        return Job(
            id: id, idNode: idNode, node: node,
            name: context.string(value(keys.name), section: "name"),
            runsOnNode: runsOnNode, runsOn: runsOn,
            needs: context.strings(value(keys.needs), section: "needs"),
            condition: value(keys.condition),
            permissions: value(keys.permissions).flatMap { Permissions.build($0, context: &context) },
            environment: value(keys.environment),
            strategy: value(keys.strategy).map { Strategy(node: $0, context: &context) },
            container: value(keys.container).map { Container(node: $0) },
            services: context.entries(value(keys.services), section: "services"),
            outputs: context.entries(value(keys.outputs), section: "outputs"),
            env: context.entries(value(keys.env), section: "env"),
            defaults: value(keys.defaults), concurrency: value(keys.concurrency),
            timeoutMinutes: value(keys.timeoutMinutes), continueOnError: value(keys.continueOnError),
            uses: uses, workflowReference: uses.flatMap { ActionReference($0.value) },
            with: context.entries(value(keys.with), section: "with"),
            secrets: secrets,
            steps: Step.buildAll(value(keys.steps), context: &context))
    }
}

/// `secrets:` of a reusable-workflow call.
public enum JobSecrets: Sendable {
    /// `secrets: inherit`.
    case inherit(YAMLNode)
    case explicit([Entry])
}

/// `strategy:` with its matrix.
public struct Strategy: Sendable {
    public let node: YAMLNode
    /// The `matrix:` node as written (may be an expression string such as `${{ fromJSON(...) }}`).
    public let matrix: YAMLNode?
    /// Matrix axes other than `include`/`exclude`, with their values (`platform: [linux/amd64, linux/arm64]`).
    /// An axis whose value is not a list (e.g. an expression) has its single node as the value list.
    public let axes: [MatrixAxis]
    /// `include:` rows, each as its entries.
    public let include: [[Entry]]
    public let exclude: [[Entry]]
    public let failFast: YAMLNode?
    public let maxParallel: YAMLNode?

    /// The values of one axis, e.g. `values(of: "platform")`.
    public func values(of axis: String) -> [YAMLNode]? { axes.first { $0.name == axis }?.values }

    init(node: YAMLNode, context: inout ModelContext) {
        self.node = node
        matrix = node["matrix"]
        failFast = node["fail-fast"]
        maxParallel = node["max-parallel"]
        var axes: [MatrixAxis] = []
        var include: [[Entry]] = []
        var exclude: [[Entry]] = []
        for pair in matrix?.mapping.map(Array.init) ?? [] {
            let key = pair.key.string ?? ""
            switch key {
            case "include", "exclude":
                let rows = pair.value.sequence?.map { row in
                    row.mapping?.map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) } ?? []
                } ?? []
                if key == "include" { include = rows } else { exclude = rows }
            default:
                axes.append(MatrixAxis(name: key, keyNode: pair.key, node: pair.value, values: pair.value.sequence.map(Array.init) ?? [pair.value]))
            }
        }
        self.axes = axes
        self.include = include
        self.exclude = exclude
    }
}

/// One matrix axis (`platform: [linux/amd64, linux/arm64]`).
public struct MatrixAxis: Sendable {
    public let name: String
    public let keyNode: YAMLNode
    /// The axis value as written (a list, or e.g. an expression string).
    public let node: YAMLNode
    /// The list items, or `[node]` when the value is not a list.
    public let values: [YAMLNode]
}

/// `container:` or one entry of `services:`: an image string or a mapping.
public struct Container: Sendable {
    public let node: YAMLNode
    public var image: YAMLNode? { node.string != nil ? node : node["image"] }
    public var credentials: YAMLNode? { node["credentials"] }
    public var env: YAMLNode? { node["env"] }
    public var options: YAMLNode? { node["options"] }

    public init(node: YAMLNode) { self.node = node }
}

/// The positions (in the job's pairs) of its known keys, filled in one pass over its pairs (`KnownKeys.job`).
private struct JobKeys {
    var name, permissions, needs, condition, runsOn, environment, concurrency, outputs, env, defaults: Int?
    var steps, timeoutMinutes, strategy, continueOnError, container, services, uses, with, secrets: Int?

    /// Records `value` (a pair position) under `key` unless that key was seen already; false for a key GitHub
    /// does not know.
    mutating func take(_ key: String, _ value: Int) -> Bool {
        func set(_ slot: inout Int?) { if slot == nil { slot = value } }
        switch key {
        case "name": set(&name)
        case "permissions": set(&permissions)
        case "needs": set(&needs)
        case "if": set(&condition)
        case "runs-on": set(&runsOn)
        case "snapshot": break
        case "environment": set(&environment)
        case "concurrency": set(&concurrency)
        case "outputs": set(&outputs)
        case "env": set(&env)
        case "defaults": set(&defaults)
        case "steps": set(&steps)
        case "timeout-minutes": set(&timeoutMinutes)
        case "strategy": set(&strategy)
        case "continue-on-error": set(&continueOnError)
        case "container": set(&container)
        case "services": set(&services)
        case "uses": set(&uses)
        case "with": set(&with)
        case "secrets": set(&secrets)
        default: return false
        }
        return true
    }
}
