import DockerfileSyntax
import PlimsollCore
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// A publication's items per run, for the runs of one set of triggers.
final class PublicationRuns: Sendable {
    let allEvents: [RunEvent]
    let defaultEvent: RunEvent
    /// The items of each run, in the order of `allEvents` then `defaultEvent`, each event once. Searched in
    /// turn rather than hashed: there are at most seven, and hashing an event (six fields, a 40-character SHA
    /// among them) cost more than comparing them, whose names and refs differ at once.
    let byEvent: [(event: RunEvent, items: [PushedReference])]
    /// `itemsInAnyRun` of those triggers.
    let anyRun: [PushedReference]

    init(
        allEvents: [RunEvent], defaultEvent: RunEvent, byEvent: [(event: RunEvent, items: [PushedReference])],
        anyRun: [PushedReference]
    ) {
        self.allEvents = allEvents
        self.defaultEvent = defaultEvent
        self.byEvent = byEvent
        self.anyRun = anyRun
    }

    /// The runs `triggers` start, each event's items built once with `items`.
    convenience init(_ triggers: WorkflowTriggers, items: (RunEvent) -> [PushedReference]) {
        let allEvents = triggers.allEvents
        let defaultEvent = triggers.defaultBranchEvent
        var byEvent: [(event: RunEvent, items: [PushedReference])] = []
        var anyRun: [PushedReference] = []
        var seen: Set<String> = []
        // The runs the workflow has; a default-branch push only for a workflow without any Plimsoll reads (a
        // workflow that only others call would otherwise be read as pushed, with its inputs empty).
        for event in allEvents.isEmpty ? [defaultEvent] : allEvents {
            let known = byEvent.first { $0.event == event }?.items
            let built = known ?? items(event)
            if known == nil { byEvent.append((event, built)) }
            for item in built where seen.insert("\(item.span.lowerBound.offset) \(item.text)").inserted {
                anyRun.append(item)
            }
        }
        self.init(allEvents: allEvents, defaultEvent: defaultEvent, byEvent: byEvent, anyRun: anyRun)
    }

    func items(for event: RunEvent) -> [PushedReference]? {
        byEvent.first { $0.event == event }?.items
    }
}

/// One image reference a publication pushes in one run, as written and as the run sees it.
public struct PushedReference: Sendable {
    /// The text as written in the workflow.
    public let written: String
    /// With `${{ env.X }}`, `$X` and GitHub's default variables (`$GITHUB_SHA` → `${{ github.sha }}`) resolved;
    /// other expressions kept.
    public let resolved: String
    /// `resolved` with the expressions the run decides evaluated (`${{ github.ref_name }}` → `main`).
    public let text: String
    public let span: SourceSpan
    /// The metadata-action output this item comes from.
    public let metadata: MetadataReference?
    /// True when the item may stand for any number of references (`$TAGS`, `${{ steps.x.outputs.tags }}`).
    public let isOpaque: Bool

    /// `ImageReferenceText.split(text)`, split once: the rules ask for the name and tag many times.
    private let parts: (name: String, tag: String?, digest: String?)

    init(
        written: String, resolved: String, text: String, span: SourceSpan, metadata: MetadataReference?,
        isOpaque: Bool
    ) {
        self.written = written
        self.resolved = resolved
        self.text = text
        self.span = span
        self.metadata = metadata
        self.isOpaque = isOpaque
        parts = ImageReferenceText.split(text)
    }

    /// The repository part (`ghcr.io/owner/app`).
    public var name: String { parts.name }
    /// The tag part; nil when none is written (docker then uses `latest`).
    var tag: String? { parts.tag }
    /// The tag the registry gets: `latest` when none is written.
    public var effectiveTag: String? {
        guard !isOpaque else { return nil }
        return tag ?? (parts.digest == nil ? "latest" : nil)
    }
    public var isFromMetadata: Bool { metadata != nil }
    /// True when the tag is an input the caller of a reusable workflow, or whoever starts a manual run, gives
    /// (`app:${{ inputs.tag }}`): it may be any tag.
    public var tagIsInput: Bool {
        guard let tag = parts.tag else { return false }
        return tag.expressionBodies.contains { $0.trimmingWhitespace().hasPrefix("inputs.") }
    }
}

/// What a publication labels its image with (keys without the `org.opencontainers.image.` prefix are kept
/// whole).
public struct ImageLabel: Sendable {
    public let key: String
    public let value: String
    public let span: SourceSpan
    /// A Dockerfile `LABEL`, a workflow input or command option, or metadata-action.
    public let origin: Origin

    public enum Origin: Sendable { case dockerfile(String), workflow, metadata }
}

/// An image a workflow publishes: one `docker/build-push-action` step, or the docker command lines of one job,
/// with the metadata-action step its tags and labels come from. The unit the TAG and RELEASE rules check.
///
/// A class, shared: the rules loop over a workflow's publications, and copying one as a value retained each of the
/// dozen references it holds.
public final class Publication: Sendable {
    public let workflow: Workflow
    public let file: SourceFile
    public let job: Job
    public let builds: [ImageBuild]
    public let tagsMetadata: MetadataAction?
    let labelsMetadata: MetadataAction?
    /// Where to report a missing tag: the metadata step's `tags:` key (or `uses:`), else the build's `tags:` key,
    /// else the build itself.
    public let missingTagSpan: SourceSpan
    /// For an `imagetools create` publication: the builds whose images it merges, each read as a publication,
    /// for the labels (and commit tags) the merged image carries.
    public let members: [Publication]
    /// True when some tags cannot be seen statically.
    public let isOpaque: Bool
    private let environment: StepEnvironment
    private let writtenItems: [(written: String, span: SourceSpan, isExact: Bool)]
    /// Per written item: the text with variables resolved (as `items(for:)` resolves it) and whether that is
    /// opaque. The same in every run, so resolved once here rather than per run and per rule.
    private let resolvedItems: [(resolved: String, isOpaque: Bool)]
    /// The items of each run the workflow's own triggers start, built once: a dozen TAG rules ask for them.
    private let runs: PublicationRuns
    /// The paths `dockerfile(in:)` looks up, in order.
    private let dockerfileCandidates: [String]

    public var isCommandLine: Bool { if case .commandLine = builds[0].kind { true } else { false } }

    /// A pull request's preview image: every tag it writes names the pull request (`pr-${{ github.event.number }}`,
    /// through variables and step outputs). It is a build for reviewers, not a release of the image, so what a
    /// release must carry (`latest`, a commit tag, `dev`) is not asked of it. metadata-action's tags vary by run
    /// (`type=ref,event=pr` only names pull requests on pull request runs), so they never make a preview.
    public var isPullRequestPreview: Bool {
        !resolvedItems.isEmpty && tagsMetadata == nil
            && resolvedItems.allSatisfy { item in
                let tag = (ImageReferenceText.split(item.resolved).tag ?? "").lowercased()
                return ["pull_request.number", "event.number", "pr_number"].contains(where: tag.containsText)
            }
    }

    /// The publications of a workflow: every build-push-action step that may push, and every job whose docker
    /// command lines push.
    static func all(in workflow: Workflow, builds: [ImageBuild], triggers: WorkflowTriggers) -> [Publication] {
        let file = workflow.file
        var result: [Publication] = []
        var commandLines: [(job: Job, builds: [ImageBuild])] = []
        // A push by digest names no tag, and a build a later `imagetools create` merges is that merge's input:
        // the image people pull is the merged one, which carries their labels (`members`).
        // A promotion re-tags an image a build made: it is not a new one.
        for build in builds
        where !build.isMergeMember && !build.isPromotion
            && ((build.publishes && !build.pushesByDigest) || isCommandLine(build))
        {
            if isCommandLine(build) {
                if let last = commandLines.last, last.job.id == build.job.id {
                    commandLines[commandLines.count - 1].builds.append(build)
                } else {
                    commandLines.append((build.job, [build]))
                }
            } else {
                result.append(
                    Publication(workflow: workflow, file: file, job: build.job, builds: [build], triggers: triggers))
            }
        }
        for group in commandLines where group.builds.contains(where: \.publishes) {
            let members = group.builds.flatMap(\.members).map { member in
                Publication(workflow: workflow, file: file, job: builds[member].job, builds: [builds[member]], triggers: triggers)
            }
            result.append(
                Publication(
                    workflow: workflow, file: file, job: group.job, builds: group.builds, triggers: triggers,
                    members: members))
        }
        return result.sorted { $0.builds[0].anchor.lowerBound < $1.builds[0].anchor.lowerBound }
    }

    private static func isCommandLine(_ build: ImageBuild) -> Bool {
        if case .commandLine = build.kind { true } else { false }
    }

    init(
        workflow: Workflow, file: SourceFile, job: Job, builds: [ImageBuild], triggers: WorkflowTriggers,
        members: [Publication] = []
    ) {
        self.members = members
        self.workflow = workflow
        self.file = file
        self.job = job
        self.builds = builds
        let first = builds[0]
        environment = StepEnvironment(workflow: workflow, job: job, step: first.step)
        var items: [(String, SourceSpan, Bool)] = []
        var opaque = false
        var metadata: MetadataAction?
        var labelsMetadata: MetadataAction?
        var missingSpan = first.anchor
        var localTags: [ShellSyntax.ShellWord] = []
        for build in builds {
            switch build.kind {
            case .buildPushAction:
                if let entry = build.input("tags") {
                    missingSpan = entry.keyNode.span
                    for item in ValueList.items(entry.value, file: file) {
                        switch MetadataLink.find(in: item.text, output: "tags", job: job, workflow: workflow, file: file) {
                        case .metadata(let action):
                            metadata = action
                            opaque = opaque || action.readsLinesAtRunTime
                            missingSpan = action.tagsEntry?.keyNode.span ?? action.step.uses?.span ?? missingSpan
                        case .other:
                            opaque = true
                        case .none:
                            items.append((item.text, item.span, item.isExactSpan))
                        }
                    }
                }
                if let entry = build.input("labels") ?? build.input("annotations") {
                    for item in ValueList.items(entry.value, file: file, separators: [UInt8(ascii: "\n")]) {
                        if case .metadata(let action) = MetadataLink.find(
                            in: item.text, output: "labels", job: job, workflow: workflow, file: file)
                        {
                            labelsMetadata = action
                        } else if case .metadata(let action) = MetadataLink.find(
                            in: item.text, output: "annotations", job: job, workflow: workflow, file: file)
                        {
                            labelsMetadata = action
                        }
                    }
                }
            case .commandLine(let command):
                let text = String(decoding: file.bytes[command.command.range.clamped(to: 0..<file.bytes.count)], as: UTF8.self)
                if let action = MetadataLink.metadataMentioned(in: text, job: job, workflow: workflow, file: file) {
                    metadata = action
                    labelsMetadata = labelsMetadata ?? (text.containsText("label") ? action : nil)
                }
                var words: [ShellSyntax.ShellWord] = []
                switch command.kind {
                case .build:
                    // A tag of a build that does not push stays on the runner; `docker push` names what leaves it
                    // (a local tag is often re-tagged to the registry name first).
                    if build.push.mayPush {
                        words = command.options("--tag").compactMap { $0.value ?? $0.word }
                    } else {
                        localTags += command.options("--tag").compactMap { $0.value ?? $0.word }
                    }
                case .imagetoolsCreate:
                    words = command.options("--tag").compactMap { $0.value ?? $0.word }
                    if words.isEmpty, metadata == nil { opaque = true }
                case .push:
                    words = Array(command.arguments.prefix(1))
                    if command.has("--all-tags", "-a"), let name = words.first?.value {
                        // Every local tag of that repository.
                        words = localTags.filter { ImageReferenceText.split(Self.tagValue($0.value)).name == name }
                    }
                case .bake:
                    opaque = true
                case .tag, .pull:
                    break
                }
                for word in words {
                    items.append((Self.tagValue(word.value), file.span(word.range), true))
                }
            }
        }
        writtenItems = items
        let resolveShell = if case .commandLine = first.kind { true } else { false }
        let resolver = environment
        let resolvedItems = items.map { item in
            let resolved = resolver.resolve(item.0, shell: resolveShell)
            return (resolved: resolved, isOpaque: ImageReferenceText.isOpaque(resolved))
        }
        self.resolvedItems = resolvedItems
        tagsMetadata = metadata
        self.labelsMetadata = labelsMetadata
        missingTagSpan = missingSpan
        let env = environment
        isOpaque = opaque || items.contains { ImageReferenceText.isOpaque(env.resolve($0.0, shell: true)) }
        dockerfileCandidates = Self.dockerfileCandidates(builds)
        let written = items.map { (written: $0.0, span: $0.1, isExact: $0.2) }
        runs = PublicationRuns(triggers) { event in
            Self.buildItems(
                for: event, written: written, resolved: resolvedItems, tagsMetadata: metadata, environment: resolver)
        }
    }

    var step: Step { builds[0].step }

    /// A `--tag` word's value: `--tag=x` and `-t=x` keep the flag in the word.
    private static func tagValue(_ word: String) -> String {
        if word.hasPrefix("--tag=") { return String(word.dropFirst("--tag=".count)) }
        if word.hasPrefix("-t="), word.count > 3 { return String(word.dropFirst(3)) }
        return word
    }

    /// True when this publication pushes in `event`: its `push:` and the step's and job's `if:` allow it.
    public func pushes(in event: RunEvent) -> Bool {
        guard PublicationConditions.allows(job.condition, event) else { return false }
        return builds.contains { build in
            guard PublicationConditions.allows(build.step.condition, event) else { return false }
            switch build.push {
            case .no: return false
            case .yes: return true
            case .conditional(let expression): return PublicationConditions.allows(expression, event)
            }
        }
    }

    /// The references pushed in `event` (metadata-action's for that run).
    public func items(for event: RunEvent) -> [PushedReference] {
        runs.items(for: event) ?? buildItems(for: event)
    }

    private func buildItems(for event: RunEvent) -> [PushedReference] {
        Self.buildItems(
            for: event, written: writtenItems, resolved: resolvedItems, tagsMetadata: tagsMetadata,
            environment: environment)
    }

    private static func buildItems(
        for event: RunEvent, written writtenItems: [(written: String, span: SourceSpan, isExact: Bool)],
        resolved resolvedItems: [(resolved: String, isOpaque: Bool)], tagsMetadata: MetadataAction?,
        environment: StepEnvironment
    ) -> [PushedReference] {
        var result: [PushedReference] = zip(writtenItems, resolvedItems).map { item, resolved in
            let text = resolved.resolved.substitutingExpressions { event.evaluate($0)?.text }
            return PushedReference(
                written: item.written, resolved: resolved.resolved, text: text, span: item.span, metadata: nil,
                isOpaque: resolved.isOpaque)
        }
        if let tagsMetadata {
            for reference in tagsMetadata.references(for: event) {
                // metadata-action lowercases the name GitHub hands it, after `${{ env.X }}` was substituted.
                let name = reference.image.map { environment.resolve($0.name, shell: false).lowercased() }
                let full = name.map { "\($0):\(reference.tag.value)" } ?? reference.tag.value
                let text = full.substitutingExpressions { event.evaluate($0)?.text }
                result.append(
                    PushedReference(
                        written: reference.tag.spec?.text ?? reference.tag.value, resolved: full, text: text,
                        span: reference.tag.span, metadata: reference, isOpaque: false))
            }
        }
        return result
    }

    /// Every spec of the linked metadata step that may produce a tag, with the items written literally, in any
    /// run: for the checks that do not depend on the run.
    public func itemsInAnyRun(_ triggers: WorkflowTriggers) -> [PushedReference] {
        if runs.defaultEvent == triggers.defaultBranchEvent, runs.allEvents == triggers.allEvents {
            return runs.anyRun
        }
        return PublicationRuns(triggers, items: buildItems(for:)).anyRun
    }

    /// The labels and annotations the image gets: from the Dockerfile built, `labels:`/`annotations:` inputs,
    /// `--label`/`--annotation` options, and metadata-action's `labels` output.
    public func labels(in repository: Repository, event: RunEvent) -> [ImageLabel] {
        var result: [ImageLabel] = []
        if let dockerfile = dockerfile(in: repository), let stage = dockerfile.dockerfile.stages.last {
            for index in stage.instructionIndices {
                let instruction = dockerfile.dockerfile.instructions[index]
                guard instruction.kind == .label else { continue }
                for pair in instruction.keyValuePairs {
                    result.append(
                        ImageLabel(
                            key: ImageReferenceText.unquote(pair.key.text), value: ImageReferenceText.unquote(pair.value.text),
                            span: pair.value.span, origin: .dockerfile(dockerfile.path)))
                }
            }
        }
        for build in builds {
            switch build.kind {
            case .buildPushAction:
                for name in ["labels", "annotations"] {
                    guard let entry = build.input(name) else { continue }
                    for item in ValueList.items(entry.value, file: file, separators: [UInt8(ascii: "\n")]) {
                        guard let equals = item.text.firstIndex(of: "=") else { continue }
                        var key = item.text[..<equals].trimmingWhitespace()
                        if let colon = key.firstIndex(of: ":"), key[..<colon].allSatisfy({ $0.isLetter || $0 == "-" || $0 == "," }) {
                            key = String(key[key.index(after: colon)...])
                        }
                        let value = environment.resolve(item.text[item.text.index(after: equals)...].trimmingWhitespace(), shell: false)
                        result.append(ImageLabel(key: key, value: value, span: item.span, origin: .workflow))
                    }
                }
            case .commandLine(let command):
                for option in command.options("--label", "--annotation") {
                    guard let text = option.text, let equals = text.firstIndex(of: "=") else { continue }
                    let word = option.value ?? option.word
                    result.append(
                        ImageLabel(
                            key: String(text[..<equals]),
                            value: environment.resolve(String(text[text.index(after: equals)...]), shell: true),
                            span: file.span(word.range), origin: .workflow))
                }
            }
        }
        if let labelsMetadata {
            for label in labelsMetadata.labels(for: event) {
                result.append(ImageLabel(key: label.key, value: label.value, span: label.span, origin: .metadata))
            }
        }
        // A merged image lists its members' manifests, whose configs hold their labels.
        for member in members { result += member.labels(in: repository, event: event) }
        return result
    }

    /// The Dockerfile this publication builds: `file:`/`--file`, else `<context>/Dockerfile`, else the layout's.
    func dockerfile(in repository: Repository) -> DockerfileFile? {
        for candidate in dockerfileCandidates {
            if let file = repository.dockerfile(at: candidate) { return file }
        }
        return repository.layoutDockerfile
    }

    /// Per build, the path of the Dockerfile it reads (`ImageBuild.dockerfilePath`).
    private static func dockerfileCandidates(_ builds: [ImageBuild]) -> [String] {
        builds.compactMap { build in
            if case .commandLine(let command) = build.kind, command.kind != .build(buildx: false),
                command.kind != .build(buildx: true)
            {
                return nil
            }
            return build.dockerfilePath
        }
    }
}

/// How a build's input refers to metadata-action.
public enum MetadataLink {
    case metadata(MetadataAction)
    /// An expression whose value cannot be seen (another step's output, a matrix value).
    case other
    case none

    /// Looks at one item of a build input (`${{ steps.meta.outputs.tags }}`, `${{ needs.meta.outputs.tags }}`,
    /// `${{ env.DOCKER_METADATA_OUTPUT_TAGS }}`).
    static func find(in text: String, output: String, job: Job, workflow: Workflow, file: SourceFile) -> MetadataLink {
        var followed: Set<[String]> = []
        return find(in: text, output: output, job: job, workflow: workflow, file: file, followed: &followed)
    }

    /// `followed` holds the job outputs already looked through (job id, output name): a job output
    /// that names itself, or outputs that name each other, would otherwise recurse until the stack overflows,
    /// and outputs naming the same output many times would be read exponentially often.
    private static func find(
        in text: String, output: String, job: Job, workflow: Workflow, file: SourceFile, followed: inout Set<[String]>
    ) -> MetadataLink {
        guard text.containsText("${{") else { return .none }
        let trimmed = text.trimmingWhitespace()
        let isWhole = trimmed.wholeExpression != nil
        for reference in references(in: text) {
            let path = reference.path.map { $0.lowercased() }
            if path.count >= 4, path[0] == "steps", path[2] == "outputs", [output, "json"].contains(path[3]) {
                if let action = metadataStep(id: reference.path[1], in: job, file: file) { return .metadata(action) }
            }
            if path.count >= 4, path[0] == "needs", path[2] == "outputs",
                let other = workflow.job(reference.path[1]),
                let value = other.outputs[reference.path[3]]?.value.string,
                followed.insert([reference.path[1], reference.path[3]]).inserted
            {
                if case .metadata(let action) = find(
                    in: value, output: output, job: other, workflow: workflow, file: file, followed: &followed)
                {
                    return .metadata(action)
                }
            }
            if path.count == 2, path[0] == "env", path[1] == "docker_metadata_output_\(output)" {
                if let action = job.steps.compactMap({ MetadataAction(step: $0, file: file) }).first {
                    return .metadata(action)
                }
            }
        }
        return isWhole ? .other : .none
    }

    /// A metadata step named in a shell command's text (`$DOCKER_METADATA_OUTPUT_JSON`, `steps.meta.outputs`).
    static func metadataMentioned(in text: String, job: Job, workflow: Workflow, file: SourceFile) -> MetadataAction? {
        let actions = job.steps.compactMap { MetadataAction(step: $0, file: file) }
        guard !actions.isEmpty else { return nil }
        if text.containsText("DOCKER_METADATA_OUTPUT") { return actions.last }
        for action in actions {
            if let id = action.step.id?.value, text.containsText("steps.\(id).outputs.tags") || text.containsText("steps.\(id).outputs.json") {
                return action
            }
        }
        return nil
    }

    static func metadataStep(id: String, in job: Job, file: SourceFile) -> MetadataAction? {
        guard let step = job.steps.first(where: { $0.id?.value.lowercased() == id.lowercased() }) else { return nil }
        return MetadataAction(step: step, file: file)
    }

    public static func references(in text: String) -> [ContextReference] {
        var result: [ContextReference] = []
        for body in text.expressionBodies {
            if case .success(let tree) = ExpressionFinder.parse(String(body)) {
                let dummy = SourceLocation(line: 1, column: 1, offset: 0)
                result += ExpressionFinder.references(in: tree) { _ in dummy..<dummy }.references
            }
        }
        return result
    }
}

/// `if:` and `push:` conditions for one run.
enum PublicationConditions {
    static func allows(_ node: YAMLNode?, _ event: RunEvent) -> Bool {
        guard let node else { return true }
        if let bool = node.bool { return bool }
        guard let text = node.string else { return true }
        return allows(text, event)
    }

    /// False only when the condition surely evaluates to false for `event`.
    static func allows(_ text: String, _ event: RunEvent) -> Bool {
        var expression = text.trimmingWhitespace()
        if let whole = expression.wholeExpression {
            expression = whole
        } else if expression.containsText("${{") {
            return true
        }
        if expression.lowercased() == "false" { return false }
        return event.evaluate(expression)?.truthy ?? true
    }
}

/// The environment a step's values see: workflow, job and step `env:` with literal values.
public struct StepEnvironment: Sendable {
    private let entries: EnvironmentEntries
    /// Literal values by name, for `$NAME` in a shell (case-sensitive).
    private var values: [String: String] { entries.values }
    /// Where `${{ steps.<id>.outputs.<name> }}` is looked up: the earlier steps of the job.
    private let outputs: OutputScope?

    private struct OutputScope: Sendable {
        let job: Job
        let workflow: Workflow
        let step: Step
        /// How many outputs were followed to get here.
        let depth: Int
    }

    public init(workflow: Workflow, job: Job, step: Step, depth: Int = 0) {
        entries = EnvironmentEntries(workflow: workflow, job: job, step: step)
        outputs = OutputScope(job: job, workflow: workflow, step: step, depth: depth)
    }

    /// How many step outputs may be followed through one another (each may quote earlier ones).
    static let maximumOutputDepth = 8

    /// `${{ steps.<id>.outputs.<name> }}` as the earlier step's script writes it to `$GITHUB_OUTPUT`, with that
    /// step's variables resolved (`tag=pr-${PR_NUMBER}` with `PR_NUMBER: ${{ github.event.number }}`).
    private func stepOutput(_ path: Substring) -> String? {
        guard let outputs, outputs.depth < Self.maximumOutputDepth else { return nil }
        let parts = path.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "steps", parts[2] == "outputs",
            let producer = StepOutputAssignment.producer(String(parts[1]), before: outputs.step, in: outputs.job),
            let text = StepOutputAssignment.text(of: String(parts[3]), in: producer.run)
        else { return nil }
        let environment = StepEnvironment(
            workflow: outputs.workflow, job: outputs.job, step: producer.step, depth: outputs.depth + 1)
        let value = environment.resolve(text, shell: true)
        // A variable of the producing script (`TAG=…; echo "tag=$TAG"`) means nothing in another step; the
        // runner's own variables (`${GITHUB_REF#refs/tags/}`) are the same in every step.
        return Self.onlyRunnerVariables(value) ? value : nil
    }

    /// True when every `$NAME` or `${NAME…}` left in `text` names a variable the runner sets (`GITHUB_*`).
    static func onlyRunnerVariables(_ text: String) -> Bool {
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            rest = rest[rest.index(after: dollar)...]
            if rest.hasPrefix("{{") { continue }
            let name = (rest.hasPrefix("{") ? rest.dropFirst() : rest).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty, !name.hasPrefix("GITHUB_"), !name.hasPrefix("RUNNER_") { return false }
        }
        return true
    }

    /// GitHub's default variables, as the expressions they equal.
    static let defaults: [String: String] = [
        "GITHUB_REPOSITORY": "${{ github.repository }}",
        "GITHUB_REPOSITORY_OWNER": "${{ github.repository_owner }}",
        "GITHUB_SHA": "${{ github.sha }}",
        "GITHUB_REF_NAME": "${{ github.ref_name }}",
        "GITHUB_REF": "${{ github.ref }}",
        "GITHUB_ACTOR": "${{ github.actor }}",
        "GITHUB_RUN_NUMBER": "${{ github.run_number }}",
    ]

    /// How many bytes one `resolve` may insert in each of its rounds. A variable that refers to itself
    /// (`A: $A$A$A…`) multiplies the text by its own length every round: an 848-byte workflow asked for more than
    /// 10 GiB. Real values are a few hundred bytes; past the budget a reference is left as written (unknown), and
    /// `SkippedFileRule` reports the variable (`overBudgetVariables`).
    public static let resolvedTextBudget = 64 * 1024

    /// Replaces `${{ env.X }}` (and in shell text `$X`, `${X}`, `${X,,}`) by what is known.
    func resolve(_ text: String, shell: Bool) -> String { resolveWithinBudget(text, shell: shell).text }

    /// `resolve`, and whether a reference was left unresolved because the round's budget was spent.
    func resolveWithinBudget(_ text: String, shell: Bool) -> (text: String, exceeded: Bool) {
        var result = text
        var exceeded = false
        for _ in 0..<3 {
            var budget = Self.resolvedTextBudget
            var next = result.substitutingExpressions { inner in
                let trimmed = inner.trimmingWhitespace()
                if trimmed.lowercased().hasPrefix("steps.") { return stepOutput(trimmed[...]) }
                guard trimmed.lowercased().hasPrefix("env."), trimmed.dropFirst(4).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                else { return nil }
                // `${{ env.name }}` matches the name without regard to case, as expressions do.
                guard case .text(let value) = entries.expression(String(trimmed.dropFirst(4))) else { return nil }
                guard value.utf8.count <= budget else {
                    exceeded = true
                    return nil
                }
                budget -= value.utf8.count
                return value
            }
            if shell {
                let shellResult = resolveShell(next, budget: budget)
                next = shellResult.text
                exceeded = exceeded || shellResult.exceeded
            }
            if next == result { break }
            result = next
        }
        return (result, exceeded)
    }

    /// The variables of this environment whose value cannot be resolved within `resolvedTextBudget`.
    public func overBudgetVariables() -> Set<String> {
        Set(values.filter { resolveWithinBudget($0.value, shell: true).exceeded }.keys)
    }

    /// For tests: an environment holding these variables.
    init(values: [String: String]) {
        entries = EnvironmentEntries(values: values)
        outputs = nil
    }

    /// `$X`, `${X}` and `${X,,}` replaced by what is known (names are ASCII, as the shell reads them).
    func resolveShell(_ text: String) -> String { resolveShell(text, budget: Self.resolvedTextBudget).text }

    /// `resolveShell` inserting at most `budget` bytes; a reference past it is kept as written.
    func resolveShell(_ text: String, budget: Int) -> (text: String, exceeded: Bool) {
        guard text.containsByte(UInt8(ascii: "$")) else { return (text, false) }
        var budget = Budget(remaining: budget)
        let result = text.withUTF8Bytes { resolveShell($0, budget: &budget) }
        return (result, budget.exceeded)
    }

    /// Bytes a substitution may still insert, and whether one was refused.
    struct Budget {
        var remaining: Int
        var exceeded = false

        /// The value when it fits (and takes its bytes), nil when it does not.
        mutating func take(_ value: String?) -> String? {
            guard let value else { return nil }
            guard value.utf8.count <= remaining else {
                exceeded = true
                return nil
            }
            remaining -= value.utf8.count
            return value
        }
    }

    private func resolveShell(_ bytes: UnsafeBufferPointer<UInt8>, budget: inout Budget) -> String {
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let dollar = UInt8(ascii: "$")
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == dollar else {
                var end = index + 1
                while end < bytes.count, bytes[end] != dollar { end += 1 }
                result.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            let after = index + 1
            if after < bytes.count, bytes[after] == UInt8(ascii: "{"),
                !(after + 1 < bytes.count && bytes[after + 1] == UInt8(ascii: "{"))
            {
                guard let close = bytes[after...].firstIndex(of: UInt8(ascii: "}")) else {
                    // An unclosed `${`: the shell rejects it; the text stays as written.
                    result.append(contentsOf: bytes[index...])
                    break
                }
                var nameEnd = close
                let lower = close - (after + 1) >= 2 && bytes[close - 1] == UInt8(ascii: ",")
                    && bytes[close - 2] == UInt8(ascii: ",")
                if lower { nameEnd -= 2 }
                let name = (after + 1)..<nameEnd
                if bytes[name].allSatisfy(UTF8Text.isNameByte), let value = budget.take(lookup(string(name))) {
                    result.append(contentsOf: (lower ? lowercased(value) : value).utf8)
                } else {
                    result.append(contentsOf: bytes[index...close])
                }
                index = close + 1
                continue
            }
            var end = after
            while end < bytes.count, UTF8Text.isNameByte(bytes[end]) { end += 1 }
            if end == after {
                result.append(dollar)
                index = after
                continue
            }
            if let value = budget.take(lookup(string(after..<end))) {
                result.append(contentsOf: value.utf8)
            } else {
                result.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return String(decoding: result, as: UTF8.self)
    }

    private func lookup(_ name: String) -> String? { values[name] ?? Self.defaults[name] }

    private func lowercased(_ value: String) -> String {
        if value.hasPrefix("${{"), value.hasSuffix("}}") {
            return "${{ toLower(\(value.dropFirst(3).dropLast(2).trimmingWhitespace())) }}"
        }
        return value.lowercased()
    }
}

/// Text helpers for image references that may contain `${{ }}` and `$VAR`.
public enum ImageReferenceText {
    /// Splits `name:tag@digest`, ignoring `:` and `@` inside `${{ }}` and `${ }`.
    public static func split(_ text: String) -> (name: String, tag: String?, digest: String?) {
        text.withUTF8Bytes { bytes in
            let masked = mask(bytes)
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var nameEnd = bytes.count
            var digest: String?
            if let at = masked.lastIndex(of: UInt8(ascii: "@")) {
                digest = string(at + 1..<bytes.count)
                nameEnd = at
            }
            let slash = masked[..<nameEnd].lastIndex(of: UInt8(ascii: "/")) ?? 0
            if let colon = masked[slash..<nameEnd].lastIndex(of: UInt8(ascii: ":")) {
                return (string(0..<colon), string(colon + 1..<nameEnd), digest)
            }
            return (string(0..<nameEnd), nil, digest)
        }
    }

    /// The text with every byte inside `${{ … }}` or `${ … }` replaced by `x` (same byte offsets).
    public static func mask(_ text: String) -> String {
        text.withUTF8Bytes { String(decoding: mask($0), as: UTF8.self) }
    }

    private static func mask(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result = Array(text)
        var depth = 0
        let x = UInt8(ascii: "x")
        for index in text.indices {
            if text[index] == UInt8(ascii: "$"), index + 1 < text.count, text[index + 1] == UInt8(ascii: "{") {
                depth += 1
                result[index] = x
            } else if depth > 0, text[index] == UInt8(ascii: "}") {
                if !(index + 1 < text.count && text[index + 1] == UInt8(ascii: "}")) { depth -= 1 }
                result[index] = x
            } else if depth > 0 {
                result[index] = x
            }
        }
        return result
    }

    /// The text with unbraced shell variables (`$IMAGE`) replaced by `x`.
    public static func maskVariables(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "$") {
                    var end = index + 1
                    while end < bytes.count, UTF8Text.isNameByte(bytes[end]) { end += 1 }
                    if end > index + 1 {
                        result.append(UInt8(ascii: "x"))
                        index = end
                        continue
                    }
                }
                result.append(bytes[index])
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// True for a value that may be any number of references: a single whole expression or variable, or a
    /// command substitution.
    static func isOpaque(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if trimmed.containsText("$(") || trimmed.containsByte(UInt8(ascii: "`")) { return true }
        if trimmed.wholeExpression != nil { return true }
        return trimmed.hasPrefix("$") && !trimmed.containsByte(UInt8(ascii: "/")) && !trimmed.containsByte(UInt8(ascii: ":"))
    }

    static func unquote(_ text: String) -> String {
        var value = text.trimmingWhitespace()
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    /// True when the expressions of `text` reference one of `paths` outside a lowercasing call.
    public static func unloweredReferences(_ text: String, _ paths: Set<String>) -> [String] {
        MetadataLink.references(in: text).filter { reference in
            paths.contains(reference.dotted.lowercased())
                && !reference.enclosingCalls.contains { $0.lowercased() == "tolower" }
        }.map(\.dotted)
    }
}
