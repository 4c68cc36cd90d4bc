import ArgumentParser
import PlimsollKit
import PlimsollRules
import RepositoryModel

extension PlimsollCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules", abstract: "List every rule: ID, severity, family and title.")

        func run() throws {
            let rules = RuleRegistry.descriptions
            let idWidth = max(2, rules.map(\.id.count).max() ?? 0)
            let severityWidth = "severity".count
            let familyWidth = rules.map(\.family.rawValue.count).max() ?? 0
            func row(_ columns: [String], _ widths: [Int]) -> String {
                zip(columns, widths + [0]).map { text, width in
                    width == 0 ? text : text + String(repeating: " ", count: max(0, width - text.count))
                }.joined(separator: "  ")
            }
            let widths = [idWidth, severityWidth, familyWidth]
            var output = row(["ID", "SEVERITY", "FAMILY", "TITLE"], widths) + "\n"
            for rule in rules {
                output += row([rule.id, rule.defaultSeverity.rawValue, rule.family.rawValue, rule.title], widths) + "\n"
            }
            print(output, terminator: "")
        }
    }
}
