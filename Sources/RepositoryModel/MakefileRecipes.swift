import PlimsollCore
import ShellSyntax

/// The shell commands in a Makefile's recipes: every tab-indented line and its backslash continuations.
/// Enough to see what `make image` would run; variables are left unexpanded.
public enum MakefileRecipes {
    public static func dockerCommands(in file: SourceFile) -> [DockerCommand] {
        var commands: [DockerCommand] = []
        var line = 1
        while line <= file.lineCount {
            let range = file.lineByteRange(line)
            guard range.lowerBound < range.upperBound, file.bytes[range.lowerBound] == UInt8(ascii: "\t") else {
                line += 1
                continue
            }
            var end = range.upperBound
            while end > range.lowerBound, file.bytes[end - 1] == UInt8(ascii: "\\"), line < file.lineCount {
                line += 1
                end = file.lineByteRange(line).upperBound
            }
            // make's `@`, `-` and `+` prefixes are not part of the command.
            var start = range.lowerBound + 1
            while start < end, [UInt8(ascii: "@"), UInt8(ascii: "-"), UInt8(ascii: "+")].contains(file.bytes[start]) {
                start += 1
            }
            commands += DockerCommand.find(in: ShellSplitter.commands(in: file.bytes, range: start..<end))
            line += 1
        }
        return commands
    }
}
