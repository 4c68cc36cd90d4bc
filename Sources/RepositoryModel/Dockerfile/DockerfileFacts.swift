import DockerfileSyntax
import PlimsollCore
import ShellSyntax

/// One Dockerfile, its parse and the facts derived from it (immutable once built), boxed in `DockerfileFile`.
///
/// PL202, PL204, PL205 and PL209 each split every RUN into shell commands; splitting once here, when the file
/// is loaded, took most of the Dockerfile rules' time off a scan. Eager, so the file stays an immutable value.
final class DockerfileFacts: Sendable {
    let source: SourceFile
    let dockerfile: Dockerfile
    /// `DockerfileShell.commands(of:in:)` of each instruction, by index in `Dockerfile.instructions`; empty for
    /// anything but RUN.
    let runCommands: [[ShellCommand]]
    /// `DockerfileArch.perArchStages(in:)`: stages picked per architecture (`FROM build_${TARGETARCH}`), which
    /// PL201 and PL202 both skip.
    let perArchStages: Set<Int>
    /// The stages the default target needs and the platform each runs on, per target architecture.
    let stageGraph: DockerfileStageGraph
    /// The `# check=` directive: which of BuildKit's checks the file skips, and whether they are errors.
    let checkDirective: BuildKitCheckDirective

    init(dockerfile: Dockerfile, source: SourceFile) {
        self.source = source
        self.dockerfile = dockerfile
        let instructions = dockerfile.instructions
        var commands: [[ShellCommand]] = []
        commands.reserveCapacity(instructions.count)
        for index in instructions.indices {
            commands.append(
                instructions[index].kind == .run ? DockerfileShell.commands(of: instructions[index], in: source) : [])
        }
        runCommands = commands
        perArchStages = DockerfileArch.perArchStages(in: dockerfile)
        stageGraph = DockerfileStageGraph(dockerfile: dockerfile)
        checkDirective = BuildKitCheckDirective(dockerfile)
    }
}
