import Testing
import PlimsollCore
@testable import DockerfileSyntax

@Suite("Instruction model and spans")
struct ModelTests {
    @Test func flagSpansAfterNonASCII() throws {
        // `é` is 2 bytes and 1 scalar; the emoji is 4 bytes and 1 scalar.
        let file = parse("FROM a\nLABEL é=😀 x=\"a b\"\nCOPY --from=build --chmod=\"755\" src /d\n")
        let label = file.instructions[1]
        #expect(label.keyValuePairs.map(\.form) == [.equals, .equals])
        let first = label.keyValuePairs[0]
        #expect(first.key.text == "é")
        #expect(first.value.text == "😀")
        #expect(first.key.span.lowerBound == SourceLocation(line: 2, column: 7, offset: 13))
        #expect(first.value.span.lowerBound.column == 9)
        #expect(first.value.span.upperBound.column == 10)
        let second = label.keyValuePairs[1]
        #expect(second.key.span.lowerBound.column == 11)
        #expect(second.value.text == "\"a b\"")
        #expect(second.value.span.lowerBound.column == 13)
        let copy = try #require(file.instructions[2].copy)
        let from = try #require(copy.from)
        #expect(from.value == "build")
        #expect(from.span.lowerBound == SourceLocation(line: 3, column: 6, offset: 34))
        #expect(from.nameSpan.lowerBound.column == 8)
        #expect(from.valueSpan?.lowerBound.column == 13)
        #expect(copy.chmod?.value == "755")
        #expect(copy.sources.map(\.value) == ["src"])
        #expect(copy.destination?.value == "/d")
    }

    @Test func envLegacyAndNewForm() {
        let file = parse("FROM a\nENV A b c\nENV B=1 C=\"x y\"\nENV D\nENV E=1 F\nRUN ok\n")
        #expect(file.instructions[1].keyValuePairs.map(\.form) == [.legacy])
        #expect(file.instructions[1].keyValuePairs.first?.value.text == "b c")
        #expect(file.instructions[2].keyValuePairs.map(\.key.text) == ["B", "C"])
        #expect(file.diagnostics.map(\.message) == [
            "ENV must have two arguments",
            "Syntax error - can't find = in \"F\". Must be of the form: name=value",
        ])
        #expect(file.instructions.last?.kind == .run)
    }

    @Test func errorRecoveryKeepsLaterInstructions() {
        let file = parse("FROM a\nFOO bar\nCMD [1]\nRUN --mount=type=cache,target=/x --bogus make\nUSER me\n")
        #expect(file.instructions.map(\.kind) == [.from, .unknown("FOO"), .cmd, .run, .user])
        #expect(file.diagnostics.map(\.message) == [
            "unknown instruction: FOO", "dockerfile JSON array must contain only strings", "unknown flag: bogus",
        ])
        #expect(file.instructions[3].run?.mounts.first?.value == "type=cache,target=/x")
        #expect(file.instructions[4].singleArgument?.value == "me")
    }

    @Test func todoFileGivesADiagnostic() {
        let file = parse("TODO: Create Dockerfile here.")
        #expect(file.diagnostics.first?.message == "unknown instruction: TODO:")
        #expect(DockerfileDump.dump(file) == "(todo: \"\")\n")
    }

    @Test func noInstructions() {
        for text in ["", "# only\n\n", "# syntax=x\n"] {
            #expect(parse(text).diagnostics.map(\.message) == ["file with no instructions"])
        }
    }

    @Test func stagesAndScopes() throws {
        let file = parse("""
        ARG BASE=alpine:3.20
        FROM --platform=$BUILDPLATFORM $BASE AS build
        ARG TARGETARCH
        ENV GOARCH=$TARGETARCH
        RUN echo $TARGETOS
        FROM build AS final
        COPY --from=build /a /b

        """)
        #expect(file.globalArgs.map(\.name) == ["BASE"])
        #expect(file.globalArgs.first?.defaultValue == "alpine:3.20")
        #expect(file.stages.map(\.name) == ["build", "final"])
        #expect(file.stages[0].platform == "$BUILDPLATFORM")
        #expect(file.stages[1].baseStageIndex == 0)
        #expect(file.stages[0].instructionIndices == 1..<5)
        let reference = try #require(file.baseImageReference(of: file.stages[0]))
        #expect(try reference.get().description == "docker.io/library/alpine:3.20")
        let run = file.instructions[4]
        let names = run.variableReferences(in: SourceFile(path: "Dockerfile", text: "")).map(\.name)
        #expect(names == ["TARGETOS"])
        #expect(!file.stages[0].variablesInScope(before: 4).contains("TARGETOS"))
        #expect(file.stages[0].variablesInScope(before: 4).contains("TARGETARCH"))
    }

    @Test func variableReferenceSpans() throws {
        let text = "FROM a\nRUN echo é ${TARGETARCH:-amd64} '$NOPE' \\\n  \"$X\"\n"
        let file = SourceFile(path: "Dockerfile", text: text)
        let dockerfile = DockerfileParser.parse(file)
        let references = dockerfile.instructions[1].variableReferences(in: file)
        #expect(references.map(\.name) == ["TARGETARCH", "X"])
        #expect(references[0].modifier == ":-")
        #expect(references[0].span?.lowerBound == SourceLocation(line: 2, column: 12, offset: 19))
        #expect(references[0].span?.upperBound.column == 32)
        #expect(references[1].span?.lowerBound.line == 3)
        #expect(references[1].span?.lowerBound.column == 4)
    }

    @Test func onbuildWithFlags() {
        let file = parse("FROM a\nONBUILD COPY --from=x a b\n")
        #expect(DockerfileDump.dump(file) == "(from \"a\")\n(onbuild (copy [\"--from=x\"] \"a\" \"b\"))\n")
        #expect(file.instructions[1].trigger?.copy?.from?.value == "x")
    }

    @Test func typedAccessors() throws {
        let file = parse("""
        FROM scratch
        HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x"]
        CMD echo hi
        ENTRYPOINT ["/bin/sh"]
        EXPOSE 80 443/tcp
        WORKDIR /app
        ARG A B=2

        """)
        let health = try #require(file.instructions[1].healthcheck)
        #expect(health.type?.value == "CMD")
        #expect(health.interval?.value == "5s")
        #expect(health.command == .exec(Array(file.instructions[1].arguments.dropFirst())))
        if case .shell(let argument)? = file.instructions[2].command { #expect(argument.value == "echo hi") } else { Issue.record("expected shell form") }
        #expect(file.instructions[3].isJSONForm)
        #expect(file.instructions[4].exposedPorts.map(\.value) == ["80", "443/tcp"])
        #expect(file.instructions[5].singleArgument?.value == "/app")
        #expect(file.instructions[6].argDeclarations.map(\.name) == ["A", "B"])
        #expect(file.instructions[6].argDeclarations.map(\.defaultValue) == [nil, "2"])
    }
}
