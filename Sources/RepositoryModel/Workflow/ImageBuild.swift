import PlimsollCore
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// Whether a build pushes: the shared reading of `push:` (or `--push`) that every publishing rule uses.
public enum PushSetting: Sendable {
    /// `push` absent or a literal false.
    case no
    /// A literal `true`, or `--push` on a command line.
    case yes
    /// An expression decides at run time (`${{ github.event_name != 'pull_request' }}`).
    case conditional(String)

    public var mayPush: Bool {
        if case .no = self { false } else { true }
    }
}

/// One image build in a workflow job: a `docker/build-push-action` step or a `run:` step with a docker build
/// or push command line. The one place that knows what "publishing" looks like, for every workflow rule.
public struct ImageBuild: Sendable {
    public enum Kind: Sendable {
        case buildPushAction
        case commandLine(DockerCommand)
    }

    public let kind: Kind
    public let job: Job
    public let step: Step
    /// Whether it pushes at all: `push:`, an `outputs:` entry that pushes, `--push`, `docker push`.
    public let push: PushSetting
    /// The node to point at when the build as a whole is at fault: the `uses:` value or the command.
    public let anchor: SourceSpan
    /// True for a build that pushes its image by digest only (`outputs: …,push-by-digest=true`): no tag names
    /// it, and a later `docker buildx imagetools create` makes the image people pull from such digests.
    public let pushesByDigest: Bool
    /// Where its images go.
    let destination: BuildDestination
    /// Where the job's checkouts put this repository: how a path context and `file:` are read.
    let workspace: WorkspaceLayout
    /// For `docker buildx imagetools create`: the builds (indexes in the workflow's builds) whose pushed images
    /// it merges (`ImageMerge`).
    public internal(set) var members: [Int] = []
    /// True for a build whose pushed image a later `imagetools create` merges: an input of that image, not a
    /// publication of its own.
    public internal(set) var isMergeMember = false
    /// True for a command that re-tags an image that already exists instead of building one: an
    /// `imagetools create` whose sources no build of the workflow pushed, or a `docker push` in a job that
    /// pulls and builds nothing. A promotion, not a publication: it gives a tested image a new tag, so what a
    /// new image must carry (`latest`, a commit tag, labels) is asked of the build that made it (PL507 checks
    /// how it is done).
    public internal(set) var isPromotion = false

    /// True when the build may push an image people pull: it pushes, and not only to a registry that serves
    /// the run alone (`BuildDestination`). The publishing rules read this.
    public var publishes: Bool { push.mayPush && destination == .registry }

    init(kind: Kind, job: Job, step: Step, push: PushSetting, anchor: SourceSpan, workflow: Workflow) {
        self.kind = kind
        self.job = job
        self.step = step
        self.push = push
        self.anchor = anchor
        workspace = WorkspaceLayout(job: job, before: step)
        if case .buildPushAction = kind, let outputs = step.input("outputs")?.string {
            pushesByDigest = outputs.containsText("push-by-digest=true")
        } else {
            pushesByDigest = false
        }
        destination = push.mayPush ? BuildDestination.of(kind, job: job, step: step, workflow: workflow) : .registry
    }

    /// An input of the build-push-action step (`platforms`, `tags`, `file` …).
    public func input(_ name: String) -> Entry? { step.with[name] }

    /// All image builds of a workflow, in job and step order.
    public static func all(in workflow: Workflow) -> [ImageBuild] {
        all(in: workflow, runs: [:])
    }

    /// `all(in:)`, taking the docker command lines of `run:` scripts already split (`WorkflowFacts`).
    static func all(in workflow: Workflow, runs: [YAMLNode: RunCommands]) -> [ImageBuild] {
        var builds: [ImageBuild] = []
        for job in workflow.jobs {
            let first = builds.count
            var pulls = false
            for step in job.steps where !neverRuns(step, of: job, in: workflow) {
                if let action = step.action, action.fullName == "docker/build-push-action", let uses = step.uses {
                    builds.append(
                        ImageBuild(
                            kind: .buildPushAction, job: job, step: step, push: actionPush(step), anchor: uses.span,
                            workflow: workflow))
                } else if let run = step.run {
                    let all = runs[run.node]?.docker ?? dockerCommands(run, file: workflow.file)
                    pulls = pulls || all.contains { $0.kind == .pull }
                    for command in all where isBuildOrPush(command) {
                        builds.append(
                            ImageBuild(
                                kind: .commandLine(command), job: job, step: step, push: commandPush(command),
                                anchor: workflow.file.span(command.command.range), workflow: workflow))
                    }
                }
            }
            // `docker pull`, `docker tag` and `docker push` with nothing built in the job: a promotion. (An
            // `imagetools create` there is judged by what it merges, `ImageMerge`.)
            let jobBuilds = builds.indices.suffix(from: first)
            if pulls, !jobBuilds.contains(where: { builds[$0].builds }) {
                for index in jobBuilds {
                    if case .commandLine(let command) = builds[index].kind, command.kind == .push {
                        builds[index].isPromotion = true
                    }
                }
            }
        }
        ImageMerge.link(&builds, in: workflow)
        return builds
    }

    /// True for a build of an image (build-push-action, `docker build`, `buildx bake`), false for a command that
    /// only pushes or merges images that exist.
    var builds: Bool {
        switch kind {
        case .buildPushAction: true
        case .commandLine(let command):
            switch command.kind {
            case .build, .bake: true
            case .push, .imagetoolsCreate, .tag, .pull: false
            }
        }
    }

    /// True for a step whose `if:` (or its job's) cannot hold in any run on GitHub: it builds nothing.
    static func neverRuns(_ step: Step, of job: Job, in workflow: Workflow) -> Bool {
        guard step.condition != nil || job.condition != nil else { return false }
        return !ConditionEvaluator.stepMayRun(step, of: job, in: workflow, scenario: .anyRun)
    }

    /// The docker build and push command lines of a `run:` script, with byte ranges in the workflow file.
    public static func commandLines(_ run: StringValue, file: SourceFile) -> [DockerCommand] {
        dockerCommands(run, file: file).filter(isBuildOrPush)
    }

    /// Every docker command line of a `run:` script, with byte ranges in the workflow file.
    static func dockerCommands(_ run: StringValue, file: SourceFile) -> [DockerCommand] {
        RunScript.dockerCommands(run, file: file)
    }

    /// The command lines `commandLines` keeps: builds and pushes, not tags or pulls.
    static func isBuildOrPush(_ command: DockerCommand) -> Bool {
        switch command.kind {
        case .build, .push, .imagetoolsCreate, .bake: true
        case .tag, .pull: false
        }
    }

    /// build-push-action pushes with `push: true`, or with an `outputs:` entry that pushes (`type=registry`, or
    /// `type=image,…,push=true`, as the push-by-digest pattern writes it).
    /// An `outputs:` that an expression gives (`${{ steps.out.outputs.value }}`) may push.
    public static func actionPush(_ step: Step) -> PushSetting {
        let setting = pushSetting(step.input("push"))
        guard case .no = setting, let outputs = step.input("outputs")?.string else { return setting }
        if outputs.containsText("push=true") || outputs.containsText("type=registry") { return .yes }
        let trimmed = outputs.trimmingWhitespace()
        return trimmed.wholeExpression != nil ? .conditional(trimmed) : .no
    }

    static func pushSetting(_ node: YAMLNode?) -> PushSetting {
        guard let node, let value = node.string else { return .no }
        let trimmed = value.trimmingWhitespace()
        if trimmed.hasPrefix("${{") { return .conditional(trimmed) }
        return ["true", "True", "TRUE"].contains(trimmed) ? .yes : .no
    }

    public static func commandPush(_ command: DockerCommand) -> PushSetting {
        switch command.kind {
        case .push, .imagetoolsCreate: return .yes
        case .build, .bake:
            if command.has("--push") { return .yes }
            let outputs = command.options("--output").compactMap(\.text)
            return outputs.contains { $0.containsText("type=registry") || $0.containsText("push=true") } ? .yes : .no
        case .tag, .pull: return .no
        }
    }
}
