public import PlimsollCore
import YAMLSyntax

/// What Plimsoll knows about well-known actions: the current major of each, and per major its runtime and the
/// `with:` inputs it accepts. The knowledge is data, `Resources/known-actions.yml`, with a source and a date per
/// entry, so a new release is an edit there; this type only reads it. Unknown actions and majors give nil (no
/// check), and a major newer than the current one is never called outdated.
public enum KnownActions {
    /// One major version of an action.
    public struct Version: Sendable {
        public let major: Int
        /// `runs.using`: `node12`, `node16`, `node20`, `node24`.
        public let runtime: String
        /// The inputs it accepts; nil when only its runtime is known.
        public let inputs: Set<String>?
        /// Where the runtime and inputs were read.
        public let source: String
    }

    /// One action (`owner/name`, lowercase).
    public struct Action: Sendable {
        public let name: String
        /// The newest major this data knows of.
        public let current: Int
        /// Where the current major was read, and when.
        public let source: String
        public let checked: String
        /// Majors below the first one with an input list, down to this one, are checked against that list.
        public let olderInputsFrom: Int?
        /// Oldest first.
        public let majors: [Version]
    }

    public struct Data: Sendable {
        public let actions: [String: Action]
        /// Runtimes GitHub has deprecated.
        public let deprecatedRuntimes: Set<String>
        /// Where users can read that they are deprecated.
        public let deprecationSource: String
    }

    /// The data shipped with Plimsoll, read once. The file is part of the program and a test loads it, so a
    /// mistake in it fails the build's tests rather than a user's scan.
    public static let data: Data = {
        switch read(SourceFile(path: "known-actions.yml", bytes: PackageResources.known_actions_yml)) {
        case .success(let data): return data
        case .failure(let error): preconditionFailure("Resources/known-actions.yml: \(error)")
        }
    }()

    /// The known data for the referenced action and major version.
    public static func version(for reference: ActionReference) -> Version? {
        guard reference.kind == .repository, reference.path == nil, let name = reference.fullName,
            let major = reference.majorVersion
        else { return nil }
        return versions(of: name).first { $0.major == major }
    }

    /// The inputs accepted by the referenced action's major version; nil when the action or major is not known.
    public static func inputs(for reference: ActionReference) -> Set<String>? {
        version(for: reference)?.inputs
    }

    /// The inputs to check the referenced major against, with the major whose list they are: its own list, or
    /// for an older major the oldest list when `older-inputs-from` allows it; nil when not known.
    public static func checkedInputs(for reference: ActionReference) -> (inputs: Set<String>, major: Int)? {
        guard reference.kind == .repository, reference.path == nil, let name = reference.fullName,
            let major = reference.majorVersion, let action = data.actions[name.lowercased()]
        else { return nil }
        if let inputs = action.majors.first(where: { $0.major == major })?.inputs { return (inputs, major) }
        guard let oldest = action.majors.first(where: { $0.inputs != nil }), let inputs = oldest.inputs,
            major < oldest.major, let minimum = action.olderInputsFrom, major >= minimum
        else { return nil }
        return (inputs, oldest.major)
    }

    /// The runtime (`node20` …) of the referenced major version; nil when unknown.
    public static func runtime(for reference: ActionReference) -> String? {
        version(for: reference)?.runtime
    }

    /// The runtime of `major` of the action `name`; nil when unknown.
    public static func runtime(ofAction name: String, major: Int) -> String? {
        versions(of: name).first { $0.major == major }?.runtime
    }

    /// All known majors of an action (`owner/repo`), oldest first.
    public static func versions(of fullName: String) -> [Version] { data.actions[fullName.lowercased()]?.majors ?? [] }

    /// The current major of an action, as this data knows it.
    public static func currentMajor(of fullName: String) -> Int? { data.actions[fullName.lowercased()]?.current }

    /// The actions whose current major accepts `input`, by name: for "did you mean another action" hints.
    public static func actions(accepting input: String) -> [String] {
        data.actions.values.filter { action in
            action.majors.last(where: { $0.inputs != nil })?.inputs?.contains(input) ?? false
        }.map(\.name).sorted()
    }

    // MARK: - Reading the data

    /// A mistake in the data file, with where it is.
    public struct DataError: Error, Sendable, CustomStringConvertible {
        public let location: SourceLocation
        public let message: String
        public var description: String { "\(location.line):\(location.column): \(message)" }
    }

    /// Reads a file in the format of `Resources/known-actions.yml`.
    public static func read(_ file: SourceFile) -> Result<Data, DataError> {
        do throws(DataError) {
            return .success(try parse(file))
        } catch {
            return .failure(error)
        }
    }

    private static func parse(_ file: SourceFile) throws(DataError) -> Data {
        let result = YAMLLoader.load(file)
        if let diagnostic = result.diagnostics.first(where: { $0.severity == .error }) {
            throw DataError(location: diagnostic.span.lowerBound, message: diagnostic.message)
        }
        guard let root = result.documents.first?.root else {
            throw DataError(location: SourceLocation(line: 1, column: 1, offset: 0), message: "empty")
        }
        let deprecated = try required(root, "deprecated-runtimes")
        var actions: [String: Action] = [:]
        for pair in try mapping(try required(root, "actions")) {
            let name = try string(pair.key).lowercased()
            actions[name] = try action(name, pair.value)
        }
        return Data(
            actions: actions, deprecatedRuntimes: Set(try strings(try required(deprecated, "runtimes"))),
            deprecationSource: try string(try required(deprecated, "source")))
    }

    private static func action(_ name: String, _ node: YAMLNode) throws(DataError) -> Action {
        var majors: [Version] = []
        for pair in try mapping(try required(node, "majors")) {
            let major = try integer(pair.key)
            let inputs: Set<String>?
            switch pair.value["inputs"] {
            case nil:
                inputs = nil
            case let list? where list.sequence != nil:
                inputs = Set(try strings(list))
            case let reference?:
                let like = try integer(try required(reference, "like"))
                guard let base = majors.first(where: { $0.major == like })?.inputs else {
                    throw DataError(location: reference.span.lowerBound, message: "'like: \(like)' names no earlier list")
                }
                inputs = base.union(try reference["plus"].map(strings) ?? [])
            }
            if let last = majors.last, last.major >= major {
                throw DataError(location: pair.key.span.lowerBound, message: "majors must be listed oldest first")
            }
            majors.append(
                Version(
                    major: major, runtime: try string(try required(pair.value, "runtime")), inputs: inputs,
                    source: try string(try required(pair.value, "source"))))
        }
        let current = try integer(try required(node, "current"))
        guard majors.last?.major == current else {
            throw DataError(location: node.span.lowerBound, message: "\(name): 'current' is not the newest major listed")
        }
        return Action(
            name: name, current: current, source: try string(try required(node, "source")),
            checked: try string(try required(node, "checked")),
            olderInputsFrom: try node["older-inputs-from"].map(integer), majors: majors)
    }

    private static func required(_ node: YAMLNode, _ key: String) throws(DataError) -> YAMLNode {
        guard let value = node[key] else { throw DataError(location: node.span.lowerBound, message: "'\(key)' is missing") }
        return value
    }

    private static func mapping(_ node: YAMLNode) throws(DataError) -> YAMLNode.Pairs {
        guard let pairs = node.mapping else { throw DataError(location: node.span.lowerBound, message: "expected a mapping") }
        return pairs
    }

    private static func string(_ node: YAMLNode) throws(DataError) -> String {
        guard let text = node.string else { throw DataError(location: node.span.lowerBound, message: "expected a string") }
        return text
    }

    private static func integer(_ node: YAMLNode) throws(DataError) -> Int {
        guard let value = Int(try string(node)) else {
            throw DataError(location: node.span.lowerBound, message: "expected a number")
        }
        return value
    }

    private static func strings(_ node: YAMLNode) throws(DataError) -> [String] {
        guard let items = node.sequence else { throw DataError(location: node.span.lowerBound, message: "expected a list") }
        var result: [String] = []
        for item in items { result.append(try string(item)) }
        return result
    }
}
