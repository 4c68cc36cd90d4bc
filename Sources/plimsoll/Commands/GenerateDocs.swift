import ArgumentParser
import Foundation
import PlimsollKit
import PlimsollRules
import RepositoryModel

extension PlimsollCommand {
    /// Writes `rules/<ID>.md` for every rule (`make docs`); the test suite fails when they are out of date.
    struct GenerateDocs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-docs", abstract: "Write rules/<ID>.md for every rule.", shouldDisplay: false)

        @Option(help: "The folder to write into.")
        var output = "rules"

        func run() throws {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let wanted = Set(RuleRegistry.descriptions.map { "\($0.id).md" })
            for name in try FileManager.default.contentsOfDirectory(atPath: output)
            where name.hasPrefix("PL") && name.hasSuffix(".md") && !wanted.contains(name) {
                try FileManager.default.removeItem(atPath: output + "/" + name)
            }
            for rule in RuleRegistry.all {
                try CLIFiles.write(RuleDocumentation.markdown(for: rule), to: output + "/\(rule.description.id).md")
            }
        }
    }
}
