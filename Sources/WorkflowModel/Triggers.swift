public import YAMLSyntax

/// One event under `on:`, in any of its forms (`on: push`, `on: [push, pull_request]`, `on: {push: {...}}`).
public struct EventTrigger: Sendable {
    /// The event name (`push`, `pull_request_target`, `workflow_dispatch` …).
    public let name: String
    public let nameNode: YAMLNode
    /// The event's configuration mapping; nil for the string and list forms or a null value.
    public let config: YAMLNode?

    public let branches: [StringValue]?
    public let branchesIgnore: [StringValue]?
    public let tags: [StringValue]?
    public let tagsIgnore: [StringValue]?
    public let paths: [StringValue]?
    public let pathsIgnore: [StringValue]?
    /// Activity types (`types: [opened, synchronize]`).
    public let types: [StringValue]?
    /// `workflow_run.workflows`.
    public let workflows: [StringValue]?
    /// `workflow_dispatch.inputs` or `workflow_call.inputs`.
    public let inputs: [WorkflowInput]
    /// `workflow_call.secrets`.
    public let secrets: [Entry]
    /// `workflow_call.outputs`.
    public let outputs: [Entry]
    /// `schedule`: one entry per `- cron:` item.
    public let schedules: [StringValue]

    static func build(name: String, nameNode: YAMLNode, config: YAMLNode?, context: inout ModelContext) -> EventTrigger {
        var schedules: [StringValue] = []
        var mapping: YAMLNode?
        if name == "schedule", let config {
            if let items = config.sequence {
                for item in items {
                    if let cron = context.string(item["cron"], section: "cron") {
                        schedules.append(cron)
                    } else if item["cron"] == nil {
                        context.report(.missingKey("cron", in: "schedule entry", at: item.span))
                    }
                }
            } else {
                context.report(.expectedSequence("schedule", at: config.span))
            }
        } else if let config, config.mapping != nil {
            mapping = config
        } else if let config, !config.isNull {
            context.report(.expectedMapping(name, at: config.span))
        }
        func list(_ key: String) -> [StringValue]? {
            guard let node = mapping?[key] else { return nil }
            return context.strings(node, section: key)
        }
        let inputs = context.entries(mapping?["inputs"], section: "inputs").map { WorkflowInput(entry: $0) }
        return EventTrigger(
            name: name, nameNode: nameNode, config: mapping,
            branches: list("branches"), branchesIgnore: list("branches-ignore"), tags: list("tags"),
            tagsIgnore: list("tags-ignore"), paths: list("paths"), pathsIgnore: list("paths-ignore"),
            types: list("types"), workflows: list("workflows"), inputs: inputs,
            secrets: context.entries(mapping?["secrets"], section: "secrets"),
            outputs: context.entries(mapping?["outputs"], section: "outputs"),
            schedules: schedules)
    }

    /// Reads `on:` in all three forms.
    static func buildAll(_ node: YAMLNode, context: inout ModelContext) -> [EventTrigger] {
        if let name = node.string {
            return [build(name: name, nameNode: node, config: nil, context: &context)]
        }
        if let items = node.sequence {
            return items.compactMap { item in
                guard let name = context.string(item, section: "on") else { return nil }
                return build(name: name.value, nameNode: item, config: nil, context: &context)
            }
        }
        guard let pairs = node.mapping else { return [] }
        return pairs.map { pair in
            build(name: pair.key.string ?? "", nameNode: pair.key, config: pair.value, context: &context)
        }
    }
}

/// An input of `workflow_dispatch` or `workflow_call`.
public struct WorkflowInput: Sendable {
    public let id: String
    public let idNode: YAMLNode
    public let node: YAMLNode
    public var type: StringValue? { node["type"]?.string.map { StringValue(value: $0, node: node["type"]!) } }
    public var required: Bool? { node["required"]?.bool }
    public var defaultValue: YAMLNode? { node["default"] }
    public var options: [YAMLNode]? { node["options"]?.sequence.map(Array.init) }

    init(entry: Entry) {
        id = entry.key
        idNode = entry.keyNode
        node = entry.value
    }
}
