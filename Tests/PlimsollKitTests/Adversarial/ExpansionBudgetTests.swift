import Foundation
import PlimsollCore
@testable import RepositoryModel
import Testing

@testable import PlimsollKit
@testable import PlimsollRules
import ShellSyntax
@testable import DockerfileSyntax

/// Issue 21, attacks 2, 3 and 9: input whose meaning is much larger than its text. Every expansion has a budget;
/// past it the scan notes where it stopped (a finding with a position) instead of growing without bound.
/// No assertion measures time: each bounds the work by the budget and checks the diagnostic.
@Suite("Adversarial: expansion budgets")
struct ExpansionBudgetTests {
    /// 848 bytes of workflow: `A` refers to itself 200 times; three rounds of substitution asked for 200³ copies.
    static let selfReferentialWorkflow: String = {
        let references = String(repeating: "$A", count: 150)
        return """
            on: push
            env:
              A: "\(references)"
              B: "${{ env.A }}${{ env.A }}${{ env.A }}"
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@v6
                    with:
                      push: true
                      tags: ghcr.io/acme/app:${{ env.A }}
                  - run: docker build -t "ghcr.io/acme/app:$B" . && docker push "ghcr.io/acme/app:$A"

            """
    }()

    @Test("env that refers to itself is resolved within the budget")
    func selfReferenceBudget() {
        let environment = StepEnvironment(values: ["A": String(repeating: "$A", count: 200), "B": "b"])
        let resolved = environment.resolveWithinBudget("x $A ${{ env.A }}", shell: true)
        #expect(resolved.exceeded)
        // Three rounds, each inserting at most the budget.
        #expect(resolved.text.utf8.count <= 3 * StepEnvironment.resolvedTextBudget + 32)
        #expect(environment.overBudgetVariables() == ["A"])
        let plain = environment.resolveWithinBudget("$B-${{ env.B }}", shell: true)
        #expect(plain.text == "b-b" && !plain.exceeded)
    }

    @Test("a self-referential env: is noted at its key, and the scan completes")
    func selfReferenceScan() throws {
        let workflow = Self.selfReferentialWorkflow
        #expect(workflow.utf8.count < 1024)
        let result = try Scanner().scan(
            InMemoryRepositorySource(files: [".github/workflows/build.yml": Array(workflow.utf8)]), root: ".")
        let notes = result.findings.filter { $0.ruleID == "PL003" && $0.path == ".github/workflows/build.yml" }
        #expect(notes.map(\.span.lowerBound.line) == [3, 4])
        #expect(notes.first?.message.contains("env variable 'A' was not resolved") == true)
    }
}

/// Issue 21, attack 9: a build script line of 1,000,000 here-documents (4 MB, within the size limit). Each delimiter was taken from the front of
/// an array (`removeFirst()`), moving all the others: quadratic in the line. The time limit is a guard against
/// a hang, not a measurement.
@Suite("Adversarial: linear here-documents")
struct HeredocQueueTests {
    @Test("1,000,000 here-documents on one line are skipped in order", .timeLimit(.minutes(1)))
    func manyHeredocs() {
        let count = 1_000_000
        let script = "cat " + String(repeating: "<<E ", count: count) + "\n" + String(repeating: "docker push bad\nE\n", count: count)
            + "docker build -t app .\n"
        let commands = ShellSplitter.commands(in: Array(script.utf8), range: nil)
        #expect(commands.count == 2)
        #expect(commands.last?.words.map(\.value) == ["docker", "build", "-t", "app", "."])
    }
}

/// Issue 21, attack 9: a Dockerfile of thousands of stages, each built on the one before. Rules follow the chain
/// from every stage (inherited ENV, the final USER), which was quadratic; the chain is now cut at a budget.
@Suite("Adversarial: FROM stage chains")
struct StageChainTests {
    @Test("a chain longer than the budget is noted where it is cut, and the scan completes", .timeLimit(.minutes(1)))
    func longChain() throws {
        let count = 5_000
        var dockerfile = "FROM alpine:3.20 AS s0\nENV A0=1\n"
        for index in 1..<count { dockerfile += "FROM s\(index - 1) AS s\(index)\nENV A\(index)=1\nRUN echo $TARGETARCH\n" }
        let result = try Scanner().scan(
            InMemoryRepositorySource(files: ["src/docker/Dockerfile": Array(dockerfile.utf8)]), root: ".")
        let cuts = result.findings.filter { $0.ruleID == "PL001" && $0.message.contains("chain of more than 64 stages") }
        // Stage 65 is the first past the budget; the chain starts again there, so every 65th stage is cut.
        #expect(cuts.count == (count - 1) / (StageBuilder.maxStageChain + 1))
        #expect(cuts.first?.span.lowerBound.line == 2 + 3 * StageBuilder.maxStageChain + 1)
    }
}

/// Issue 21, attack 9: huge `ignore-paths` globs. Every path is matched against every glob, in time proportional
/// to both lengths.
@Suite("Adversarial: glob budget")
struct GlobBudgetTests {
    @Test("globs longer than the budget are a configuration error at the glob that crosses it")
    func tooLong() throws {
        let long = String(repeating: "a?", count: ConfigLoader.globCharacterBudget / 2 + 1)
        var policy = Policy()
        do {
            try ConfigLoader().apply(SourceFile(path: ".plimsoll.yml", text: "ignore-paths:\n  - vendor/**\n  - '\(long)'\n"), to: &policy)
            Issue.record("a glob over the budget was accepted")
        } catch {
            #expect(error.kind == .tooLong(key: "ignore-paths", limit: ConfigLoader.globCharacterBudget))
            #expect(error.location?.line == 3)
        }
        try ConfigLoader().apply(SourceFile(path: ".plimsoll.yml", text: "test-paths: ['**/testdata/**']\n"), to: &policy)
        #expect(policy.testPaths == ["**/testdata/**"])
    }

    @Test("a run of stars is one step per path position and matches as one star")
    func starRuns() {
        let paths = ["a.yml", "x/a.yml", "x/y/a.yml", "a.yaml", "x/.yml", ".yml", "x/y"]
        for (long, short) in [
            ("**/" + String(repeating: "*", count: 3000) + ".yml", "**/*.yml"),
            (String(repeating: "*", count: 3000) + "/a.yml", "**/a.yml"),
            (String(repeating: "*", count: 3001) + "/a.yml", "***/a.yml"),
            ("x/" + String(repeating: "*", count: 1) + "*", "x/**"),
        ] {
            for path in paths { #expect(Glob(long).matches(path) == Glob(short).matches(path), "\(short) \(path)") }
        }
    }
}
