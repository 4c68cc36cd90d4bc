// libFuzzer entry point for the YAML layer and the models built on it: the loader, the workflow model and the
// composite-action model from the same bytes, `${{ }}` expressions in every scalar, and the list splitting the
// rules use. Built only with PLIMSOLL_FUZZ=1.
import FuzzSupport
import PlimsollCore
import WorkflowModel
import YAMLSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = SourceFile(path: ".github/workflows/fuzz.yml", bytes: fuzzInput(data, size))
    let loaded = YAMLLoader.load(file)
    checkSpans(loaded.diagnostics.map(\.span), in: file)
    for document in loaded.documents {
        guard let root = document.root else { continue }
        walk(root, file: file)
        let workflow = Workflow.build(from: document, file: file)
        checkSpans(workflow.diagnostics.map(\.span), in: file)
        if let workflow = workflow.workflow { visit(workflow, file: file) }
        let action = ActionMetadata.build(from: document, file: file)
        checkSpans(action.diagnostics.map(\.span), in: file)
        if let action = action.action { visit(action, file: file) }
    }
    // The entry points the loaders use, with a small node budget so the limit's own path is exercised too.
    _ = Workflow.load(file, options: YAMLLoadOptions(maxDepth: 16, maxNodes: 64))
    _ = ActionMetadata.load(file)
    return 0
}

/// Rules slice `file.bytes` with node spans (`lowerBound.offset..<min(upperBound.offset, count)`), so a span must
/// be ordered and start inside the file; anything else would trap in a rule, not here. Check it here.
func checkSpans(_ spans: [SourceSpan], in file: SourceFile) {
    for span in spans {
        precondition(span.lowerBound.offset >= 0 && span.lowerBound.offset <= span.upperBound.offset,
            "span offsets out of order: \(span)")
        precondition(span.upperBound.offset <= file.bytes.count, "span past the end of the file: \(span)")
        precondition(span.lowerBound.line >= 1 && span.lowerBound.column >= 1, "span before line 1: \(span)")
    }
}

/// Every node once (aliases share nodes): spans, expressions and list splitting on every scalar.
func walk(_ root: YAMLNode, file: SourceFile) {
    var visited: Set<YAMLNode> = []
    var pending = [root]
    while let node = pending.popLast() {
        guard visited.insert(node).inserted else { continue }
        checkSpans([node.span] + node.mergeKeys.map(\.span), in: file)
        _ = (node.isNull, node.bool, node.string, node.tag, node.anchor, node.isFlow)
        switch node.kind {
        case .scalar:
            _ = ValueList.items(node, file: file)
            expressions(in: node, file: file)
        case .sequence(let items):
            _ = ValueList.items(node, file: file)
            pending.append(contentsOf: items)
        case .mapping(let pairs):
            for pair in pairs {
                _ = node[pair.key.string ?? ""]
                pending.append(pair.key)
                pending.append(pair.value)
            }
        }
    }
    _ = ExpressionFinder.expressions(inTree: root, file: file)
}

func expressions(in node: YAMLNode, file: SourceFile) {
    for expression in ExpressionFinder.expressions(in: node, file: file) {
        checkSpans([expression.span] + expression.references.map(\.span) + expression.calls.map(\.span), in: file)
        _ = (expression.error, expression.isWholeValue, expression.text)
        for reference in expression.references {
            _ = (reference.context, reference.dotted, reference.matches("secrets.GITHUB_TOKEN"))
        }
        for call in expression.calls {
            _ = (call.stringArgument(0), call.stringArgument(1))
        }
    }
}

/// An `if:` is an expression with or without `${{ }}`, as the rules read it.
func condition(_ node: YAMLNode?) {
    guard let text = node?.string else { return }
    if case .success(let tree) = ExpressionFinder.parse(text) {
        _ = ExpressionFinder.references(in: tree) { _ in .fileStart }
    }
}

func visit(_ reference: ActionReference?) {
    guard let reference else { return }
    _ = (reference.fullName, reference.majorVersion, reference.isPinnedToCommit, reference.isReusableWorkflow)
    _ = (KnownActions.inputs(for: reference), KnownActions.runtime(for: reference), KnownActions.version(for: reference))
    if let name = reference.fullName { _ = KnownActions.currentMajor(of: name) }
}

func visit(_ permissions: Permissions?) {
    guard let permissions else { return }
    _ = permissions.isEmpty
    for scope in Permissions.knownScopes.keys {
        _ = (permissions.level(of: scope), permissions.entry(for: scope))
    }
}

func visit(_ steps: [Step], file: SourceFile) {
    for step in steps {
        visit(step.action)
        condition(step.condition)
        for entry in step.with {
            _ = step.input(entry.key)
            _ = ValueList.items(entry.value, file: file)
        }
        _ = (step.run?.span, step.shell?.value, step.workingDirectory?.value, step.env.keys)
    }
}

func visit(_ workflow: Workflow, file: SourceFile) {
    _ = (workflow.name?.value, workflow.runName?.value, workflow.env.keys)
    visit(workflow.permissions)
    for event in workflow.events {
        _ = workflow.event(event.name)
        for input in event.inputs {
            _ = (input.type?.value, input.required, input.defaultValue, input.options)
        }
        _ = (event.branches, event.tags, event.paths, event.types, event.workflows, event.schedules)
    }
    for job in workflow.jobs {
        _ = workflow.job(job.id)
        visit(job.permissions)
        visit(job.workflowReference)
        condition(job.condition)
        _ = (job.isReusableWorkflowCall, job.runsOn.map(\.value), job.needs.map(\.value))
        if let strategy = job.strategy {
            for axis in strategy.axes { _ = strategy.values(of: axis.name) }
            _ = (strategy.include.count, strategy.exclude.count)
        }
        for container in [job.container].compactMap({ $0 }) + job.services.map({ Container(node: $0.value) }) {
            _ = (container.image, container.credentials, container.env, container.options)
        }
        visit(job.steps, file: file)
    }
    _ = workflow.allSteps.count
}

func visit(_ action: ActionMetadata, file: SourceFile) {
    _ = (action.name?.value, action.description?.value, action.outputs.keys)
    for input in action.inputs {
        _ = (input.required, input.defaultValue, input.deprecationMessage)
    }
    if let runs = action.runs {
        _ = (runs.isComposite, runs.using?.value, runs.main?.value, runs.image?.value)
        visit(runs.steps, file: file)
    }
}

runLibFuzzer { data, size in fuzzYAML(data, size) }
