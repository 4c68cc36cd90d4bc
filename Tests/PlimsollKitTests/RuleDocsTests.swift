import Foundation
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

/// The registry, the rule types in `Sources/PlimsollRules` and the docs in `rules/` stay in lockstep.
@Suite("Rule registry and docs")
struct RuleDocsTests {
    @Test("every registered rule has a current rules/<ID>.md")
    func docsAreCurrent() throws {
        for rule in RuleRegistry.all {
            let description = rule.description
            let url = TestPaths.rules.appendingPathComponent("\(description.id).md")
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(committed != nil, "\(description.docPath) is missing: run `make docs`")
            #expect(
                committed == RuleDocumentation.markdown(for: rule),
                "\(description.docPath) is out of date (its examples' output is part of it): run `make docs`")
        }
    }

    @Test("every doc in rules/ belongs to a registered rule")
    func noOrphanDocs() throws {
        let ids = Set(RuleRegistry.descriptions.map(\.id))
        let docs = try FileManager.default.contentsOfDirectory(atPath: TestPaths.rules.path)
            .filter { $0.hasPrefix("PL") && $0.hasSuffix(".md") }
        #expect(!docs.isEmpty)
        for doc in docs {
            #expect(ids.contains(String(doc.dropLast(3))), "rules/\(doc) has no rule: remove it or register the rule")
        }
    }

    /// The standard in our own words links every rule, so a new rule is placed in it.
    @Test("rules/standard.md links every rule, and the rule docs cite no file users do not have")
    func standardLinksEveryRule() throws {
        let standard = try String(contentsOf: TestPaths.rules.appendingPathComponent("standard.md"), encoding: .utf8)
        for rule in RuleRegistry.descriptions {
            #expect(standard.contains("(\(rule.id).md)"), "rules/standard.md does not link \(rule.id)")
            let doc = RuleDocumentation.markdown(for: RuleRegistry.rule(id: rule.id)!)
            for unpublished in ["FACTS.md", "CICD-standard.md", "CATALOG.md"] {
                #expect(!doc.contains(unpublished), "\(rule.id)'s doc cites \(unpublished), which users do not have")
            }
        }
    }

    @Test("IDs and names are unique and well formed")
    func identifiers() {
        let rules = RuleRegistry.descriptions
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(Set(rules.map(\.name)).count == rules.count)
        for rule in rules {
            #expect(rule.id.count == 5 && rule.id.hasPrefix("PL") && rule.id.dropFirst(2).allSatisfy(\.isNumber))
            #expect(rule.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule.name)")
            #expect(!rule.summary.hasSuffix(" "), "\(rule.id)")
        }
        #expect(rules.map(\.id) == rules.map(\.id).sorted(), "keep the registry in ID order")
    }

    /// A rule lives in its family's folder, so the folders read as the catalog does.
    @Test("every rule file is in its family's folder")
    func foldersMatchFamilies() throws {
        let folders: [String: String] = [
            "syntax": "Syntax", "structure": "Structure", "dockerfile": "Dockerfile", "workflowArch": "Workflow/Arch",
            "token": "Workflow/Token", "tag": "Workflow/Tag", "release": "Workflow/Release", "online": "Online",
        ]
        let root = TestPaths.packageRoot.appendingPathComponent("Sources/PlimsollRules")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var checked = 0
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            guard text.contains(": Rule {"), let range = text.range(of: "family: .") else { continue }
            let family = String(text[range.upperBound...].prefix { $0.isLetter })
            let folder = try #require(folders[family], "unknown family \(family)")
            #expect(path.hasPrefix(folder + "/") && !path.dropFirst(folder.count + 1).contains("/"), "\(path) is a \(family) rule")
            checked += 1
        }
        #expect(checked == RuleRegistry.all.count)
    }

    /// A rule type that exists but is not registered would never run.
    @Test("every Rule type in Sources/PlimsollRules is registered")
    func everyRuleTypeIsRegistered() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Sources/PlimsollRules")
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        var declared: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("struct ") && line.contains(": Rule {") {
                let name = line.dropFirst("struct ".count).prefix { $0 != ":" }
                declared.append(String(name))
            }
        }
        let registered = Set(RuleRegistry.all.map { String(describing: $0) })
        #expect(!declared.isEmpty)
        for name in declared {
            #expect(registered.contains(name), "\(name) is not in RuleRegistry.all")
        }
    }
}
