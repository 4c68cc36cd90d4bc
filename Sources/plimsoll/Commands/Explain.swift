import ArgumentParser
import PlimsollCore
import PlimsollKit
import PlimsollRules
import RepositoryModel

extension PlimsollCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain", abstract: "Show a rule's documentation.")

        @Argument(help: "A rule ID such as PL101, or its name such as layout-dockerfile.")
        var rule: String

        func run() throws {
            let descriptions = RuleRegistry.descriptions
            guard
                let found = RuleRegistry.all.first(where: {
                    $0.description.id == rule.uppercased() || $0.description.name == rule
                })
            else {
                let suggestion = Suggestion.closest(to: rule, in: descriptions.map(\.id) + descriptions.map(\.name))
                throw CLIError.usage(
                    "unknown rule '\(rule)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                        + "; `plimsoll rules` lists them")
            }
            // The banner is for the generated file in rules/, not for a reader of `explain`.
            let markdown = RuleDocumentation.markdown(for: found).replacing(RuleDocumentation.banner + "\n\n", with: "")
            print(TerminalMarkdown.render(markdown, color: TerminalMarkdown.stdoutIsColorTerminal), terminator: "")
        }
    }
}
