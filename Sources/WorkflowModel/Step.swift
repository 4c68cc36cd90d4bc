public import YAMLSyntax

/// One step of a job or of a composite action.
///
/// An immutable class rather than a struct: the rules hand steps around constantly, and copying a struct of a
/// dozen node handles retained the YAML tree a dozen times. Boxing `Workflow`, `Job` and `Step` cut a scan of 860
/// workflows from 794M to 703M instructions, and building the model got no slower (170.8M -> 170.1M).
public final class Step: Sendable {
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

    public init(node: YAMLNode, index: Int, id: StringValue?, name: StringValue?, uses: StringValue?, action: ActionReference?, with: [Entry], run: StringValue?, shell: StringValue?, env: [Entry], condition: YAMLNode?, workingDirectory: StringValue?, continueOnError: YAMLNode?, timeoutMinutes: YAMLNode?) {
        self.node = node
        self.index = index
        self.id = id
        self.name = name
        self.uses = uses
        self.action = action
        self.with = with
        self.run = run
        self.shell = shell
        self.env = env
        self.condition = condition
        self.workingDirectory = workingDirectory
        self.continueOnError = continueOnError
        self.timeoutMinutes = timeoutMinutes
    }

    /// The `with:` value for `key`.
    public func input(_ key: String) -> YAMLNode? { with[key]?.value }

    static func build(_ node: YAMLNode, index: Int, context: inout ModelContext) -> Step? {
        guard let pairs = node.mapping else {
            context.report(.expectedMapping("step", at: node.span))
            return nil
        }
        // One pass over the pairs, reading each key once: a `node["key"]` lookup per field scanned the whole
        // mapping a dozen times and hashed every key again for the unknown-key check. The first pair of a key
        // wins, as with the subscript.
        // Positions rather than nodes, read through `pairs` once at the end: a node held in `StepKeys` was
        // retained, then released with it, an atomic operation each, for every key of every step.
        var keys = StepKeys()
        for position in pairs.indices {
            guard let key = pairs.keyString(at: position) else {
                context.report(.expectedScalar("key in step", at: pairs.key(at: position).span))
                continue
            }
            if !keys.take(key, position) {
                context.report(.unknownKey(
                    key, in: "step", suggestion: KnownKeys.suggestion(for: key, among: KnownKeys.step),
                    at: pairs.key(at: position).span))
            }
        }
        func value(_ position: Int?) -> YAMLNode? { position.map(pairs.value(at:)) }
        let uses = context.string(value(keys.uses), section: "uses")
        let run = context.string(value(keys.run), section: "run")
        if uses == nil, run == nil {
            context.report(.invalidStep(at: node.span))
        } else if uses != nil, run != nil {
            context.report(.stepHasUsesAndRun(at: node.span))
        }
        return Step(
            node: node, index: index,
            id: context.string(value(keys.id), section: "id"),
            name: context.string(value(keys.name), section: "name"),
            uses: uses, action: uses.flatMap { ActionReference($0.value) },
            with: context.entries(value(keys.with), section: "with"),
            run: run,
            shell: context.string(value(keys.shell), section: "shell"),
            env: context.entries(value(keys.env), section: "env"),
            condition: value(keys.condition),
            workingDirectory: context.string(value(keys.workingDirectory), section: "working-directory"),
            continueOnError: value(keys.continueOnError),
            timeoutMinutes: value(keys.timeoutMinutes))
    }

    static func buildAll(_ node: YAMLNode?, context: inout ModelContext) -> [Step] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            if !node.isNull { context.report(.expectedSequence("steps", at: node.span)) }
            return []
        }
        var steps: [Step] = []
        var ids: Set<String> = []
        for (index, item) in items.enumerated() {
            guard let step = build(item, index: index, context: &context) else { continue }
            if let id = step.id {
                let key = id.value.lowercased()
                if ids.contains(key), !id.value.containsText("${{") {
                    context.report(.duplicateID("step", id.value, at: id.span))
                } else {
                    ids.insert(key)
                }
            }
            steps.append(step)
        }
        return steps
    }
}

/// The positions (in the step's pairs) of its known keys, filled in one pass over its pairs (`KnownKeys.step`).
private struct StepKeys {
    var id, condition, name, uses, run, workingDirectory, shell, with, env, continueOnError, timeoutMinutes: Int?

    /// Records `value` (a pair position) under `key` unless that key was seen already; false for a key GitHub
    /// does not know.
    mutating func take(_ key: String, _ value: Int) -> Bool {
        // By byte count first, as `JobKeys.take` does.
        switch (key.utf8.count, key) {
        case (2, "id"): if id == nil { id = value }
        case (2, "if"): if condition == nil { condition = value }
        case (4, "name"): if name == nil { name = value }
        case (4, "uses"): if uses == nil { uses = value }
        case (3, "run"): if run == nil { run = value }
        case (17, "working-directory"): if workingDirectory == nil { workingDirectory = value }
        case (5, "shell"): if shell == nil { shell = value }
        case (4, "with"): if with == nil { with = value }
        case (3, "env"): if env == nil { env = value }
        case (17, "continue-on-error"): if continueOnError == nil { continueOnError = value }
        case (15, "timeout-minutes"): if timeoutMinutes == nil { timeoutMinutes = value }
        default: return false
        }
        return true
    }
}
