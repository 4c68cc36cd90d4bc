import ShellSyntax
import Testing

@Suite("Shell case patterns")
struct ShellCasePatternTests {
    /// The values of the pattern words of `text`.
    private func patterns(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let commands = ShellSplitter.commands(in: bytes, range: nil)
        let starts = ShellCasePatterns.patternWordStarts(in: commands, bytes: bytes)
        return commands.flatMap(\.words).filter { starts.contains($0.range.lowerBound) }.map(\.value)
    }

    @Test("patterns on the case line, on lines of their own, after ;; and in nested cases")
    func patternsFound() {
        #expect(patterns("case \"$a\" in x86_64|aarch64) echo official ;; *) echo build ;; esac")
            == ["x86_64", "aarch64", "*"])
        #expect(patterns("case $a in\n  (amd64) A=x86_64 ;;\n  # a comment ) here\n  arm64) A=aarch64 ;&\n esac; echo arm64")
            == ["amd64", "arm64"])
        #expect(patterns("case $a in x) case $b in y|z) echo amd64 ;; esac ;; w) (cd x86_64) ;; esac")
            == ["x", "y", "z", "w"])
        #expect(patterns("echo x86_64 | grep aarch64") == [])
    }
}
