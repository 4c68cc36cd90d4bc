public import PlimsollCore
public import YAMLSyntax

/// An `action.yml`/`action.yaml`: name, inputs, outputs and `runs`. Composite actions' steps share `Step`.
public struct ActionMetadata: Sendable {
    public let root: YAMLNode
    public let name: StringValue?
    public let description: StringValue?
    public let inputs: [ActionInput]
    public let outputs: [Entry]
    public let runs: Runs?
    public let diagnostics: [Diagnostic]

    /// `runs:`.
    public struct Runs: Sendable {
        public let node: YAMLNode
        /// `composite`, `docker`, `node20` …
        public let using: StringValue?
        /// `main:` for JavaScript actions.
        public let main: StringValue?
        /// `image:` for Docker actions (`Dockerfile` or `docker://…`).
        public let image: StringValue?
        /// Composite steps.
        public let steps: [Step]
        public var isComposite: Bool { using?.value == "composite" }
    }

    public static func build(from document: YAMLDocument, file: SourceFile) -> (action: ActionMetadata?, diagnostics: [Diagnostic]) {
        var context = ModelContext()
        guard let root = document.root, let pairs = root.mapping else {
            return (nil, [document.root.map { .notAWorkflow(at: $0.span) } ?? .emptyWorkflow()])
        }
        KnownKeys.check(pairs, known: KnownKeys.action, section: "action metadata", context: &context)
        if document.mayHaveMergeKeys { Workflow.reportMergeKeys(root, context: &context) }
        var runs: Runs?
        if let node = root["runs"] {
            if let runPairs = node.mapping {
                KnownKeys.check(runPairs, known: KnownKeys.actionRuns, section: "runs", context: &context)
            }
            let using = context.string(node["using"], section: "using")
            if using == nil { context.report(.missingKey("using", in: "runs", at: node.span)) }
            runs = Runs(
                node: node, using: using,
                main: context.string(node["main"], section: "main"),
                image: context.string(node["image"], section: "image"),
                steps: Step.buildAll(node["steps"], context: &context))
        } else {
            context.report(.missingKey("runs", in: "action metadata", at: .fileStart))
        }
        let inputs = context.entries(root["inputs"], section: "inputs").map {
            ActionInput(id: $0.key, idNode: $0.keyNode, node: $0.value)
        }
        let action = ActionMetadata(
            root: root, name: context.string(root["name"], section: "name"),
            description: context.string(root["description"], section: "description"),
            inputs: inputs, outputs: context.entries(root["outputs"], section: "outputs"),
            runs: runs, diagnostics: context.diagnostics)
        return (action, context.diagnostics)
    }

    /// Loads an action metadata file: YAML diagnostics first, then the model's.
    public static func load(_ file: SourceFile) -> (action: ActionMetadata?, diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(file)
        guard let document = loaded.documents.first else {
            return (nil, loaded.diagnostics.isEmpty ? [.emptyWorkflow()] : loaded.diagnostics)
        }
        let built = build(from: document, file: file)
        return (built.action, loaded.diagnostics + built.diagnostics)
    }
}

/// One input of an action.
public struct ActionInput: Sendable {
    public let id: String
    public let idNode: YAMLNode
    public let node: YAMLNode
    public var required: Bool? { node["required"]?.bool }
    public var defaultValue: YAMLNode? { node["default"] }
    public var deprecationMessage: String? { node["deprecationMessage"]?.string }
}
