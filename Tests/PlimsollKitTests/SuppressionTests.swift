import PlimsollCore
import PlimsollRules
import RepositoryModel
import Testing

@testable import PlimsollKit

@Suite("Inline suppressions")
struct SuppressionTests {
    private func directives(_ path: String, _ text: String) -> [SuppressionDirective] {
        SuppressionScanner(source: SourceFile(path: path, text: text), kind: FileKind.classify(path)).directives()
    }

    @Test("the directive grammar")
    func grammar() throws {
        let parsed = try #require(SuppressionDirective.parse(comment: " plimsoll ignore=pl208,PL206 base is rebuilt nightly"))
        #expect(parsed.scope == .next)
        #expect(parsed.ruleIDs == ["PL208", "PL206"])
        #expect(parsed.reason == "base is rebuilt nightly")
        #expect(SuppressionDirective.parse(comment: " plimsoll global ignore=PL101")?.scope == .global)
        #expect(SuppressionDirective.parse(comment: " plimsoll stage ignore=PL101 x")?.scope == .stage)
        #expect(SuppressionDirective.parse(comment: " plimsoll ignore=PL101")?.reason == nil)
        #expect(SuppressionDirective.parse(comment: " plimsollignore=PL101") == nil)
        #expect(SuppressionDirective.parse(comment: " just a comment") == nil)
    }

    @Test("a Dockerfile directive covers the next instruction with its continuations and heredoc")
    func dockerfileUnit() throws {
        let text = """
            FROM alpine:3.20
            # plimsoll ignore=PL202 fetched per arch below
            RUN apk add curl \\
            # a comment inside the continuation
                && curl -o /x https://example.com/amd64
            RUN <<EOF
            echo amd64
            EOF
            """
        let found = directives("Dockerfile", text)
        #expect(found.map(\.lines) == [3...5])
        let heredoc = directives("Dockerfile", "FROM a\n# plimsoll ignore=PL202 r\nRUN <<EOF\necho\nEOF\nRUN x\n")
        #expect(heredoc.map(\.lines) == [3...5])
    }

    @Test("a backtick escape directive changes continuations")
    func backtickEscape() {
        let text = "# escape=`\nFROM a\n# plimsoll ignore=PL202 r\nRUN a `\n  b\nRUN c\n"
        #expect(directives("Dockerfile", text).map(\.lines) == [4...5])
    }

    @Test("a YAML directive covers the next key and everything under it")
    func yamlUnit() {
        let text = """
            jobs:
              build:
                steps:
                  # plimsoll ignore=PL302 single-arch on purpose
                  - uses: docker/build-push-action@v7
                    with:
                      platforms: linux/amd64

                  - run: echo next
            """
        #expect(directives(".github/workflows/ci.yml", text).map(\.lines) == [5...7])
    }

    @Test("stage and global scopes")
    func stageAndGlobal() {
        let text = """
            # plimsoll global ignore=PL208 pinned by renovate
            FROM a AS one
            RUN x
            # plimsoll stage ignore=PL201 arm-only helper
            FROM b AS two
            RUN y
            FROM c
            # plimsoll stage ignore=PL202 inside the last stage
            RUN z
            """
        #expect(directives("Dockerfile", text).map(\.lines) == [1...9, 5...6, 7...9])
    }

    @Test("suppressed findings are kept with their reason; --no-ignores brings them back")
    func applyAndOverride() throws {
        let script = "#!/bin/sh\n# plimsoll ignore=PL104 the mirror job needs it\ndocker push app\n"
        let source = InMemoryRepositorySource(
            textFiles: ["src/docker/docker-build.sh": script, "src/docker/Dockerfile": "FROM a\n"],
            executables: ["src/docker/docker-build.sh"])
        let result = try Scanner().scan(source, root: ".")
        let push = try #require(result.findings.first { $0.ruleID == "PL104" })
        #expect(push.suppression == Suppression(kind: .inSource, justification: "the mirror job needs it"))
        #expect(result.suppressedCount == 1)
        #expect(!result.findings.contains { $0.ruleID == "PL005" })

        let strict = try Scanner(noIgnores: true).scan(source, root: ".")
        #expect(strict.findings.first { $0.ruleID == "PL104" }?.suppression == nil)

        let enforcing = try Scanner(policyFile: SourceFile(path: "policy.yml", text: "enforce: true\n")).scan(source, root: ".")
        #expect(enforcing.findings.first { $0.ruleID == "PL104" }?.suppression == nil)
    }

    @Test("the marker search agrees with a plain search at every offset")
    func markerSearch() {
        let needle = Array("plimsoll".utf8)
        for length in [0, 1, 7, 8, 9, 16, 17, 23, 24, 25, 31, 32, 33, 40, 64] {
            for start in 0...max(0, length - 1) {
                var bytes = [UInt8](repeating: UInt8(ascii: "p"), count: length)
                for (offset, byte) in needle.enumerated() where start + offset < length { bytes[start + offset] = byte }
                let plain = length >= needle.count
                    && (0...(length - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
                #expect(SuppressionScanner.contains(bytes, needle) == plain, "\(length) \(start)")
            }
        }
    }
}
