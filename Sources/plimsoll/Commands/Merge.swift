import ArgumentParser
import Foundation
import PlimsollKit

extension PlimsollCommand {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine the output folders of sharded org scans into one, with its dashboard.",
            discussion: """
                Example:
                  plimsoll merge --output org-results shard-1 shard-2 shard-3

                The result is the same, byte for byte, as one unsharded `plimsoll org` run.
                """
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("The merged output folder.", valueName: "dir"))
        var output: String

        @Argument(help: ArgumentHelp("Output folders of `plimsoll org --shard K/N` runs.", valueName: "dir"))
        var inputs: [String]

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("name at least one shard output folder") }
        }

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let records: [OrgRecord]
            do {
                records = try OrgMerge.merge(
                    inputs.map { ScanTarget.absolutePath($0, from: cwd) }, into: ScanTarget.absolutePath(output, from: cwd))
            } catch {
                switch error {
                case .cannotWrite: throw CLIError.internalError(error.description)
                default: throw CLIError.usage(error.description)
                }
            }
            FileHandle.standardError.write(Data("merged \(records.count) repositories into \(output)\n".utf8))
        }
    }
}
