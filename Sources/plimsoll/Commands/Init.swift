import ArgumentParser
import Foundation
import PlimsollKit

extension PlimsollCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented .plimsoll.yml with every setting at its default.")

        @Argument(help: "A folder in the repository (default: the current directory); the file goes to its root.")
        var path = "."

        @Flag(help: "Replace an existing .plimsoll.yml.")
        var force = false

        func run() throws {
            // The file is read from the repository's root, so it is written there, wherever `init` was run.
            let cwd = FileManager.default.currentDirectoryPath
            let targets: [ScanTarget]
            do { targets = try ScanTarget.resolve([path], currentDirectory: cwd) } catch {
                throw CLIError.usage(error.description)
            }
            let root = ScanTarget.absolutePath(targets.first?.root ?? path, from: cwd)
            let target = URL(fileURLWithPath: root).appendingPathComponent(".plimsoll.yml").path
            if FileManager.default.fileExists(atPath: target), !force {
                throw CLIError.usage("'\(target)' already exists; use --force to replace it")
            }
            try CLIFiles.write(ConfigTemplate.render(), to: target)
            print("wrote \(target)")
        }
    }
}
