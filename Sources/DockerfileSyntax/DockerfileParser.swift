import PlimsollCore

/// Parses Dockerfiles with the rules of BuildKit's `frontend/dockerfile/parser`.
///
/// Parsing never throws and never stops early: every problem becomes a `Diagnostic` with a span, and parsing
/// resumes at the next instruction.
public enum DockerfileParser {
    /// Parses a whole file.
    public static func parse(_ file: SourceFile) -> Dockerfile {
        var lexer = DockerfileLexer(file: file)
        var instructions: [Instruction] = []
        // Every instruction takes at least one line, so this never regrows (a regrowth copies every instruction
        // and touches twice the memory); capacity never used is never touched, so it costs no page faults.
        instructions.reserveCapacity(file.lineStarts.count)
        var diagnostics: [Diagnostic] = []
        let locator = Locator(file: file)
        while let line = lexer.nextLogicalLine() {
            var parser = InstructionParser(locator: locator, line: line, escape: lexer.escape)
            var instruction = parser.parse(0..<line.bytes.count)
            diagnostics.append(contentsOf: parser.diagnostics)
            readHeredocs(into: &instruction, line: line, lexer: &lexer, file: file, diagnostics: &diagnostics)
            instructions.append(consume instruction)
        }
        var all = lexer.diagnostics + diagnostics
        if instructions.isEmpty {
            all.append(.noInstructions(at: file.span(file.bytes.count..<file.bytes.count)))
        }
        let (stages, globalArgs) = StageBuilder.build(instructions, diagnostics: &all)
        all.sort { $0.span.lowerBound.offset < $1.span.lowerBound.offset }
        return Dockerfile(
            directives: lexer.directives,
            escapeCharacter: Character(UnicodeScalar(lexer.escape)),
            instructions: instructions, stages: stages, globalArgIndices: globalArgs, diagnostics: all)
    }

    /// Parses text (convenience for tests and tools); the path is used only for display.
    public static func parse(_ text: String, path: String = "Dockerfile") -> Dockerfile {
        parse(SourceFile(path: path, text: text))
    }

    private static func containsHeredocMarker(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            // Test every other byte: any `<<` has a `<` at an odd index, and its neighbour on one side is the
            // other `<`. Halves the work on long RUN lines.
            var index = 1
            while index < buffer.count {
                if buffer[index] == UInt8(ascii: "<") {
                    if buffer[index - 1] == UInt8(ascii: "<") { return true }
                    if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "<") { return true }
                }
                index += 2
            }
            return false
        }
    }

    private static func readHeredocs(
        into instruction: inout Instruction, line: LogicalLine, lexer: inout DockerfileLexer,
        file: SourceFile, diagnostics: inout [Diagnostic]
    ) {
        // Check the cheap conditions first, and without copying the instruction: this runs for every line.
        let isTrigger = !instruction.triggerStorage.isEmpty  // only ONBUILD has a trigger
        let kind = isTrigger ? instruction.triggerStorage[0].kind : instruction.kind
        let isJSON = isTrigger ? instruction.triggerStorage[0].isJSONForm : instruction.isJSONForm
        guard kind.canContainHeredoc, !isJSON, containsHeredocMarker(line.bytes) else { return }
        switch HeredocScanner.openers(in: line.bytes) {
        case .failure(let failure):
            diagnostics.append(.heredocSyntax(failure.message, at: file.span(line.sourceRange(failure.range))))
        case .success(let openers):
            var heredocs: [Heredoc] = []
            for opener in openers {
                let wordSpan = file.span(line.sourceRange(opener.range))
                guard let (body, terminator) = lexer.readHeredocBody(name: opener.name, chomp: opener.chomp) else {
                    diagnostics.append(.unterminatedHeredoc(at: wordSpan))
                    break
                }
                heredocs.append(Heredoc(
                    name: opener.name.utf8String, fileDescriptor: opener.fileDescriptor, expand: opener.expand,
                    chomp: opener.chomp, content: Array(file.bytes[body]), span: wordSpan, bodyByteRange: body,
                    bodySpan: file.span(body), terminatorSpan: file.span(terminator)))
            }
            instruction.heredocs = heredocs
            if !instruction.triggerStorage.isEmpty {
                instruction.triggerStorage[0].heredocs = heredocs
            }
            instruction.endLine = max(instruction.endLine, lexer.lineIndex)
        }
    }
}
