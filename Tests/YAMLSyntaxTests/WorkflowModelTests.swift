import PlimsollCore
import Testing
import WorkflowModel
import YAMLSyntax

func workflow(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Workflow, [Diagnostic]) {
    let file = SourceFile(path: "w.yml", text: text)
    let (model, diagnostics) = Workflow.load(file)
    return (try #require(model, sourceLocation: sourceLocation), diagnostics)
}

@Suite struct WorkflowModelTests {
    @Test func onAsString() throws {
        let (w, d) = try workflow("on: push\njobs: {}\n")
        #expect(d.isEmpty)
        #expect(w.events.map(\.name) == ["push"])
        #expect(w.events[0].config == nil)
    }

    @Test func onAsList() throws {
        let (w, _) = try workflow("on: [push, pull_request]\njobs: {}\n")
        #expect(w.events.map(\.name) == ["push", "pull_request"])
        #expect(w.events[1].nameNode.span.lowerBound.column == 12)
    }

    @Test func onAsMappingWithFilters() throws {
        let text = """
            on:
              push:
                branches: [main, 'releases/**']
                branches-ignore: dev
                tags: ['v*']
                tags-ignore: [old]
                paths: ['src/**']
                paths-ignore: [docs]
              pull_request:
                types: [opened, synchronize]
              pull_request_target:
              schedule:
                - cron: '0 0 * * *'
                - cron: '30 5 * * 1'
              workflow_dispatch:
                inputs:
                  level:
                    type: choice
                    required: true
                    options: [a, b]
              workflow_call:
                inputs:
                  image:
                    type: string
                secrets:
                  token:
                    required: true
                outputs:
                  digest:
                    value: ${{ jobs.build.outputs.digest }}
            jobs: {}
            """
        let (w, d) = try workflow(text)
        #expect(d.isEmpty, "\(d)")
        #expect(w.events.map(\.name) == ["push", "pull_request", "pull_request_target", "schedule", "workflow_dispatch", "workflow_call"])
        let push = try #require(w.event("push"))
        #expect(push.branches?.map(\.value) == ["main", "releases/**"])
        #expect(push.branchesIgnore?.map(\.value) == ["dev"])
        #expect(push.tags?.map(\.value) == ["v*"])
        #expect(push.tagsIgnore?.map(\.value) == ["old"])
        #expect(push.paths?.map(\.value) == ["src/**"])
        #expect(push.pathsIgnore?.map(\.value) == ["docs"])
        #expect(w.event("pull_request")?.types?.map(\.value) == ["opened", "synchronize"])
        #expect(w.event("pull_request_target")?.config == nil)
        #expect(w.event("schedule")?.schedules.map(\.value) == ["0 0 * * *", "30 5 * * 1"])
        let dispatch = try #require(w.event("workflow_dispatch")?.inputs.first)
        #expect(dispatch.id == "level")
        #expect(dispatch.type?.value == "choice")
        #expect(dispatch.required == true)
        let call = try #require(w.event("workflow_call"))
        #expect(call.inputs.map(\.id) == ["image"])
        #expect(call.secrets.keys == ["token"])
        #expect(call.outputs.keys == ["digest"])
    }

    @Test func permissionsForms() throws {
        let (readAll, _) = try workflow("on: push\npermissions: read-all\njobs: {}\n")
        #expect(readAll.permissions?.level(of: "contents") == .read)
        #expect(readAll.permissions?.level(of: "id-token") == PermissionLevel.none)
        let (writeAll, _) = try workflow("on: push\npermissions: write-all\njobs: {}\n")
        #expect(writeAll.permissions?.level(of: "packages") == .write)
        #expect(writeAll.permissions?.level(of: "models") == .read)
        let (empty, d1) = try workflow("on: push\npermissions: {}\njobs: {}\n")
        #expect(d1.isEmpty)
        #expect(empty.permissions?.isEmpty == true)
        #expect(empty.permissions?.level(of: "contents") == PermissionLevel.none)
        #expect(empty.permissions?.level(of: "metadata") == .read)
        let (scoped, d2) = try workflow("on: push\npermissions:\n  contents: read\n  packages: write\n  id-token: write\n  models: read\njobs: {}\n")
        #expect(d2.isEmpty, "\(d2)")
        #expect(scoped.permissions?.level(of: "packages") == .write)
        #expect(scoped.permissions?.level(of: "issues") == PermissionLevel.none)
        #expect(scoped.permissions?.entry(for: "contents")?.valueNode.span.lowerBound.line == 3)
    }

    @Test func permissionsErrors() throws {
        let (_, d) = try workflow("on: push\npermissions:\n  content: read\n  id-token: read\n  models: write\n  issues: admin\njobs: {}\n")
        #expect(d.map(\.message) == [
            "unknown permission scope 'content'; did you mean 'contents'?",
            "invalid permission 'read' for scope 'id-token'; expected one of 'write', 'none'",
            "invalid permission 'write' for scope 'models'; expected one of 'read', 'none'",
            "invalid permission 'admin' for scope 'issues'; expected one of 'read', 'write', 'none'",
        ])
        #expect(d[0].span.lowerBound == SourceLocation(line: 3, column: 3, offset: 24))
        let (_, bad) = try workflow("on: push\npermissions: read\njobs: {}\n")
        #expect(bad.first?.message.contains("invalid permissions 'read'") == true)
    }

    @Test func jobsAndSteps() throws {
        let text = """
            on: push
            env:
              IMAGE: ghcr.io/x
            jobs:
              build:
                name: Build
                runs-on: [self-hosted, linux]
                needs: lint
                if: github.event_name != 'pull_request'
                permissions:
                  packages: write
                environment: production
                strategy:
                  fail-fast: false
                  matrix:
                    platform: [linux/amd64, linux/arm64]
                    include:
                      - platform: linux/arm/v7
                        extra: x
                    exclude:
                      - platform: linux/amd64
                container: node:20
                services:
                  redis:
                    image: redis
                outputs:
                  digest: ${{ steps.push.outputs.digest }}
                steps:
                  - uses: actions/checkout@v4
                  - id: push
                    name: Push
                    uses: docker/build-push-action@v6.9.0
                    with:
                      platforms: ${{ matrix.platform }}
                      push: true
                    env:
                      X: y
                    if: always()
                    continue-on-error: true
                    timeout-minutes: 5
                  - run: echo hi
                    shell: bash
                    working-directory: src
              lint:
                runs-on: ubuntu-latest
                steps:
                  - run: make lint
              call:
                needs: [build, lint]
                uses: octo/repo/.github/workflows/release.yml@main
                with:
                  tag: v1
                secrets: inherit
            """
        let (w, d) = try workflow(text)
        #expect(d.isEmpty, "\(d)")
        #expect(w.env.keys == ["IMAGE"])
        #expect(w.jobs.map(\.id) == ["build", "lint", "call"])
        let build = try #require(w.job("build"))
        #expect(build.idNode.span.lowerBound == SourceLocation(line: 5, column: 3, offset: 41))
        #expect(build.name?.value == "Build")
        #expect(build.runsOn.map(\.value) == ["self-hosted", "linux"])
        #expect(build.needs.map(\.value) == ["lint"])
        #expect(build.condition?.string == "github.event_name != 'pull_request'")
        #expect(build.permissions?.level(of: "packages") == .write)
        #expect(build.environment?.string == "production")
        let strategy = try #require(build.strategy)
        #expect(strategy.values(of: "platform")?.compactMap(\.string) == ["linux/amd64", "linux/arm64"])
        #expect(strategy.include.first?.keys == ["platform", "extra"])
        #expect(strategy.exclude.first?["platform"]?.value.string == "linux/amd64")
        #expect(strategy.failFast?.bool == false)
        #expect(build.container?.image?.string == "node:20")
        #expect(build.services.keys == ["redis"])
        #expect(build.outputs.keys == ["digest"])
        #expect(build.steps.count == 3)
        let push = build.steps[1]
        #expect(push.id?.value == "push")
        #expect(push.action?.fullName == "docker/build-push-action")
        #expect(push.action?.majorVersion == 6)
        #expect(push.with.keys == ["platforms", "push"])
        #expect(push.input("platforms")?.span.lowerBound.line == 34)
        #expect(push.env.keys == ["X"])
        #expect(push.condition?.string == "always()")
        #expect(push.continueOnError?.bool == true)
        #expect(push.timeoutMinutes?.string == "5")
        #expect(build.steps[2].shell?.value == "bash")
        #expect(build.steps[2].workingDirectory?.value == "src")
        let call = try #require(w.job("call"))
        #expect(call.isReusableWorkflowCall)
        #expect(call.workflowReference?.isReusableWorkflow == true)
        #expect(call.with.keys == ["tag"])
        if case .inherit = call.secrets {} else { Issue.record("expected secrets: inherit") }
        #expect(w.allSteps.count == 4)
    }

    @Test func unknownKeysWithSuggestions() throws {
        let text = """
            on: push
            permisions: {}
            jobs:
              a:
                runs_on: ubuntu-latest
                runs-on: ubuntu-latest
                stesp: []
                steps:
                  - run: x
                    working-dir: y
                    wiht: {}
                    frobnicate: 1
            """
        let (_, d) = try workflow(text)
        #expect(d.map(\.message) == [
            "unknown key 'permisions' in workflow; did you mean 'permissions'?",
            "unknown key 'runs_on' in job 'a'; did you mean 'runs-on'?",
            "unknown key 'stesp' in job 'a'; did you mean 'steps'?",
            "unknown key 'working-dir' in step; did you mean 'working-directory'?",
            "unknown key 'wiht' in step; did you mean 'with'?",
            "unknown key 'frobnicate' in step",
        ])
        #expect(d[0].span.lowerBound == SourceLocation(line: 2, column: 1, offset: 9))
    }

    @Test func stepNeedsUsesOrRun() throws {
        let (_, d) = try workflow("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - name: nothing\n")
        #expect(d.map(\.message) == [
            "a step must have either 'uses' or 'run' (or be a 'parallel', 'wait', 'wait-all' or 'cancel' step)"
        ])
    }

    @Test("parallel steps: a group's steps take its place, control steps run nothing")
    func parallelSteps() throws {
        let (workflow, d) = try workflow("""
            on: push
            jobs:
              a:
                runs-on: x
                steps:
                  - id: server
                    run: npm start
                    background: true
                  - parallel:
                      - run: npm run lint
                      - uses: docker/setup-buildx-action@v4
                  - wait: server
                  - wait-all:
                  - cancel: server
                  - run: make
            """)
        #expect(d.isEmpty, "\(d.map(\.message))")
        let steps = try #require(workflow.jobs.first).steps
        #expect(steps.map { $0.run?.value ?? $0.uses?.value ?? "" } == [
            "npm start", "npm run lint", "docker/setup-buildx-action@v4", "make",
        ])
        #expect(steps.map(\.index) == [0, 1, 2, 3])
    }

    @Test func nestedParallelIsReported() throws {
        let (_, d) = try workflow(
            "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - parallel:\n          - parallel:\n              - run: a\n")
        #expect(d.map(\.message) == ["a 'parallel' group cannot contain another 'parallel' group"])
    }

    @Test func mergeKeysAreReported() throws {
        let file = try Fixtures.source("actionlint-examples/err/merge_key_unsupported.yaml")
        let (_, d) = Workflow.load(file)
        #expect(d.filter { $0.message.contains("merge key") }.map(\.span.lowerBound.line) == [8, 21, 27])
    }

    @Test func notAMapping() {
        let (w, d) = Workflow.load(SourceFile(path: "w", text: "- a\n"))
        #expect(w == nil)
        #expect(d.map(\.message) == ["a workflow must be a mapping"])
        let (_, empty) = Workflow.load(SourceFile(path: "w", text: ""))
        #expect(empty.map(\.message) == ["the workflow file is empty"])
    }

    @Test func compositeAction() throws {
        let text = """
            name: My action
            description: does things
            inputs:
              token:
                required: true
                default: ${{ github.token }}
              old:
                deprecationMessage: use token
            outputs:
              digest:
                value: ${{ steps.b.outputs.digest }}
            runs:
              using: composite
              steps:
                - uses: docker/login-action@v3
                  with:
                    password: ${{ inputs.token }}
                - id: b
                  run: echo
                  shell: bash
            """
        let (action, d) = ActionMetadata.load(SourceFile(path: "action.yml", text: text))
        #expect(d.isEmpty, "\(d)")
        let a = try #require(action)
        #expect(a.name?.value == "My action")
        #expect(a.inputs.map(\.id) == ["token", "old"])
        #expect(a.inputs[0].required == true)
        #expect(a.inputs[1].deprecationMessage == "use token")
        #expect(a.outputs.keys == ["digest"])
        #expect(a.runs?.isComposite == true)
        #expect(a.runs?.steps.map { $0.action?.fullName } == ["docker/login-action", nil])
    }

    @Test func dockerAndNodeActions() throws {
        let (docker, _) = ActionMetadata.load(SourceFile(path: "action.yml", text: "name: d\nruns:\n  using: docker\n  image: Dockerfile\n"))
        #expect(docker?.runs?.image?.value == "Dockerfile")
        let (node, _) = ActionMetadata.load(SourceFile(path: "action.yml", text: "name: n\nruns:\n  using: node20\n  main: index.js\n"))
        #expect(node?.runs?.main?.value == "index.js")
        #expect(node?.runs?.using?.value == "node20")
    }

    @Test(arguments: Fixtures.yamlFiles(under: Fixtures.workflows.appendingPathComponent("actionlint-examples/examples/.github/actions")))
    func actionFixtures(_ path: String) throws {
        let file = try Fixtures.source("actionlint-examples/examples/.github/actions/" + path)
        let (action, _) = ActionMetadata.load(file)
        #expect(action != nil)
    }
}
