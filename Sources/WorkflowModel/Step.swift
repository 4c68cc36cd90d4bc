public import YAMLSyntax

/// One step of a job or of a composite action.
public struct Step: Sendable {
    public let node: YAMLNode
    /// 0-based position in its `steps:` list.
    public let index: Int
    public let id: StringValue?
    public let name: StringValue?
    /// `uses:` as written.
    public let uses: StringValue?
    /// `uses:` parsed; nil when absent or not a valid reference.
    public let action: ActionReference?
    /// `with:` entries in source order.
    public let with: [Entry]
    public let run: StringValue?
    public let shell: StringValue?
    public let env: [Entry]
    /// `if:` (a string, or a boolean scalar).
    public let condition: YAMLNode?
    public let workingDirectory: StringValue?
    public let continueOnError: YAMLNode?
    public let timeoutMinutes: YAMLNode?

    /// The `with:` value for `key`.
    public func input(_ key: String) -> YAMLNode? { with[key]?.value }

    static func build(_ node: YAMLNode, index: Int, context: inout ModelContext) -> Step? {
        guard let pairs = node.mapping else {
            context.report(.expectedMapping("step", at: node.span))
            return nil
        }
        KnownKeys.check(pairs, known: KnownKeys.step, section: "step", context: &context)
        let uses = context.string(node["uses"], section: "uses")
        let run = context.string(node["run"], section: "run")
        if uses == nil, run == nil {
            context.report(.invalidStep(at: node.span))
        } else if uses != nil, run != nil {
            context.report(.stepHasUsesAndRun(at: node.span))
        }
        return Step(
            node: node, index: index,
            id: context.string(node["id"], section: "id"),
            name: context.string(node["name"], section: "name"),
            uses: uses, action: uses.flatMap { ActionReference($0.value) },
            with: context.entries(node["with"], section: "with"),
            run: run,
            shell: context.string(node["shell"], section: "shell"),
            env: context.entries(node["env"], section: "env"),
            condition: node["if"],
            workingDirectory: context.string(node["working-directory"], section: "working-directory"),
            continueOnError: node["continue-on-error"],
            timeoutMinutes: node["timeout-minutes"])
    }

    static func buildAll(_ node: YAMLNode?, context: inout ModelContext) -> [Step] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            if !node.isNull { context.report(.expectedSequence("steps", at: node.span)) }
            return []
        }
        var steps: [Step] = []
        var ids: [String: YAMLNode] = [:]
        for (index, item) in items.enumerated() {
            guard let step = build(item, index: index, context: &context) else { continue }
            if let id = step.id {
                let key = id.value.lowercased()
                if ids[key] != nil, !id.value.containsText("${{") {
                    context.report(.duplicateID("step", id.value, at: id.span))
                } else {
                    ids[key] = id.node
                }
            }
            steps.append(step)
        }
        return steps
    }
}
