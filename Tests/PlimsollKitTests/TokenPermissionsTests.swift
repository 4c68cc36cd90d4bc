import PlimsollCore
@testable import PlimsollRules
@testable import RepositoryModel
import Testing
import WorkflowModel

/// The effective GITHUB_TOKEN permissions of a job (FACTS.md F1–F3), computed as GitHub does.
@Suite("Token permissions")
struct TokenPermissionsTests {
    private func workflow(_ text: String, path: String = ".github/workflows/ci.yml") throws -> Workflow {
        let loaded = Workflow.load(SourceFile(path: path, text: text))
        return try #require(loaded.workflow)
    }

    private func permissions(_ text: String, job: String = "build") throws -> TokenPermissions {
        let workflow = try workflow(text)
        return TokenPermissions(job: try #require(workflow.job(job)), in: workflow)
    }

    private let steps = "    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"

    @Test("no block anywhere: every scope comes from the repository default")
    func repositoryDefault() throws {
        let token = try permissions("on: push\njobs:\n  build:\n" + steps)
        #expect(token.origin == .repositoryDefault)
        #expect(token.block == nil)
        #expect(token.level(of: "packages") == .repositoryDefault(permissive: .write, restricted: .read))
        #expect(token.level(of: "contents").grants(.read) == true)
        #expect(token.level(of: "contents").grants(.write) == nil)
        #expect(token.level(of: "issues") == .repositoryDefault(permissive: .write, restricted: .none))
        // No default grants id-token; metadata is always read.
        #expect(token.level(of: "id-token") == .known(.none))
        #expect(token.level(of: "metadata") == .known(.read))
        #expect(token.level(of: "models") == .repositoryDefault(permissive: .read, restricted: .none))
        #expect(token.writeScopes.isEmpty)
        #expect(token.anchor(for: "packages") == token.jobKey.span)
    }

    @Test("the workflow block applies to jobs without their own")
    func workflowBlock() throws {
        let token = try permissions("on: push\npermissions:\n  contents: read\n  packages: write\njobs:\n  build:\n" + steps)
        #expect(token.origin == .workflow)
        #expect(token.level(of: "packages") == .known(.write))
        #expect(token.level(of: "contents") == .known(.read))
        #expect(token.level(of: "issues") == .known(.none))
        #expect(token.writeScopes == ["packages"])
        let entry = try #require(token.node(for: "packages"))
        #expect(entry.span.lowerBound.line == 4)
        // An unnamed scope points at the block's `permissions` key.
        #expect(token.anchor(for: "issues").lowerBound == SourceLocation(line: 2, column: 1, offset: 9))
    }

    @Test("a job block replaces the workflow block entirely")
    func jobBlockReplaces() throws {
        let text = """
            on: push
            permissions:
              contents: read
              packages: write
            jobs:
              build:
                permissions:
                  issues: write
            """ + "\n" + steps
        let token = try permissions(text)
        #expect(token.origin == .job)
        #expect(token.level(of: "issues") == .known(.write))
        #expect(token.level(of: "packages") == .known(.none))
        #expect(token.level(of: "contents") == .known(.none))
        #expect(token.level(of: "metadata") == .known(.read))
        #expect(token.anchor(for: "packages").lowerBound.line == 7)
    }

    @Test("shorthands", arguments: [
        ("read-all", "packages", PermissionLevel.read), ("read-all", "id-token", .none),
        ("write-all", "packages", .write), ("write-all", "id-token", .write), ("write-all", "models", .read),
        ("{}", "contents", .none), ("{}", "metadata", .read),
    ])
    func shorthands(block: String, scope: String, level: PermissionLevel) throws {
        let token = try permissions("on: push\njobs:\n  build:\n    permissions: \(block)\n" + steps)
        #expect(token.level(of: scope) == .known(level))
        #expect(token.isWriteAll == (block == "write-all"))
    }

    @Test("an empty job block overrides a permissive workflow block")
    func emptyJobBlock() throws {
        let token = try permissions("on: push\npermissions: write-all\njobs:\n  build:\n    permissions: {}\n" + steps)
        #expect(token.origin == .job)
        #expect(token.writeScopes.isEmpty)
    }

    @Test("fork pull requests are cut to read")
    func forkPullRequest() throws {
        let token = try permissions(
            "on: [push, pull_request]\npermissions:\n  packages: write\n  id-token: write\njobs:\n  build:\n" + steps)
        #expect(token.runsOnPullRequest)
        #expect(!token.runsOnPullRequestTarget)
        #expect(token.level(of: "packages") == .known(.write))
        #expect(token.forkPullRequestLevel(of: "packages") == .known(.read))
        #expect(token.forkPullRequestLevel(of: "contents") == .known(.none))
        let fallback = try permissions("on: pull_request_target\njobs:\n  build:\n" + steps)
        #expect(fallback.runsOnPullRequestTarget)
        #expect(fallback.forkPullRequestLevel(of: "issues") == .repositoryDefault(permissive: .read, restricted: .none))
    }

    @Test("a reusable workflow is capped by its caller")
    func callerCaps() throws {
        let callee = try workflow(
            "on: workflow_call\npermissions:\n  packages: write\n  contents: write\njobs:\n  build:\n" + steps,
            path: ".github/workflows/build.yml")
        let caller = try workflow(
            "on: [push, pull_request]\njobs:\n  call:\n    permissions:\n      contents: read\n      packages: write\n"
                + "    uses: ./.github/workflows/build.yml\n", path: ".github/workflows/ci.yml")
        let callerToken = TokenPermissions(job: try #require(caller.job("call")), in: caller)
        let token = TokenPermissions(job: try #require(callee.job("build")), in: callee, callers: [callerToken])
        #expect(token.origin == .workflow)
        #expect(token.level(of: "packages") == .known(.write))
        #expect(token.level(of: "contents") == .known(.read))
        #expect(token.runsOnPullRequest)
        #expect(!token.events.contains("workflow_call"))
    }

    @Test("a called workflow without a block inherits its caller's token")
    func callerInherits() throws {
        let callee = try workflow("on: workflow_call\njobs:\n  build:\n" + steps)
        let caller = try workflow("on: push\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n")
        let callerToken = TokenPermissions(job: try #require(caller.job("call")), in: caller)
        let token = TokenPermissions(job: try #require(callee.job("build")), in: callee, callers: [callerToken])
        #expect(token.origin == .caller)
        #expect(token.level(of: "packages") == .repositoryDefault(permissive: .write, restricted: .read))
        #expect(token.level(of: "id-token") == .known(.none))
    }

    @Test("several callers meet scope by scope")
    func callersMeet() throws {
        let callee = try workflow("on: workflow_call\njobs:\n  build:\n" + steps)
        let first = try workflow("on: push\njobs:\n  a:\n    permissions: write-all\n    uses: ./x.yml\n")
        let second = try workflow("on: push\njobs:\n  b:\n    permissions:\n      packages: write\n    uses: ./x.yml\n")
        let token = TokenPermissions(
            job: try #require(callee.job("build")), in: callee,
            callers: [
                TokenPermissions(job: try #require(first.job("a")), in: first),
                TokenPermissions(job: try #require(second.job("b")), in: second),
            ])
        #expect(token.level(of: "packages") == .known(.write))
        #expect(token.level(of: "contents") == .known(.none))
        #expect(token.writeScopes == ["packages"])
    }

    @Test("levels: grants and caps")
    func levels() {
        let permissive = TokenLevel.repositoryDefault(permissive: .write, restricted: .read)
        #expect(permissive.grants(.read) == true)
        #expect(permissive.grants(.write) == nil)
        #expect(permissive.capped(at: .known(.read)) == .known(.read))
        #expect(TokenLevel.known(.write).capped(at: permissive) == permissive)
        #expect(TokenLevel.fromDefault(permissive: .none, restricted: .none) == .known(.none))
        #expect(TokenPermissions.defaultLevel(of: "contents") == permissive)
        #expect(TokenPermissions.defaultLevel(of: "id-token") == .known(.none))
    }
}

@Suite("Expression scope")
struct ExpressionScopeTests {
    @Test("an output's name is found whatever the case of the text around it, without trapping on non-ASCII")
    func outputAssignment() {
        #expect(ExpressionScope.text(after: "tag=", in: "echo \"TAG=v1\" >> $GITHUB_OUTPUT"[...]) == "v1\" >> $GITHUB_OUTPUT")
        // "İ" lowercases to two scalars: an index into the lowercased text would point elsewhere in this one.
        #expect(ExpressionScope.text(after: "tag=", in: "echo İİİİ tag=ok"[...]) == "ok")
        #expect(ExpressionScope.text(after: "tag=", in: "echo nothing"[...]) == nil)
    }

    @Test("&& and || give one of their operands, as GitHub does", arguments: [
        ("(github.event_name == 'push' && 'yes' || 'no') == 'yes'", ExpressionValue.bool(false)),
        ("(github.event_name == 'pull_request' && 'yes' || 'no') == 'yes'", .bool(true)),
        ("(matrix.platform == 'linux/arm/v5' && 'true' || 'false') == 'false'", .unknown),
        ("matrix.platform == 'x' && false", .bool(false)),
    ])
    func operandValues(expression: String, expected: ExpressionValue) throws {
        guard case .success(let tree) = ExpressionFinder.parse(expression) else {
            Issue.record("does not parse: \(expression)")
            return
        }
        #expect(ConditionEvaluator.evaluate(tree, in: .forkPullRequest) == expected)
    }

    @Test("a variable counts as set only where 'NAME=' stands as a whole word")
    func assignment() {
        #expect(ExpressionScope.mayBeAssigned("act", in: Array("run: echo ACT=1 >> $GITHUB_ENV".utf8)))
        #expect(!ExpressionScope.mayBeAssigned("act", in: Array("run: tar --extract=x".utf8)))
    }
}

@Suite("Image merges")
struct ImageMergeTests {
    @Test("a matrix value on either side matches any text", arguments: [
        ("ghcr.io/o/r:${{ github.sha }}-${{ matrix.arch }}", "${{ matrix.registry }}:${{github.sha}}-amd64", true),
        ("ghcr.io/o/r:${{ github.sha }}-amd64", "ghcr.io/o/r:${{ github.sha }}-arm64", false),
        ("ghcr.io/o/r:x", "ghcr.io/o/r:x", true),
    ])
    func glob(pushed: String, source: String, expected: Bool) {
        #expect(ImageMerge.globEqual(ImageMerge.canonical(pushed), ImageMerge.canonical(source)) == expected)
    }

    @Test("a digest source names the repository a build pushed to")
    func digestSource() {
        #expect(ImageMerge.matches("ghcr.io/o/r@sha256:1", "ghcr.io/o/r", digestSource: true))
        #expect(ImageMerge.matches("ghcr.io/o/r@sha256:1", "ghcr.io/o/r:latest", digestSource: true))
        #expect(!ImageMerge.matches("ghcr.io/o/other@sha256:1", "ghcr.io/o/r", digestSource: true))
    }

    @Test("very long references are compared plainly, not through a table of their product")
    func longReferences() {
        let long = String(repeating: "a", count: 100_000)
        #expect(ImageMerge.globEqual(long + "*", long + "b") == false)
        #expect(ImageMerge.globEqual(long, long))
    }
}
