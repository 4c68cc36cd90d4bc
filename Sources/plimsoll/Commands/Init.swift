import ArgumentParser
import Foundation
import PlimsollKit

extension PlimsollCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented .plimsoll.yml with every setting at its default.")

        @Argument(help: "The repository root (default: the current directory).")
        var path = "."

        @Flag(help: "Replace an existing .plimsoll.yml.")
        var force = false

        func run() throws {
            let target = URL(fileURLWithPath: path).appendingPathComponent(".plimsoll.yml").path
            if FileManager.default.fileExists(atPath: target), !force {
                throw CLIError.usage("'\(target)' already exists; use --force to replace it")
            }
            try CLIFiles.write(ConfigTemplate.render(), to: target)
            print("wrote \(target)")
        }
    }
}
