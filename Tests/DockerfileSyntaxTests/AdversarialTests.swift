import Testing
import PlimsollCore
@testable import DockerfileSyntax

@Suite("Adversarial input")
struct AdversarialTests {
    @Test func binaryAndInvalidUTF8() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        var bytes: [UInt8] = []
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let file = DockerfileParser.parse(SourceFile(path: "bin", bytes: bytes))
        _ = DockerfileDump.dump(file, lines: true)
        let invalid = DockerfileParser.parse(SourceFile(path: "x", bytes: [0x46, 0x52, 0x4F, 0x4D, 0x20, 0xFF, 0xC3, 0x0A, 0x52, 0x55, 0x4E, 0x20, 0x00, 0x80, 0x0A]))
        #expect(DockerfileDump.dump(invalid) == "(from \"\\xff\\xc3\")\n(run \"\\x00\\x80\")\n")
    }

    @Test func tenMegabyteLine() {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        let file = DockerfileParser.parse(SourceFile(path: "big", bytes: Array("FROM a\nRUN ".utf8) + line + Array("\nRUN b\n".utf8)))
        #expect(file.instructions.count == 2)
        #expect(file.diagnostics.contains { $0.message.hasPrefix("dockerfile line greater") })
    }

    @Test func deepJSONAndManyContinuations() {
        let deep = "CMD " + String(repeating: "[", count: 50_000) + "\n"
        _ = parse(deep)
        let continued = "RUN a" + String(repeating: " \\\n b", count: 20_000) + "\n"
        #expect(parse(continued).instructions.count == 1)
        _ = parse(String(repeating: "RUN <<A <<B\n", count: 1000))
        _ = parse("\\\n\\\n\\")
        _ = parse("`")
        _ = parse("# escape=`\n`")
    }

    /// Each `${a:-…}` level was a recursion: some 5 000 levels on a heredoc line overflowed the stack while parsing,
    /// and on any other line while a rule listed its variable references; continuation lines allow any number.
    /// Nesting now stops at `maxNesting` with a lexing error. Inputs: Fixtures/fuzz-regressions/FuzzDockerfile.
    @Test func deeplyNestedSubstitutions() throws {
        let levels = 10_000
        let nested = String(repeating: "${a:-", count: levels) + String(repeating: "}", count: levels)
        let continued = String(repeating: "${a-\\\n", count: 100_000)
        let file = SourceFile(
            path: "Dockerfile", text: "FROM a\nRUN <<EOF " + nested + "\nx\nEOF\nRUN <<EOF " + continued + "\nEOF\nENV A=" + nested + "\n")
        let dockerfile = DockerfileParser.parse(file)
        // Past the limit the heredoc line does not lex, so (as BuildKit does for any lexing error there) it opens
        // no heredoc; what matters is that parsing returns.
        let env = try #require(dockerfile.instructions.last)
        #expect(env.kind == .env)
        let references = env.variableReferences(in: file)
        #expect(references.count == ShellLexer.maxNesting + 1)
        #expect(throws: ShellExpansionError.self) { try ShellExpansion.expand(nested, environment: [:]) }
        // Up to the limit, nesting is expanded as before.
        let allowed = String(repeating: "${a:-", count: ShellLexer.maxNesting) + "x" + String(repeating: "}", count: ShellLexer.maxNesting)
        #expect(try ShellExpansion.expand(allowed, environment: [:]) == "x")
    }
}
