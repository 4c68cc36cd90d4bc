import DockerfileSyntax
import PlimsollCore
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// One platform entry with its span (`ValueItem` of `ValueList`, constructible here).
public struct PlatformItem: Sendable {
    public let text: String
    public let span: SourceSpan
    public let isExactSpan: Bool
}

/// What a build's platforms resolve to, read from `platforms:` (build-push-action) or `--platform` (a
/// `buildx build` command line).
public enum BuildPlatforms: Sendable {
    /// No platforms given: BuildKit builds the runner's own platform.
    case absent
    /// Literal entries, each with its own span.
    case literal([PlatformItem])
    /// One `${{ matrix.X }}`: each matrix job builds one of `values` (a value may list several platforms).
    case matrix(axis: String, values: [String], span: SourceSpan)
    /// Decided at run time (an input, a step output, a shell variable): nothing can be said.
    case unknown

    /// How many distinct platforms one job builds: the literal entries, or for a matrix the most any one value
    /// lists (`linux/amd64,linux/arm64` is two); nil when unknown.
    public var countPerJob: Int? {
        switch self {
        case .absent: 1
        case .literal(let items): Set(items.map(\.text)).count
        case .matrix(_, let values, _):
            values.map { value in Set(value.trimmedPieces(separatedBy: [UInt8(ascii: ",")])).count }.max() ?? 1
        case .unknown: nil
        }
    }

    /// The literal platforms, or the platforms the matrix values list; nil when unknown.
    public var texts: [String]? {
        switch self {
        case .absent: []
        case .literal(let items): items.map(\.text)
        case .matrix(_, let values, _): values.flatMap { $0.trimmedPieces(separatedBy: [UInt8(ascii: ",")]) }
        case .unknown: nil
        }
    }
}

/// Facts about one image build in a job, shared by the WORKFLOW-ARCH rules: its platforms, its Dockerfile,
/// and the setup steps before it.
public struct BuildFacts: Sendable {
    public let build: ImageBuild
    let workflow: Workflow
    /// What the build's platforms resolve to; made once per build, with the workflow's facts
    /// (`WorkflowFile.buildFacts`), for the several ARCH rules that read them.
    public private(set) var platforms: BuildPlatforms = .absent

    init(_ build: ImageBuild, in workflow: Workflow) {
        self.build = build
        self.workflow = workflow
        platforms = resolvePlatforms()
    }

    public var job: Job { build.job }
    public var step: Step { build.step }
    public var file: SourceFile { workflow.file }

    /// The docker command line, for `run:` builds.
    public var command: DockerCommand? {
        if case .commandLine(let command) = build.kind { command } else { nil }
    }

    /// Where to point at the build itself: the `uses:` value, or `docker … build` of a command line.
    public var buildSpan: SourceSpan {
        guard let command else { return build.anchor }
        let start = command.command.programWords.first?.range.lowerBound ?? command.verbRange.lowerBound
        return file.span(start..<command.verbRange.upperBound)
    }

    /// True for build-push-action and `buildx build` command lines (the builds that use the Buildx builder).
    public var usesBuildx: Bool {
        switch build.kind {
        case .buildPushAction: true
        case .commandLine(let command): command.kind == .build(buildx: true)
        }
    }

    /// True for build-push-action and `build` command lines (not `docker push`, `imagetools`, `bake`).
    public var isBuild: Bool {
        switch build.kind {
        case .buildPushAction: true
        case .commandLine(let command): if case .build = command.kind { true } else { false }
        }
    }

    /// True when the build may publish (`ImageBuild.publishes`).
    public var mayPush: Bool { build.publishes }

    // MARK: Platforms

    private func resolvePlatforms() -> BuildPlatforms {
        switch build.kind {
        case .buildPushAction:
            guard let entry = build.input("platforms") else { return .absent }
            let items = ValueList.items(entry.value, file: file).map {
                PlatformItem(text: $0.text, span: $0.span, isExactSpan: $0.isExactSpan)
            }
            if items.isEmpty { return entry.value.isNull ? .absent : .unknown }
            return resolve(items)
        case .commandLine(let command):
            let options = command.options("--platform")
            guard !options.isEmpty else { return .absent }
            var items: [PlatformItem] = []
            for option in options {
                guard let text = option.text else { return .unknown }
                let word = option.value ?? option.word
                let start = option.value == nil ? word.range.upperBound - text.utf8.count : word.range.lowerBound
                let isExpression = text.containsText("${{")
                if word.hasExpansion, !isExpression { return .unknown }
                if isExpression {
                    items.append(PlatformItem(text: text, span: file.span(start..<word.range.upperBound), isExactSpan: true))
                    continue
                }
                // Split `a,b` keeping a span per piece.
                var offset = start
                for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                    let length = piece.utf8.count
                    if !piece.isEmpty {
                        items.append(
                            PlatformItem(text: String(piece), span: file.span(offset..<(offset + length)), isExactSpan: true))
                    }
                    offset += length + 1
                }
            }
            return resolve(items)
        }
    }

    private func resolve(_ items: [PlatformItem]) -> BuildPlatforms {
        guard items.contains(where: { $0.text.containsText("${{") }) else { return .literal(items) }
        guard items.count == 1, let name = Self.expressionOperand(items[0].text, prefix: "matrix.") else {
            if items.count == 1, let name = Self.expressionOperand(items[0].text, prefix: "env."),
                let value = envValue(name), !value.containsText("${{")
            {
                let pieces = value.split(whereSeparator: { $0 == "," || $0 == "\n" }).map { $0.trimmingWhitespace() }
                    .filter { !$0.isEmpty }
                return .literal(pieces.map { PlatformItem(text: $0, span: items[0].span, isExactSpan: false) })
            }
            return .unknown
        }
        guard let values = matrixValues(name) else { return .unknown }
        return .matrix(axis: name, values: values, span: items[0].span)
    }

    /// `X` of a whole-value expression `${{ prefixX }}`, when X is a plain name.
    static func expressionOperand(_ text: String, prefix: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard let inner = trimmed.wholeExpression?.trimmingWhitespace() else { return nil }
        guard inner.hasPrefix(prefix) else { return nil }
        let name = inner.dropFirst(prefix.count)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return nil
        }
        return String(name)
    }

    /// Every value the job's matrix gives `axis` (axis list plus `include:` rows); nil when any is computed.
    func matrixValues(_ axis: String) -> [String]? {
        guard let strategy = job.strategy else { return nil }
        var values: [String] = []
        if let nodes = strategy.values(of: axis) {
            for node in nodes {
                guard let text = node.string, !text.containsText("${{") else { return nil }
                values.append(text.trimmingWhitespace())
            }
        }
        for row in strategy.include {
            guard let entry = row[axis] else { continue }
            guard let text = entry.value.string, !text.containsText("${{") else { return nil }
            values.append(text.trimmingWhitespace())
        }
        return values.isEmpty ? nil : values
    }

    /// A literal `env:` value visible to the step: step, then job, then workflow.
    func envValue(_ name: String) -> String? {
        EnvironmentEntries(workflow: workflow, job: job, step: step).values[name]
    }

    /// True when the workflow merges per-platform images into one index (`docker buildx imagetools create`,
    /// `docker manifest create`), the second half of the matrix-per-platform pattern.
    public var workflowMergesImages: Bool {
        for job in workflow.jobs {
            for step in job.steps {
                guard let run = step.run?.value else { continue }
                if run.containsText("imagetools create") || run.containsText("manifest create") { return true }
            }
        }
        return false
    }

    // MARK: Runner

    /// The runner's architecture (`amd64`, `arm64`); nil when `runs-on` is computed or names a self-hosted
    /// runner without an architecture label.
    public var runnerArch: String? {
        let labels = job.runsOn.map { $0.value.lowercased() }
        guard !labels.isEmpty, !labels.contains(where: { $0.containsText("${{") }) else { return nil }
        if labels.contains(where: { $0.containsText("arm") || $0.containsText("aarch64") }) { return "arm64" }
        if labels.contains("self-hosted"), !labels.contains(where: { $0 == "x64" || $0.contains("amd64") }) {
            return nil
        }
        return "amd64"
    }

    // MARK: Steps before the build

    /// The job's own steps that run before this build.
    public var earlierSteps: ArraySlice<Step> { job.steps.prefix { $0.index < step.index } }

    /// The job's steps that run before this build, with the steps of the repository's own composite actions
    /// they use (`uses: ./.github/actions/prepare-docker` often sets up the builder).
    func earlierSteps(in repository: Repository) -> [Step] {
        earlierSteps.flatMap { [$0] + repository.compositeSteps(of: $0) }
    }

    /// True when an earlier step registers QEMU binfmt handlers.
    public func hasEarlierQEMU(in repository: Repository) -> Bool {
        earlierSteps(in: repository).contains(where: Self.setsUpQEMU)
    }

    /// True when an earlier step creates a Buildx builder able to build several platforms.
    public func hasEarlierBuilder(in repository: Repository) -> Bool {
        earlierSteps(in: repository).contains(where: Self.setsUpBuilder)
    }

    /// True when an earlier step starts a `docker-container` builder (setup-buildx-action's default driver, or
    /// `docker buildx create` without another driver): it runs the official BuildKit image, which bundles QEMU
    /// user-mode emulators and uses them for foreign RUN steps when the host has none registered (BuildKit docs,
    /// "Building multi-platform images": "You do not need to set up QEMU manually in most cases").
    public func hasEarlierBundledEmulators(in repository: Repository) -> Bool {
        earlierSteps(in: repository).contains { step in
            if step.action?.fullName == "docker/setup-buildx-action" {
                let driver = step.input("driver")?.string?.trimmingWhitespace() ?? "docker-container"
                return driver == "docker-container"
            }
            guard let run = step.run?.value, run.containsText("buildx create") else { return false }
            return !run.containsText("--driver") || run.containsText("docker-container")
        }
    }

    public static func setsUpQEMU(_ step: Step) -> Bool {
        if let name = step.action?.fullName {
            return BuildSetup.qemuActions.contains(name)
        }
        guard let run = step.run?.value else { return false }
        return BuildSetup.qemuCommands.contains { run.containsText($0) }
    }

    public static func setsUpBuilder(_ step: Step) -> Bool {
        if let name = step.action?.fullName {
            if name == "docker/setup-docker-action" { return usesContainerdStore(step) }
            return BuildSetup.builderActions.contains(name)
        }
        guard let run = step.run?.value else { return false }
        return run.containsText("buildx create")
    }

    /// `docker/setup-docker-action` with the containerd image store turned on (`containerd-snapshotter`).
    public static func usesContainerdStore(_ step: Step) -> Bool {
        guard step.action?.fullName == "docker/setup-docker-action" else { return false }
        return step.with.contains { entry in
            (entry.value.string ?? "").containsText("containerd-snapshotter")
        }
    }

    // MARK: Dockerfile

    /// The repository path of the build's context directory (`ImageBuild.contextPath`).
    public var contextPath: String? { build.contextPath }

    /// The repository path of the Dockerfile the build reads (`ImageBuild.dockerfilePath`).
    public var dockerfilePath: String? { build.dockerfilePath }

    /// The build's target stage name (`target:` / `--target`).
    public var target: String? {
        switch build.kind {
        case .buildPushAction: build.input("target")?.value.string
        case .commandLine(let command): command.options("--target").first?.text
        }
    }

    public func dockerfile(in repository: Repository) -> DockerfileFile? {
        dockerfilePath.flatMap { repository.dockerfile(at: $0) }
    }
}

/// Steps that set up the build machinery, by action name or command.
public enum BuildSetup {
    static let qemuActions: Set<String> = ["docker/setup-qemu-action", "crazy-max/ghaction-docker-buildx", "dbhi/qus"]
    static let qemuCommands = ["qemu-user-static", "tonistiigi/binfmt", "binfmt-support", "qus/register"]
    static let builderActions: Set<String> = ["docker/setup-buildx-action", "crazy-max/ghaction-docker-buildx"]
}

/// The Dockerfile stages a build runs for the target platform, and their first RUN.
public enum BuildStages {
    /// Stages reachable from `target` (or the last stage) that run for the target platform (no
    /// `--platform=$BUILDPLATFORM` on their own FROM or on the stage they build on) and contain a RUN.
    public static func emulatedRuns(in dockerfile: Dockerfile, target: String?) -> [(stage: Stage, run: Instruction)] {
        let stages = dockerfile.stages
        guard !stages.isEmpty else { return [] }
        // Built once: a search per COPY --from was stages x copies.
        var byName: [String: Int] = [:]
        for stage in stages.reversed() { if let name = stage.name?.lowercased() { byName[name] = stage.index } }
        func index(named name: String) -> Int? {
            if let number = Int(name), stages.indices.contains(number) { return number }
            return byName[name.lowercased()]
        }
        var start = stages.count - 1
        if let target, !target.containsText("${{"), !target.contains("$") {
            guard let found = index(named: target) else { return [] }
            start = found
        }
        var reachable: Set<Int> = []
        var pending = [start]
        while let current = pending.popLast() {
            guard reachable.insert(current).inserted else { continue }
            let stage = stages[current]
            if let base = stage.baseStageIndex { pending.append(base) }
            for instructionIndex in stage.instructionIndices {
                let instruction = dockerfile.instructions[instructionIndex]
                var sources: [String] = []
                if let from = instruction.copy?.from?.value { sources.append(from) }
                for mount in instruction.run?.mounts ?? [] {
                    for option in (mount.value ?? "").split(separator: ",") where option.hasPrefix("from=") {
                        sources.append(String(option.dropFirst(5)))
                    }
                }
                for source in sources {
                    if let found = index(named: source), found < current { pending.append(found) }
                }
            }
        }
        var result: [(Stage, Instruction)] = []
        for index in reachable.sorted() {
            let stage = stages[index]
            guard !runsOffTargetPlatform(stage, in: stages) else { continue }
            let run = stage.instructionIndices.lazy.map { dockerfile.instructions[$0] }.first { $0.kind == .run }
            if let run { result.append((stage, run)) }
        }
        return result
    }

    /// True when the stage (or the stage it is built on) names a platform other than the target's:
    /// `FROM --platform=$BUILDPLATFORM` (cross-compiling), or a constant the Dockerfile rules judge.
    static func runsOffTargetPlatform(_ stage: Stage, in stages: [Stage]) -> Bool {
        var current = stage
        var hops = 0
        while hops <= stages.count {
            if let platform = current.platform { return !platform.containsText("TARGETPLATFORM") }
            guard let base = current.baseStageIndex, stages.indices.contains(base) else { return false }
            current = stages[base]
            hops += 1
        }
        return false
    }
}
