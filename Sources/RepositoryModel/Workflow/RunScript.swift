import PlimsollCore
import ShellSyntax
import WorkflowModel

/// A `run:` step's script split into shell commands: the one splitting every rule reads.
///
/// Block and plain scalars keep their text verbatim in the file, so the source bytes are split and every word's
/// range points into the workflow file; quoted and folded scalars are split from their value, each word then
/// pointing at the whole scalar.
enum RunScript {
    /// The shell commands of `run`.
    static func commands(_ run: StringValue, file: SourceFile) -> [ShellCommand] {
        let node = run.node
        let range = node.span.lowerBound.offset..<min(node.span.upperBound.offset, file.bytes.count)
        let style = node.scalar?.style
        if style == .literal || style == .plain {
            return ShellSplitter.commands(in: file.bytes, range: range)
        }
        return ShellSplitter.commands(in: run.value).map { command in
            ShellCommand(words: command.words.map {
                ShellWord(value: $0.value, range: range, hasExpansion: $0.hasExpansion, isQuoted: $0.isQuoted)
            })
        }
    }

    /// Every docker command line of `run` (builds, pushes, tags, pulls, merges).
    static func dockerCommands(_ run: StringValue, file: SourceFile) -> [DockerCommand] {
        DockerCommand.find(in: commands(run, file: file))
    }
}
