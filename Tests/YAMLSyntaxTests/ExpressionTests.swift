import PlimsollCore
import Testing
@testable import WorkflowModel
import YAMLSyntax

func expressions(_ yaml: String) throws -> (SourceFile, [Expression]) {
    let file = SourceFile(path: "w.yml", text: yaml)
    let root = try #require(YAMLLoader.load(file).documents.first?.root)
    return (file, ExpressionFinder.expressions(inTree: root, file: file))
}

@Suite struct ExpressionTests {
    @Test func referencesAndSpans() throws {
        let (file, found) = try expressions("password: ${{ secrets.GITHUB_TOKEN }}\n")
        let e = try #require(found.first)
        #expect(e.text == " secrets.GITHUB_TOKEN ")
        #expect(e.isExactSpan)
        #expect(e.isWholeValue)
        #expect(e.span.lowerBound == SourceLocation(line: 1, column: 11, offset: 10))
        let reference = try #require(e.references.first)
        #expect(reference.path == ["secrets", "GITHUB_TOKEN"])
        #expect(reference.dotted == "secrets.GITHUB_TOKEN")
        #expect(reference.matches("secrets.github_token"))
        #expect(reference.span.lowerBound == SourceLocation(line: 1, column: 15, offset: 14))
        #expect(file.text[file.text.utf8.index(file.text.startIndex, offsetBy: reference.span.lowerBound.offset)...].hasPrefix("secrets.GITHUB_TOKEN"))
    }

    @Test func toLowerAndFormat() throws {
        let (_, found) = try expressions("""
            a: ghcr.io/${{ toLower(github.repository) }}:latest
            b: ${{ format('ghcr.io/{0}', github.repository_owner) }}
            """)
        #expect(found.count == 2)
        let lower = found[0]
        #expect(!lower.isWholeValue)
        #expect(lower.calls.map(\.name) == ["toLower"])
        #expect(lower.references.first?.dotted == "github.repository")
        #expect(lower.references.first?.enclosingCalls == ["toLower"])
        #expect(lower.references.first?.span.lowerBound.column == 24)
        let format = found[1]
        #expect(format.calls.first?.name == "format")
        #expect(format.calls.first?.stringArgument(0) == "ghcr.io/{0}")
        #expect(format.references.map(\.dotted) == ["github.repository_owner"])
        #expect(format.references.first?.enclosingCalls == ["format"])
    }

    @Test func severalExpressionsInOneStringAfterNonASCII() throws {
        let (_, found) = try expressions("t: \"é😀 ${{ github.sha }}-${{ matrix.platform }} '}}' ${{ steps.meta.outputs.tags }}\"\n")
        #expect(found.map { $0.references.first?.dotted } == ["github.sha", "matrix.platform", "steps.meta.outputs.tags"])
        #expect(found.allSatisfy { $0.isExactSpan })
        #expect(found[0].span.lowerBound == SourceLocation(line: 1, column: 8, offset: 11))
        #expect(found[1].references[0].span.lowerBound.column == 30)
    }

    @Test func closingBracesInsideStringLiteral() throws {
        let (_, found) = try expressions("x: ${{ format('{0}}}', github.token) }} tail\n")
        let e = try #require(found.first)
        #expect(e.text == " format('{0}}}', github.token) ")
        #expect(e.error == nil)
        #expect(e.references.map(\.dotted) == ["github.token"])
    }

    @Test func operatorsAndAccessForms() throws {
        let (_, found) = try expressions("""
            if: ${{ github.event_name != 'pull_request' && !startsWith(github.ref, 'refs/tags/') || contains(github.event.pull_request.labels.*.name, 'x') }}
            y: ${{ env['MY_VAR'] == inputs.x && matrix[inputs.key] >= 1.5 && 0xff > -2 && null == false }}
            """)
        let first = found[0]
        #expect(first.error == nil)
        #expect(first.references.map(\.dotted) == ["github.event_name", "github.ref", "github.event.pull_request.labels.*.name"])
        #expect(first.calls.map(\.name) == ["startsWith", "contains"])
        let second = found[1]
        #expect(second.error == nil)
        #expect(second.references.map(\.dotted) == ["env.MY_VAR", "inputs.x", "matrix", "inputs.key"])
    }

    @Test func literalBlockMapsExactly() throws {
        let (_, found) = try expressions("run: |\n  echo one\n  echo ${{ inputs.x }}\n")
        let e = try #require(found.first)
        #expect(e.isExactSpan)
        #expect(e.span.lowerBound == SourceLocation(line: 3, column: 8, offset: 25))
        #expect(e.references.first?.span.lowerBound.column == 12)
    }

    @Test func escapedQuotedScalarFallsBackToScalarSpan() throws {
        let (_, found) = try expressions("x: '${{ format(''a{0}'', github.sha) }}'\n")
        let e = try #require(found.first)
        #expect(e.isExactSpan == false)
        #expect(e.span == e.node.span)
        #expect(e.references.first?.dotted == "github.sha")
        #expect(e.calls.first?.stringArgument(0) == "a{0}")
    }

    @Test(arguments: ["github.", "(a", "'open", "a ==", "fn(a,", "a ^ b", ""])
    func syntaxErrorsAreValuesNotCrashes(_ text: String) {
        guard case .failure = ExpressionFinder.parse(text) else {
            Issue.record("expected an error for \(text)")
            return
        }
    }

    @Test func hostileExpressionsAreBounded() {
        let chain = "a" + String(repeating: ".b", count: 5000)
        #expect((try? ExpressionFinder.parse(chain).get()) == nil)
        let nested = String(repeating: "(", count: 500) + "a" + String(repeating: ")", count: 500)
        #expect((try? ExpressionFinder.parse(nested).get()) == nil)
        let nots = String(repeating: "!", count: 500) + "a"
        #expect((try? ExpressionFinder.parse(nots).get()) == nil)
    }

    @Test func unclosedExpressionIsIgnored() throws {
        let (_, found) = try expressions("x: ${{ github.sha\n")
        #expect(found.isEmpty)
    }
}

@Suite struct ActionReferenceTests {
    @Test func repositoryForms() throws {
        let a = try #require(ActionReference("docker/build-push-action@v5"))
        #expect(a.kind == .repository)
        #expect(a.owner == "docker")
        #expect(a.repo == "build-push-action")
        #expect(a.path == nil)
        #expect(a.ref == "v5")
        #expect(a.majorVersion == 5)
        let b = try #require(ActionReference("github/codeql-action/init@v3.25.1"))
        #expect(b.path == "init")
        #expect(b.majorVersion == 3)
        #expect(b.fullName == "github/codeql-action")
        let c = try #require(ActionReference("actions/checkout@8ade135a41bc03ea155e62e844d188df1ea18608"))
        #expect(c.majorVersion == nil)
        #expect(c.isPinnedToCommit)
        #expect(ActionReference("actions/checkout@main")?.majorVersion == nil)
        #expect(ActionReference("actions/checkout@v4.1")?.majorVersion == 4)
        #expect(ActionReference("actions/checkout")?.ref == nil)
        #expect(ActionReference("o/r/.github/workflows/x.yml@v1")?.isReusableWorkflow == true)
    }

    /// The major version of a ref, as intended: one to three dot-separated parts of one to nine ASCII digits.
    @Test(arguments: [
        ("v4", 4), ("4", 4), ("V12", 12), ("v4.1", 4), ("v4.1.0", 4), ("123456789", 123456789), ("v0", 0),
        ("v4.1.0.1", nil), ("v", nil), ("v.1", nil), ("v4.", nil), ("4..1", nil), ("v1234567890", nil),
        ("v\u{661}", nil), ("v4é", nil), ("1\u{301}", nil), ("main", nil), ("v-1", nil), ("vv4", nil),
    ] as [(String, Int?)])
    func majorVersions(ref: String, major: Int?) {
        #expect(ActionReference("o/r@" + ref)?.majorVersion == major)
    }

    @Test func localAndDocker() throws {
        let local = try #require(ActionReference("./.github/actions/build"))
        #expect(local.kind == .local)
        #expect(local.path == "./.github/actions/build")
        let docker = try #require(ActionReference("docker://alpine:3.20"))
        #expect(docker.kind == .docker)
        #expect(docker.image == "alpine:3.20")
    }

    @Test(arguments: ["", "checkout", "docker://", "/x@v1", "a b/c@v1"])
    func invalid(_ text: String) {
        #expect(ActionReference(text) == nil)
    }
}

@Suite struct KnownActionsTests {
    @Test func inputsPerMajor() throws {
        let reference = try #require(ActionReference("docker/build-push-action@v5"))
        let v5 = try #require(KnownActions.inputs(for: reference))
        #expect(v5.contains("platforms"))
        #expect(!v5.contains("annotations"))
        #expect(KnownActions.inputs(for: ActionReference("docker/build-push-action@v6.1.0")!)?.contains("annotations") == true)
        #expect(KnownActions.inputs(for: ActionReference("docker/build-push-action@v7")!)?.contains("call") == true)
        #expect(KnownActions.inputs(for: ActionReference("Docker/Login-Action@v4")!)?.contains("registry-auth") == true)
        #expect(KnownActions.inputs(for: ActionReference("docker/login-action@v3")!)?.contains("scope") == false)
        #expect(KnownActions.inputs(for: ActionReference("docker/metadata-action@v5")!)?.contains("images") == true)
        #expect(KnownActions.inputs(for: ActionReference("actions/checkout@v4")!)?.contains("fetch-depth") == true)
        #expect(KnownActions.inputs(for: ActionReference("docker/build-push-action@master")!) == nil)
        #expect(KnownActions.inputs(for: ActionReference("someone/else@v1")!) == nil)
    }

    @Test func runtimes() {
        #expect(KnownActions.runtime(for: ActionReference("docker/setup-qemu-action@v3")!) == "node20")
        #expect(KnownActions.runtime(for: ActionReference("docker/setup-buildx-action@v4")!) == "node24")
        #expect(KnownActions.runtime(for: ActionReference("actions/checkout@v3")!) == "node16")
        #expect(KnownActions.runtime(for: ActionReference("docker/build-push-action@v6")!) == "node20")
        #expect(KnownActions.data.deprecatedRuntimes.contains("node20"))
        #expect(KnownActions.currentMajor(of: "docker/build-push-action") == 7)
        #expect(KnownActions.currentMajor(of: "actions/checkout") == 7)
    }
}
