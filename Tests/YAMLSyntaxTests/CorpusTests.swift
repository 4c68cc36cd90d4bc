import Foundation
import PlimsollCore
import Testing
import WorkflowModel
import YAMLSyntax

@Suite struct CorpusTests {
    /// Folders whose files are valid YAML: actionlint's `ok` cases, its benchmarks and the starter workflows.
    static func expectedValid(_ path: String) -> Bool {
        path.hasPrefix("actionlint-ok/") || path.hasPrefix("actionlint-bench/") || path.hasPrefix("starter-")
    }

    static let fixtureFiles = Fixtures.yamlFiles(under: Fixtures.workflows).map(FixtureFile.init)

    @Test(arguments: fixtureFiles)
    func fixtureLoads(_ fixture: FixtureFile) throws {
        let file = try Fixtures.source(fixture.path)
        let result = YAMLLoader.load(file)
        if Self.expectedValid(fixture.path) {
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            #expect(result.documents.count == 1)
        }
    }

    /// The model of every valid workflow builds without diagnostics (no unknown keys, no type errors).
    @Test(arguments: fixtureFiles.filter { expectedValid($0.path) })
    func validWorkflowModel(_ fixture: FixtureFile) throws {
        let (workflow, diagnostics) = Workflow.load(try Fixtures.source(fixture.path))
        #expect(workflow != nil)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func fixtureSetIsRepresentative() {
        let paths = Self.fixtureFiles.map(\.path)
        #expect(paths.filter { $0.hasPrefix("actionlint-ok/") }.count == 84)
        #expect(paths.filter { $0.hasPrefix("actionlint-bench/") }.count == 4)
        #expect(paths.filter { $0.hasPrefix("starter-") }.count >= 30)
        #expect(paths.filter { $0.hasPrefix("actionlint-examples/err/") }.count >= 30)
    }

    /// The syntax errors actionlint expects, at the position it expects (`test.yaml:L:C: could not parse as YAML`).
    @Test(arguments: ["actionlint-examples/examples/broken_yaml", "actionlint-examples/err/yaml_syntax_error"])
    func syntaxErrorMatchesActionlint(_ base: String) throws {
        let file = try Fixtures.source(base + ".yaml")
        let expected = try String(contentsOf: Fixtures.workflows.appendingPathComponent(base + ".out"), encoding: .utf8)
        let result = YAMLLoader.load(file)
        let diagnostic = try #require(result.diagnostics.first)
        // Same line and message; go-yaml's column is sometimes one less than libyaml's mark.
        #expect(expected.contains("test.yaml:\(diagnostic.span.lowerBound.line):"))
        #expect(expected.contains("could not parse as YAML: \(diagnostic.message) "))
    }

    @Test func undefinedAnchorFixture() throws {
        let result = YAMLLoader.load(try Fixtures.source("actionlint-examples/err/undefined_anchor.yaml"))
        #expect(result.diagnostics.first?.message == "undefined alias 'default_env'")
    }

    @Test func redefinedAnchorFixture() throws {
        let result = YAMLLoader.load(try Fixtures.source("actionlint-ok/anchors.yaml"))
        #expect(result.diagnostics.isEmpty)
    }

    /// Every file of the shared corpus, when it is present: no crash, and the valid folders load cleanly.
    @Test(.enabled(if: Fixtures.sharedCorpus != nil, "shared corpus not present"))
    func sharedCorpus() throws {
        let root = try #require(Fixtures.sharedCorpus)
        let paths = Fixtures.yamlFiles(under: root)
        #expect(paths.count >= 390)
        var invalid: [String] = []
        for path in paths {
            let file = try Fixtures.source(path, under: root)
            let result = YAMLLoader.load(file)
            let isAction = ["action.yml", "action.yaml"].contains(path.split(separator: "/").last.map(String.init) ?? "")
            let model = result.documents.first.map {
                isAction ? ActionMetadata.build(from: $0, file: file).diagnostics : Workflow.build(from: $0, file: file).diagnostics
            }
            if Self.expectedValid(path) {
                #expect(result.diagnostics.isEmpty, "\(path): \(result.diagnostics)")
                #expect(model?.isEmpty == true, "\(path): \(model ?? [])")
            } else if result.hasErrors {
                invalid.append(path)
            }
        }
        // actionlint-examples: broken syntax, undefined aliases, recursive aliases and duplicate keys.
        #expect(invalid.count < 30, "\(invalid)")
    }
}
