import ArgumentParser
import Foundation
import PlimsollKit

extension PlimsollCommand {
    struct BaselineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "baseline",
            abstract: "Record today's findings so later scans report only new ones.",
            discussion: """
                plimsoll baseline > .plimsoll-baseline.json
                plimsoll scan --baseline .plimsoll-baseline.json
                """
        )

        @Argument(help: "The repository root (default: the current directory).")
        var path: String = "."

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the baseline to this file instead of stdout.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Use this configuration instead of the repository's .plimsoll.yml.", valueName: "file"))
        var config: String?

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let configFile = try config.map { try CLIFiles.readConfig($0, cwd: cwd) }
            let result = try ScanRunner.scan(
                [ScanTarget(root: path, onlyPaths: nil)], scanner: PlimsollKit.Scanner(configFile: configFile), cwd: cwd)
            try CLIFiles.write(Baseline(result).rendered(), to: output)
        }
    }
}
