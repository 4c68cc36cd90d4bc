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
    public let push: PushSetting
    /// The node to point at when the build as a whole is at fault: the `uses:` value or the command.
    public let anchor: SourceSpan

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
            for step in job.steps {
                if let action = step.action, action.fullName == "docker/build-push-action", let uses = step.uses {
                    builds.append(
                        ImageBuild(
                            kind: .buildPushAction, job: job, step: step, push: pushSetting(step.input("push")),
                            anchor: uses.span))
                } else if let run = step.run {
                    let lines = runs[run.node].map { $0.docker.filter(isBuildOrPush) }
                        ?? commandLines(run, file: workflow.file)
                    for command in lines {
                        builds.append(
                            ImageBuild(
                                kind: .commandLine(command), job: job, step: step, push: commandPush(command),
                                anchor: workflow.file.span(command.command.range)))
                    }
                }
            }
        }
        return builds
    }

    /// The docker build and push command lines of a `run:` script, with byte ranges in the workflow file.
    static func commandLines(_ run: StringValue, file: SourceFile) -> [DockerCommand] {
        // Block scalars (`run: |`) keep their text verbatim after the indicator line; split the source bytes so
        // ranges point into the file. Quoted and folded scalars fall back to the scalar's own value.
        let node = run.node
        let range = node.span.lowerBound.offset..<min(node.span.upperBound.offset, file.bytes.count)
        let style = node.scalar?.style
        let commands: [ShellCommand]
        if style == .literal || style == .plain {
            commands = ShellSplitter.commands(in: file.bytes, range: range)
        } else {
            commands = ShellSplitter.commands(in: run.value).map { command in
                ShellCommand(words: command.words.map {
                    ShellWord(value: $0.value, range: range, hasExpansion: $0.hasExpansion, isQuoted: $0.isQuoted)
                })
            }
        }
        return DockerCommand.find(in: commands).filter(isBuildOrPush)
    }

    /// The command lines `commandLines` keeps: builds and pushes, not tags or pulls.
    static func isBuildOrPush(_ command: DockerCommand) -> Bool {
        switch command.kind {
        case .build, .push, .imagetoolsCreate, .bake: true
        case .tag, .pull: false
        }
    }

    static func pushSetting(_ node: YAMLNode?) -> PushSetting {
        guard let node, let value = node.string else { return .no }
        let trimmed = value.trimmingWhitespace()
        if trimmed.hasPrefix("${{") { return .conditional(trimmed) }
        return ["true", "True", "TRUE"].contains(trimmed) ? .yes : .no
    }

    static func commandPush(_ command: DockerCommand) -> PushSetting {
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
