import PlimsollCore
import PlimsollKit
import PlimsollRules
import Testing

/// One test case per documented fix of every rule: the docs cannot show a fix that does not do what they say.
struct FixExampleCase: CustomTestStringConvertible, Sendable {
    let rule: any Rule.Type
    let index: Int

    var example: FixExample { rule.description.fixExamples[index] }
    var testDescription: String { "\(rule.description.id) fix example \(index + 1)" }

    static var all: [FixExampleCase] {
        RuleRegistry.all.flatMap { rule in
            rule.description.fixExamples.indices.map { FixExampleCase(rule: rule, index: $0) }
        }
    }
}

@Suite("Fix examples")
struct FixExampleTests {
    @Test("each fix turns its before into its after, and the rule is then silent", arguments: FixExampleCase.all)
    func example(_ testCase: FixExampleCase) throws {
        let id = testCase.rule.description.id
        let before = try ExampleScan(rule: testCase.rule, example: testCase.example.before)
        #expect(!before.findings.isEmpty, "the example's before has no \(id) finding to fix")

        let fixed = try ExampleFix(rule: testCase.rule, example: testCase.example)
        for file in testCase.example.after {
            #expect(fixed.files[file.path] == file.content, "\(file.path) after the fix")
        }
        let listed = Set(testCase.example.after.map(\.path))
        for file in testCase.example.before.files where !listed.contains(file.path) {
            #expect(fixed.files[file.path] == file.content, "\(file.path) should be unchanged")
        }
        #expect(fixed.outcome.converged)
        #expect(fixed.outcome.applied.allSatisfy { $0.ruleID == id })
        #expect(fixed.outcome.applied.allSatisfy { $0.fix.safety <= testCase.example.safety })

        // The fixed files scan clean for the rule, and a second fix changes nothing.
        var after = testCase.example.before
        after.files = fixed.files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let rescan = try ExampleScan(rule: testCase.rule, example: after)
        #expect(rescan.findings.isEmpty, "still found: \(rescan.findings.map(\.message))")
        let again = try ExampleFix(rule: testCase.rule, example: FixExample(before: after, after: [], safety: testCase.example.safety))
        #expect(again.outcome.changedPaths.isEmpty)

        // An unsafe fix is not applied without --unsafe.
        if testCase.example.safety == .unsafe {
            let safeOnly = try ExampleFix(
                rule: testCase.rule,
                example: FixExample(before: testCase.example.before, after: [], safety: .safe))
            #expect(safeOnly.outcome.applied.allSatisfy { $0.fix.safety == .safe })
        }
    }

    @Test("every fix example says what the fix makes")
    func everyExampleHasAnAfter() {
        for rule in RuleRegistry.descriptions {
            for example in rule.fixExamples {
                #expect(!example.after.isEmpty, "\(rule.id): a fix example without an after")
            }
        }
    }
}
