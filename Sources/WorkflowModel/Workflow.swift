public import PlimsollCore
public import YAMLSyntax

/// A GitHub Actions workflow file, typed. Every value keeps its `YAMLNode`, so a rule can point at it.
///
/// An immutable class, for the reason `Step` gives.
public final class Workflow: Sendable {
    public let file: SourceFile
    public let root: YAMLNode
    public let name: StringValue?
    public let runName: StringValue?
    /// `on:` as written.
    public let onNode: YAMLNode?
    /// The events, in source order, whatever form `on:` used.
    public let events: [EventTrigger]
    public let permissions: Permissions?
    public let env: [Entry]
    public let defaults: YAMLNode?
    public let concurrency: YAMLNode?
    public let jobs: [Job]
    /// Problems found while building the model (not including YAML diagnostics).
    public let diagnostics: [Diagnostic]

    public init(file: SourceFile, root: YAMLNode, name: StringValue?, runName: StringValue?, onNode: YAMLNode?, events: [EventTrigger], permissions: Permissions?, env: [Entry], defaults: YAMLNode?, concurrency: YAMLNode?, jobs: [Job], diagnostics: [Diagnostic]) {
        self.file = file
        self.root = root
        self.name = name
        self.runName = runName
        self.onNode = onNode
        self.events = events
        self.permissions = permissions
        self.env = env
        self.defaults = defaults
        self.concurrency = concurrency
        self.jobs = jobs
        self.diagnostics = diagnostics
    }

    /// The event named `name` (`push`, `pull_request_target` …).
    public func event(_ name: String) -> EventTrigger? { events.first { $0.name == name } }
    /// The job with id `id`.
    public func job(_ id: String) -> Job? { jobs.first { $0.id == id } }
    /// Every step of every job, with its job.
    public var allSteps: [(job: Job, step: Step)] { jobs.flatMap { job in job.steps.map { (job, $0) } } }

    /// Builds the model from a loaded document; diagnostics are collected, never thrown. Nil when the document
    /// has no mapping at its root.
    public static func build(from document: YAMLDocument, file: SourceFile) -> (workflow: Workflow?, diagnostics: [Diagnostic]) {
        var context = ModelContext()
        guard let root = document.root else {
            return (nil, [.emptyWorkflow()])
        }
        guard let pairs = root.mapping else {
            return (nil, [root.isNull ? .emptyWorkflow() : .notAWorkflow(at: root.span)])
        }
        KnownKeys.check(pairs, known: KnownKeys.workflow, section: "workflow", context: &context)
        if document.mayHaveMergeKeys { reportMergeKeys(root, context: &context) }
        let onNode = root["on"]
        if onNode == nil { context.report(.missingKey("on", in: "workflow", at: .fileStart)) }
        let jobsNode = root["jobs"]
        if jobsNode == nil { context.report(.missingKey("jobs", in: "workflow", at: .fileStart)) }
        var jobs: [Job] = []
        var seen: Set<String> = []
        for entry in context.entries(jobsNode, section: "jobs") {
            if !seen.insert(entry.key.lowercased()).inserted {
                context.report(.duplicateID("job", entry.key, at: entry.keyNode.span))
            }
            if let job = Job.build(id: entry.key, idNode: entry.keyNode, node: entry.value, context: &context) {
                jobs.append(job)
            }
        }
        // Every field first, then the one `Workflow`: building it with no diagnostics and copying it with them
        // retained and released each of its dozen node and array references once more per workflow.
        let name = context.string(root["name"], section: "name")
        let runName = context.string(root["run-name"], section: "run-name")
        let events = onNode.map { EventTrigger.buildAll($0, context: &context) } ?? []
        let permissions = root["permissions"].flatMap { Permissions.build($0, context: &context) }
        let env = context.entries(root["env"], section: "env")
        let diagnostics = context.diagnostics.sorted { $0.span.lowerBound < $1.span.lowerBound }
        let workflow = Workflow(
            file: file, root: root, name: name, runName: runName, onNode: onNode, events: events,
            permissions: permissions, env: env, defaults: root["defaults"], concurrency: root["concurrency"],
            jobs: jobs, diagnostics: diagnostics)
        return (workflow, diagnostics)
    }

    /// Loads a workflow file: YAML diagnostics first, then the model's. Uses the first document.
    public static func load(_ file: SourceFile, options: YAMLLoadOptions = .init()) -> (workflow: Workflow?, diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(file, options: options)
        guard let document = loaded.documents.first else {
            return (nil, loaded.diagnostics.isEmpty ? [.emptyWorkflow()] : loaded.diagnostics)
        }
        let built = build(from: document, file: file)
        return (built.workflow, loaded.diagnostics + built.diagnostics)
    }

    /// GitHub does not support `<<`; report every use once (shared alias nodes are visited once).
    static func reportMergeKeys(_ root: YAMLNode, context: inout ModelContext) {
        var visited: Set<YAMLNode> = []
        var pending = [root]
        while let node = pending.popLast() {
            guard visited.insert(node).inserted else { continue }
            for key in node.mergeKeys { context.report(.mergeKeyUnsupported(at: key.span)) }
            switch node.kind {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            }
        }
    }
}
