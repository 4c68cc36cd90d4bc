import Testing
import PlimsollCore
@testable import DockerfileSyntax

@Suite("Lexer: line endings, directives, continuations")
struct LexerTests {
    @Test func crlfAndBOM() {
        let file = parse("\u{FEFF}FROM alpine\r\nRUN echo a \\\r\n  b\r\n")
        #expect(DockerfileDump.dump(file) == "(from \"alpine\")\n(run \"echo a   b\")\n")
        #expect(file.instructions.map { [$0.startLine, $0.endLine] } == [[1, 1], [2, 3]])
        #expect(file.diagnostics.isEmpty)
        // The BOM takes no column: FROM starts at column 2 in scalars (the BOM is one scalar) but offset 3.
        #expect(file.instructions[0].keywordSpan.lowerBound.offset == 3)
    }

    /// Found by `make fuzz` (FuzzDockerfile): a line of only the escape character, then a comment line, in a
    /// file with non-ASCII text, trapped on a reversed range (the column check used the last line read).
    @Test func escapeOnlyLineThenCommentInNonASCIIFile() throws {
        let file = parse("FROM a\n  \\\n# é\n")
        let empty = try #require(file.instructions.last)
        #expect(file.instructions.count == 2)
        #expect(empty.span.lowerBound.line == 2 && empty.span.lowerBound.column == 3)
    }

    @Test func loneCarriageReturnIsALineBreakWithAWarning() {
        let file = parse("FROM alpine\rRUN true\r")
        #expect(file.instructions.count == 2)
        #expect(file.instructions[1].startLine == 2)
        #expect(file.diagnostics.map(\.severity) == [.warning])
    }

    @Test func backtickEscapeDirective() throws {
        let file = parse("# escape=`\nFROM windows\nRUN dir C:\\ `\n  && echo ok\nCOPY a\\b `\n  c:\\dest\\\n")
        #expect(file.escapeCharacter == "`")
        #expect(file.directive("escape")?.value == "`")
        #expect(DockerfileDump.dump(file) ==
            "(from \"windows\")\n(run \"dir C:\\\\   && echo ok\")\n(copy \"a\\\\b\" \"c:\\\\dest\\\\\")\n")
        let directive = try #require(file.directives.first)
        #expect(directive.valueSpan.lowerBound.column == 10)
    }

    @Test func directivesStopAtFirstOtherLine() {
        let file = parse("# syntax=docker/dockerfile:1\n# hello\n# escape=`\nFROM a\n")
        #expect(file.directives.map(\.name) == ["syntax"])
        #expect(file.escapeCharacter == "\\")
    }

    @Test func invalidAndDuplicateDirectives() {
        let file = parse("# escape=x\n# escape=\\\nFROM a\n")
        #expect(file.diagnostics.map(\.message) == [
            "invalid escape token 'x' does not match ` or \\", "only one escape parser directive can be used",
        ])
        #expect(file.instructions.count == 1)
    }

    @Test func continuationsSkipCommentsAndBlankLines() {
        let file = parse("RUN a \\\n# comment\n\n   \n  b \\\n\\\n  c\nFROM x\n")
        #expect(DockerfileDump.dump(file) == "(run \"a   b   c\")\n(from \"x\")\n")
        #expect(file.instructions[0].endLine == 7)
    }

    @Test func escapedEscapeAtEndOfLineIsNotAContinuation() {
        let file = parse("FROM a\nENV C x\\\\\nENV D y\n")
        #expect(file.instructions.count == 3)
    }

    @Test func lineTooLongIsReportedAndSkipped() {
        let long = String(repeating: "a", count: 70_000)
        let file = parse("FROM a\nRUN \(long)\nRUN ok\n")
        #expect(file.diagnostics.contains { $0.message == "dockerfile line greater than max allowed size of 65535" && $0.span.lowerBound.line == 2 })
        #expect(file.instructions.map(\.rest) == ["a", "ok"])
    }
}

@Suite("Heredocs")
struct HeredocTests {
    @Test func bodyAndPositions() throws {
        let file = parse("FROM a\nRUN <<EOF\necho hi\n\techo tab\nEOF\nRUN next\n")
        #expect(DockerfileDump.dump(file) == "(from \"a\")\n(run \"<<EOF\")\n(run \"next\")\n")
        let run = file.instructions[1]
        let heredoc = try #require(run.heredocs.first)
        #expect(heredoc.name == "EOF")
        #expect(heredoc.contentText == "echo hi\n\techo tab\n")
        #expect(heredoc.expand)
        #expect(!heredoc.chomp)
        #expect(heredoc.span.lowerBound.line == 2 && heredoc.span.lowerBound.column == 5)
        #expect(heredoc.bodySpan.lowerBound.line == 3)
        #expect(heredoc.terminatorSpan.lowerBound.line == 5)
        #expect([run.startLine, run.endLine] == [2, 5])
        #expect(file.instructions[2].startLine == 6)
    }

    @Test func chompQuotedAndMultiple() throws {
        let file = parse("FROM a\nCOPY <<-\"A\" 3<<eo'f' /dest\n\tx\n\tA\ny\neof\nRUN <<eo\\'f sh\nz\neo'f\n")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let copy = file.instructions[1]
        #expect(copy.heredocs.map(\.name) == ["A", "eof"])
        #expect(copy.heredocs.map(\.chomp) == [true, false])
        #expect(copy.heredocs.map(\.expand) == [false, false])
        #expect(copy.heredocs.map(\.fileDescriptor) == [0, 3])
        #expect(copy.heredocs[0].contentText == "\tx\n")
        #expect(copy.heredocs[1].contentText == "y\n")
        let run = file.instructions[2]
        #expect(run.heredocs.first?.name == "eo'f")
        #expect(run.heredocs.first?.expand == true)
        #expect(DockerfileDump.dump(file).contains("(copy \"<<-\\\"A\\\"\" \"3<<eo'f'\" \"/dest\")"))
    }

    @Test func notInJSONFormOrOtherInstructions() {
        let file = parse("FROM a\nRUN [\"<<EOF\"]\nENV A <<EOF\nRUN echo\n")
        #expect(file.instructions.count == 4)
        #expect(file.instructions.allSatisfy { $0.heredocs.isEmpty })
    }

    @Test func onbuildHeredoc() {
        let file = parse("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n")
        #expect(file.instructions.count == 2)
        #expect(file.instructions[1].heredocs.first?.contentText == "x\n")
        #expect(file.instructions[1].trigger?.heredocs.count == 1)
    }

    @Test func unterminated() {
        let file = parse("FROM a\nRUN <<EOF\nbody\n")
        let diagnostic = file.diagnostics.first { $0.message == "unterminated heredoc" }
        #expect(diagnostic?.span.lowerBound.line == 2)
        #expect(diagnostic?.span.lowerBound.column == 5)
    }
}
