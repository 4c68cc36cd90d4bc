import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing

/// One test case per documented example of every rule: the docs cannot show an example that does not behave.
struct ExampleCase: CustomTestStringConvertible, Sendable {
    let rule: any Rule.Type
    let index: Int
    let triggers: Bool

    var example: RuleExample {
        triggers ? rule.description.triggeringExamples[index] : rule.description.nonTriggeringExamples[index]
    }

    var testDescription: String {
        "\(rule.description.id) \(triggers ? "bad" : "good") example \(index + 1)"
    }

    static var all: [ExampleCase] {
        RuleRegistry.all.flatMap { rule in
            rule.description.triggeringExamples.indices.map { ExampleCase(rule: rule, index: $0, triggers: true) }
                + rule.description.nonTriggeringExamples.indices.map {
                    ExampleCase(rule: rule, index: $0, triggers: false)
                }
        }
    }
}

@Suite("Rule examples")
struct RuleExampleTests {
    @Test("each example behaves as documented", arguments: ExampleCase.all)
    func example(_ testCase: ExampleCase) throws {
        let scan = try ExampleScan(rule: testCase.rule, example: testCase.example)
        let found = scan.findings.map { "\($0.path):\($0.span.lowerBound)" }
        if !testCase.triggers {
            #expect(scan.findings.isEmpty, "unexpected findings: \(scan.findings.map(\.message)) at \(found)")
            return
        }
        #expect(!scan.findings.isEmpty, "expected at least one \(testCase.rule.description.id) finding")
        if !scan.expected.isEmpty {
            let wanted = scan.expected.map { "\($0.path):\($0.location)" }.sorted()
            #expect(found.sorted() == wanted, "findings: \(scan.findings.map(\.message))")
        }
    }

    @Test("every rule documents at least one bad and one good example")
    func everyRuleHasExamples() {
        for rule in RuleRegistry.descriptions {
            #expect(!rule.triggeringExamples.isEmpty, "\(rule.id) has no bad example")
            #expect(!rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no good example")
        }
    }

    /// A finding's column counts code points: a prefix of multi-byte and astral characters must not shift it.
    @Test("positions count Unicode scalars after non-ASCII text")
    func multibytePositions() {
        let file = SourceFile(path: "x", text: "é😀x\nab")
        #expect(file.location(ofOffset: 6) == SourceLocation(line: 1, column: 3, offset: 6))
        #expect(file.location(ofOffset: 8) == SourceLocation(line: 2, column: 1, offset: 8))
        #expect(file.offset(line: 1, column: 3) == 6)
    }
}
