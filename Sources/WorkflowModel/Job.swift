public import YAMLSyntax

/// One job under `jobs:`: a normal job with steps, or a call of a reusable workflow (`uses:`).
public struct Job: Sendable {
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

    /// True for a job that calls a reusable workflow.
    public var isReusableWorkflowCall: Bool { uses != nil }

    static func build(id: String, idNode: YAMLNode, node: YAMLNode, context: inout ModelContext) -> Job? {
        guard let pairs = node.mapping else {
            context.report(.expectedMapping("job '\(id)'", at: node.span))
            return nil
        }
        KnownKeys.check(pairs, known: KnownKeys.job, section: "job '\(id)'", context: &context)
        let uses = context.string(node["uses"], section: "uses")
        let runsOnNode = node["runs-on"]
        if uses == nil {
            if runsOnNode == nil { context.report(.missingKey("runs-on", in: "job '\(id)'", at: idNode.span)) }
            if node["steps"] == nil { context.report(.missingKey("steps", in: "job '\(id)'", at: idNode.span)) }
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
        if let node = node["secrets"] {
            if node.string == "inherit" {
                secrets = .inherit(node)
            } else {
                secrets = .explicit(context.entries(node, section: "secrets"))
            }
        }
        return Job(
            id: id, idNode: idNode, node: node,
            name: context.string(node["name"], section: "name"),
            runsOnNode: runsOnNode, runsOn: runsOn,
            needs: context.strings(node["needs"], section: "needs"),
            condition: node["if"],
            permissions: node["permissions"].flatMap { Permissions.build($0, context: &context) },
            environment: node["environment"],
            strategy: node["strategy"].map { Strategy(node: $0, context: &context) },
            container: node["container"].map { Container(node: $0) },
            services: context.entries(node["services"], section: "services"),
            outputs: context.entries(node["outputs"], section: "outputs"),
            env: context.entries(node["env"], section: "env"),
            defaults: node["defaults"], concurrency: node["concurrency"],
            timeoutMinutes: node["timeout-minutes"], continueOnError: node["continue-on-error"],
            uses: uses, workflowReference: uses.flatMap { ActionReference($0.value) },
            with: context.entries(node["with"], section: "with"),
            secrets: secrets,
            steps: Step.buildAll(node["steps"], context: &context))
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
        for pair in matrix?.mapping ?? [] {
            let key = pair.key.string ?? ""
            switch key {
            case "include", "exclude":
                let rows = (pair.value.sequence ?? []).map { row in
                    (row.mapping ?? []).map { Entry(key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
                }
                if key == "include" { include = rows } else { exclude = rows }
            default:
                axes.append(MatrixAxis(name: key, keyNode: pair.key, node: pair.value, values: pair.value.sequence ?? [pair.value]))
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
