public import YAMLSyntax

/// One step of a job or of a composite action.
///
/// An immutable class rather than a struct: the rules hand steps around constantly, and copying a struct of a
/// dozen node handles retained the YAML tree a dozen times (the measurements are in the commit that boxed them).
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

    /// One entry of a `steps:` list: an ordinary step, a `parallel:` group of steps, or a control step
    /// (`wait:`, `wait-all:`, `cancel:`) that runs nothing itself. GitHub Actions has accepted the last two
    /// since parallel steps became generally available (2026-06-25, "Workflow syntax for GitHub Actions").
    private enum ListEntry {
        case step(Step)
        case group([YAMLNode])
        case control
    }

    private static func entry(_ node: YAMLNode, index: Int, context: inout ModelContext) -> ListEntry? {
        guard let pairs = node.mapping else {
            context.report(.expectedMapping("step", at: node.span))
            return nil
        }
        // One pass over the pairs; the first pair of a key wins, as with the subscript.
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
        if let group = value(keys.parallel) {
            guard let items = group.sequence else {
                if !group.isNull { context.report(.expectedSequence("parallel", at: group.span)) }
                return .control
            }
            return .group(Array(items))
        }
        let uses = context.string(value(keys.uses), section: "uses")
        let run = context.string(value(keys.run), section: "run")
        if uses == nil, run == nil {
            if keys.isControl { return .control }
            context.report(.invalidStep(at: node.span))
        } else if uses != nil, run != nil {
            context.report(.stepHasUsesAndRun(at: node.span))
        }
        return .step(Step(
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
            timeoutMinutes: value(keys.timeoutMinutes)))
    }

    /// The steps of a `steps:` list in the order they start: the steps of a `parallel:` group take its place,
    /// and control steps, which run nothing, are left out.
    static func buildAll(_ node: YAMLNode?, context: inout ModelContext) -> [Step] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            if !node.isNull { context.report(.expectedSequence("steps", at: node.span)) }
            return []
        }
        var steps: [Step] = []
        var ids: Set<String> = []
        func add(_ item: YAMLNode, insideGroup: Bool) {
            switch entry(item, index: steps.count, context: &context) {
            case .step(let step):
                if let id = step.id {
                    let key = id.value.lowercased()
                    if ids.contains(key), !id.value.containsText("${{") {
                        context.report(.duplicateID("step", id.value, at: id.span))
                    } else {
                        ids.insert(key)
                    }
                }
                steps.append(step)
            case .group(let members):
                if insideGroup {
                    context.report(.nestedParallel(at: item.span))
                    return
                }
                for member in members { add(member, insideGroup: true) }
            case .control, nil:
                return
            }
        }
        for item in items { add(item, insideGroup: false) }
        return steps
    }
}

/// The positions (in the step's pairs) of its known keys, filled in one pass over its pairs (`KnownKeys.step`).
private struct StepKeys {
    var id, condition, name, uses, run, workingDirectory, shell, with, env, continueOnError, timeoutMinutes: Int?
    var background, parallel, wait, waitAll, cancel: Int?

    /// A step that only waits for or cancels background steps.
    var isControl: Bool { wait != nil || waitAll != nil || cancel != nil }

    /// Records `value` (a pair position) under `key` unless that key was seen already; false for a key GitHub
    /// does not know.
    mutating func take(_ key: String, _ value: Int) -> Bool {
        func set(_ field: inout Int?) { if field == nil { field = value } }
        switch key {
        case "id": set(&id)
        case "if": set(&condition)
        case "name": set(&name)
        case "uses": set(&uses)
        case "run": set(&run)
        case "working-directory": set(&workingDirectory)
        case "shell": set(&shell)
        case "with": set(&with)
        case "env": set(&env)
        case "continue-on-error": set(&continueOnError)
        case "timeout-minutes": set(&timeoutMinutes)
        case "background": set(&background)
        case "parallel": set(&parallel)
        case "wait": set(&wait)
        case "wait-all": set(&waitAll)
        case "cancel": set(&cancel)
        default: return false
        }
        return true
    }
}
