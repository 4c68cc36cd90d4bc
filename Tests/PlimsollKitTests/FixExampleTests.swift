import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
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
        let moved = Dictionary(uniqueKeysWithValues: testCase.example.moves.map { ($0.from, $0.to) })
        #expect(Set(fixed.outcome.moves) == Set(testCase.example.moves), "the files moved")
        for file in testCase.example.before.files where !listed.contains(file.path) {
            if let target = moved[file.path] {
                #expect(fixed.files[file.path] == nil, "\(file.path) should have moved")
                if !listed.contains(target) { #expect(fixed.files[target] == file.content, "\(target) should be unchanged") }
            } else {
                #expect(fixed.files[file.path] == file.content, "\(file.path) should be unchanged")
            }
        }
        #expect(fixed.outcome.converged)
        #expect(fixed.outcome.applied.allSatisfy { $0.ruleID == id })
        #expect(fixed.outcome.applied.allSatisfy { $0.fix.safety <= testCase.example.safety })

        // The fixed files scan clean for the rule, and a second fix changes nothing.
        var after = testCase.example.before
        after.files = fixed.files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // A file the fix created has the mode it was created with.
        after.executables.formUnion(fixed.outcome.created.filter { $0.value == .executable }.keys)
        for move in fixed.outcome.moves where after.executables.remove(move.from) != nil { after.executables.insert(move.to) }
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

/// Every fix that any rule offers on any documented bad example, unsafe ones included, applied together: the
/// result still parses as well as before, reaches a fixed point, and a second run changes nothing.
@Suite("Fixes on every rule example")
struct FixAllExamplesTests {
    static let syntaxRules: Set<String> = ["PL001", "PL002"]

    @Test("all fixes on each bad example: no new syntax finding, converged, idempotent", arguments: ExampleCase.all.filter(\.triggers))
    func allFixes(_ testCase: ExampleCase) throws {
        var files: [String: [UInt8]] = [:]
        for file in testCase.example.files {
            files[file.path] = Array(String(file.content.filter { $0 != RuleExample.marker }).utf8)
        }
        if let policy = testCase.rule.description.examplePolicy, files[".plimsoll.yml"] == nil {
            files[".plimsoll.yml"] = Array(policy.utf8)
        }
        let example = testCase.example
        func source(_ files: [String: [UInt8]]) -> InMemoryRepositorySource {
            InMemoryRepositorySource(files: files, executables: example.executables, remote: example.checkout)
        }
        let fixer = Fixer(scanner: Scanner(), options: FixOptions(includeUnsafe: true))
        let outcome = try fixer.run(source(files), root: ".")
        #expect(outcome.converged, "still fixing after \(outcome.rounds) rounds")
        var fixed = files
        for (path, bytes) in outcome.final { fixed[path] = bytes }

        let syntaxBefore = try Scanner().scan(source(files), root: ".").findings.filter { Self.syntaxRules.contains($0.ruleID) }
        let syntaxAfter = try Scanner().scan(source(fixed), root: ".").findings.filter { Self.syntaxRules.contains($0.ruleID) }
        #expect(syntaxAfter.count <= syntaxBefore.count, "\(syntaxAfter.map(\.message))")

        let again = try fixer.run(source(fixed), root: ".")
        #expect(again.changedPaths.isEmpty, "a second run changed \(again.changedPaths)")
    }
}
