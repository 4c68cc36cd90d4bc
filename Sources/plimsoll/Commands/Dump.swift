import ArgumentParser
import enum DockerfileSyntax.DockerfileParser
import enum DockerfileSyntax.DockerfileDump
import Foundation
import enum PlimsollKit.LogText
import PlimsollCore

extension PlimsollCommand {
    /// Prints what the parsers see; the conformance and differential tests read this output.
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump",
            abstract: "Print a parse tree: the Dockerfile parse in BuildKit's test-dump format.",
            subcommands: [DumpDockerfile.self]
        )
    }

    struct DumpDockerfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dockerfile",
            abstract: "Print a Dockerfile's parse exactly as BuildKit's parser tests dump it.",
            discussion: """
                Exits with status 1 and prints the diagnostics, with positions, when the file has errors that make \
                BuildKit reject it.
                """
        )

        enum Form: String, EnumerableFlag {
            case lines, json

            static func help(for value: Form) -> ArgumentHelp? {
                switch value {
                case .lines: "Prefix each line with the instruction's 1-based inclusive line range."
                case .json: "Print one JSON object per file (used by the differential test)."
                }
            }
        }

        @Argument(help: "Dockerfiles to parse.")
        var files: [String]

        @Flag var form: Form?

        func run() throws {
            var output = ""
            var failed = false
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError.usage("cannot read '\(path)'")
                }
                let dockerfile = DockerfileParser.parse(SourceFile(path: path, bytes: [UInt8](data)))
                switch form {
                case .json: output += DockerfileDump.json(dockerfile) + "\n"
                case .lines: output += DockerfileDump.dump(dockerfile, lines: true)
                case nil: output += DockerfileDump.dump(dockerfile)
                }
                for diagnostic in dockerfile.diagnostics where diagnostic.severity == .error && form != .json {
                    failed = true
                    FileHandle.standardError.write(Data((LogText.line("\(path):\(diagnostic.span.lowerBound): error: \(diagnostic.message)") + "\n").utf8))
                }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
            if failed { throw ExitStatus.findings.exitCode }
        }
    }
}
