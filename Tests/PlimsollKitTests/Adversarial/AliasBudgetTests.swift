import Foundation
import PlimsollCore
import Testing
import YAMLSyntax

@testable import PlimsollKit

/// Issue 21, attacks 3 and 9: YAML aliases are shared in the tree, but the workflow model and every rule walk a
/// shared node once per use, so jobs × steps × `with:` built from aliases multiplied a 2.9 KB file into millions
/// of visits. Each alias use now counts the nodes it stands for; past the budget loading stops at that alias.
@Suite("Adversarial: YAML alias budget")
struct AliasBudgetTests {
    /// Under 3 KB: 60 jobs share one list of 80 steps, each the same step with a `with:` of 20 inputs.
    static let multipliedWorkflow: String = {
        let inputs = (0..<20).map { "k\($0): v" }.joined(separator: ", ")
        var text = """
            on: push
            jobs:
              j0:
                runs-on: ubuntu-latest
                steps: &s [&t {uses: docker/build-push-action@v6, with: {\(inputs)}}, \(Array(repeating: "*t", count: 79).joined(separator: ", "))]

            """
        for job in 1..<60 { text += "  j\(job): {runs-on: x, steps: *s}\n" }
        return text
    }()

    @Test("each alias use counts the nodes it stands for, nested aliases included")
    func aliasCounting() throws {
        let text = "a: &a [x, y]\nb: &b [*a, *a]\nc: [*b]\n"
        // *a stands for 3 nodes (twice), *b for 1 + 3 + 3 = 7: 13 in all.
        let fits = YAMLLoader.load(SourceFile(path: "x.yml", text: text), options: YAMLLoadOptions(maxDepth: 8, maxNodes: 100, maxAliasedNodes: 13))
        #expect(fits.diagnostics.isEmpty)
        let over = YAMLLoader.load(SourceFile(path: "x.yml", text: text), options: YAMLLoadOptions(maxDepth: 8, maxNodes: 100, maxAliasedNodes: 12))
        let diagnostic = try #require(over.diagnostics.first)
        #expect(diagnostic.message.contains("alias 'b'"))
        #expect(diagnostic.span.lowerBound.line == 3 && diagnostic.span.lowerBound.column == 5)
    }

    @Test("merge keys repeating one alias count every repetition")
    func repeatedMerge() throws {
        let text = "a: &a {p: 1, q: 2}\nb: {<<: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]}\n"
        let over = YAMLLoader.load(SourceFile(path: "x.yml", text: text), options: YAMLLoadOptions(maxDepth: 8, maxNodes: 100, maxAliasedNodes: 40))
        #expect(over.diagnostics.first?.message.contains("more than 40 nodes") == true)
    }

    @Test("a 3 KB workflow of aliased jobs × steps × with: stops at the budget with a position")
    func multipliedWorkflowScan() throws {
        let workflow = Self.multipliedWorkflow
        #expect(workflow.utf8.count < 3 * 1024)
        let result = try Scanner().scan(
            InMemoryRepositorySource(files: [".github/workflows/build.yml": Array(workflow.utf8)]), root: ".")
        let error = try #require(result.findings.first { $0.path == ".github/workflows/build.yml" && $0.message.contains("aliases stand for more than") })
        #expect(error.span.lowerBound.line > 3)
    }
}
