import WorkflowModel
import YAMLSyntax

/// The `env:` a step sees: the workflow's, then the job's, then the step's, a later level overriding an
/// earlier one (GitHub's "Variables" documentation). The one place both readings of `env:` take it from: the
/// shell and `${{ env.X }}` substitution in text (`StepEnvironment`) and the evaluation of `if:` expressions
/// (`ExpressionScope`).
public struct EnvironmentEntries: Sendable {
    /// Literal values by name, as written (`$NAME` in a shell is case-sensitive).
    public let values: [String: String]
    /// The value node of each name, for readings that follow a value further (a credential through `env:`).
    let nodes: [String: YAMLNode]
    /// Names lowercased to the name as written, for `${{ env.name }}`: property names in expressions are
    /// case-insensitive.
    private let namesByLowercase: [String: String]
    /// Names whose value is not a plain scalar (a mapping, a sequence): set, but not to a known text.
    private let unreadable: Set<String>

    public init(workflow: Workflow, job: Job?, step: Step?) {
        var values: [String: String] = [:]
        var nodes: [String: YAMLNode] = [:]
        var names: [String: String] = [:]
        var unreadable: Set<String> = []
        for entry in workflow.env + (job?.env ?? []) + (step?.env ?? []) {
            names[entry.key.lowercased()] = entry.key
            nodes[entry.key] = entry.value
            if let value = entry.value.string {
                values[entry.key] = value
                unreadable.remove(entry.key)
            } else {
                values[entry.key] = nil
                unreadable.insert(entry.key)
            }
        }
        self.values = values
        self.nodes = nodes
        namesByLowercase = names
        self.unreadable = unreadable
    }

    /// For tests: these values.
    init(values: [String: String]) {
        self.values = values
        nodes = [:]
        namesByLowercase = Dictionary(values.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        unreadable = []
    }

    enum Lookup: Equatable {
        /// The variable is set to this text.
        case text(String)
        /// The variable is set, to something that is not text.
        case unreadable
        /// No `env:` of the workflow, job or step sets it.
        case unset
    }

    /// `${{ env.name }}`, the name matched without regard to case.
    func expression(_ name: String) -> Lookup {
        guard let written = namesByLowercase[name.lowercased()] else { return .unset }
        if unreadable.contains(written) { return .unreadable }
        return values[written].map(Lookup.text) ?? .unset
    }
}
