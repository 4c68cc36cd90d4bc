import PlimsollCore
@testable import PlimsollKit
import PlimsollRules
import RepositoryModel
import Testing
import WorkflowModel

/// The static model of docker/metadata-action: what it outputs for a given run.
@Suite("metadata-action model")
struct MetadataActionTests {
    /// Builds the metadata step of a one-step workflow whose `with:` is `inputs` (already indented by 10 spaces).
    func action(_ inputs: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (MetadataAction, SourceFile) {
        let text = """
            on: push
            jobs:
              image:
                runs-on: ubuntu-latest
                steps:
                  - id: meta
                    uses: docker/metadata-action@v6
                    with:
            \(inputs)
            """
        let file = SourceFile(path: ".github/workflows/x.yml", text: text)
        let workflow = try #require(Workflow.load(file).workflow, sourceLocation: sourceLocation)
        let step = try #require(workflow.jobs.first?.steps.first, sourceLocation: sourceLocation)
        return (try #require(MetadataAction(step: step, file: file), sourceLocation: sourceLocation), file)
    }

    func tags(_ inputs: String, _ event: RunEvent) throws -> [String] {
        try action(inputs).0.tags(for: event).map(\.value)
    }

    @Test("default tags: branch name on a branch push, no latest")
    func defaultTagsOnBranch() throws {
        #expect(try tags("          images: ghcr.io/acme/app", .defaultBranchPush()) == ["main"])
    }

    @Test("default tags: tag name and latest on a tag push")
    func defaultTagsOnTag() throws {
        #expect(try tags("          images: ghcr.io/acme/app", .tagPush("v1.2.3")) == ["v1.2.3", "latest"])
    }

    @Test("default tags: pr-N on a pull request")
    func defaultTagsOnPullRequest() throws {
        #expect(try tags("          images: ghcr.io/acme/app", .pullRequest(number: 42)) == ["pr-42"])
    }

    @Test("branch names are sanitized")
    func sanitizedBranch() throws {
        #expect(try tags("          images: x", .branchPush("feature/Login")) == ["feature-Login"])
    }

    @Test("semver patterns and latest=auto on a release tag")
    func semver() throws {
        let inputs = """
                      images: ghcr.io/acme/app
                      tags: |
                        type=semver,pattern={{version}}
                        type=semver,pattern={{major}}.{{minor}}
                        type=semver,pattern={{major}}
            """
        #expect(try tags(inputs, .tagPush("v1.2.3")) == ["1.2.3", "1.2", "1", "latest"])
        #expect(try tags(inputs, .defaultBranchPush()).isEmpty)
        // A prerelease gets only {{version}} and no latest.
        #expect(try tags(inputs, .tagPush("v2.0.0-rc.1")) == ["2.0.0-rc.1"])
    }

    @Test("latest=auto does not apply to branch pushes; is_default_branch does")
    func latestOnDefaultBranch() throws {
        let inputs = """
                      images: ghcr.io/acme/app
                      tags: |
                        type=sha,format=long
                        type=raw,value=latest,enable={{is_default_branch}}
                        type=raw,value=dev,enable={{is_default_branch}}
                        type=semver,pattern={{version}}
            """
        #expect(try tags(inputs, .defaultBranchPush()) == ["latest", "dev", "sha-" + RunEvent.exampleSHA])
        #expect(try tags(inputs, .branchPush("feature")) == ["sha-" + RunEvent.exampleSHA])
        #expect(try tags(inputs, .tagPush()) == ["1.2.3", "sha-" + RunEvent.exampleSHA, "latest"])
    }

    @Test("type=sha is sha- plus seven characters, or the full SHA with format=long")
    func sha() throws {
        #expect(try tags("          tags: type=sha", .defaultBranchPush()) == ["sha-0123456"])
        #expect(try tags("          tags: type=sha,prefix=,format=long", .defaultBranchPush()) == [RunEvent.exampleSHA])
        #expect(try tags("          tags: type=sha,prefix=git-", .defaultBranchPush()) == ["git-0123456"])
    }

    @Test("flavor: latest=true/false, prefix and suffix, onlatest")
    func flavor() throws {
        let inputs = """
                      tags: type=ref,event=tag
                      flavor: |
                        latest=false
                        prefix=app-
                        suffix=-alpine,onlatest=true
            """
        #expect(try tags(inputs, .tagPush("v1.0.0")) == ["app-v1.0.0-alpine"])
        let always = """
                      tags: type=ref,event=branch
                      flavor: latest=true
            """
        #expect(try tags(always, .branchPush("dev")) == ["dev", "latest"])
    }

    @Test("enable= with expressions the run decides")
    func enableExpressions() throws {
        let inputs = """
                      tags: |
                        type=raw,value=edge,enable=${{ github.ref == format('refs/heads/{0}', 'main') }}
                        type=raw,value=nightly,enable=${{ github.event_name == 'schedule' }}
                        type=raw,value=maybe,enable=${{ inputs.publish }}
            """
        // On a push `inputs` is empty (null); on a manual run the input is not known, so the tag may be made.
        #expect(try tags(inputs, .defaultBranchPush()) == ["edge"])
        #expect(try tags(inputs, .branchPush("x")) == [])
        #expect(try tags(inputs, .workflowDispatch()) == ["edge", "maybe"])
    }

    @Test("priority orders the tags; raw values and global expressions")
    func priorityAndRaw() throws {
        let inputs = """
                      tags: |
                        type=raw,value=low
                        type=raw,value=high,priority=1000
                        type=raw,value={{branch}}-{{sha}}
                        type=edge
                        type=schedule
            """
        #expect(try tags(inputs, .defaultBranchPush()) == ["high", "edge", "low", "main-0123456"])
        let scheduled = try tags(inputs, .schedule())
        // Equal priorities (1000) keep their order.
        #expect(scheduled == ["high", "nightly", "edge", "low", "main-0123456"], "\(scheduled)")
    }

    @Test("type=match with a group, and latest=auto")
    func match() throws {
        let inputs = "          tags: type=match,pattern=v(\\d+\\.\\d+),group=1"
        #expect(try tags(inputs, .tagPush("v1.2.3")) == ["1.2", "latest"])
        #expect(try tags(inputs, .defaultBranchPush()).isEmpty)
    }

    @Test("unknown types and missing attributes are reported and produce nothing")
    func errors() throws {
        let (meta, _) = try action("""
                      tags: |
                        type=bogus,value=x
                        type=semver
                        type=ref
                        plain-value
            """)
        #expect(meta.tagSpecs.map { $0.error != nil } == [true, true, true, false])
        #expect(meta.tags(for: .defaultBranchPush()).map(\.value) == ["plain-value"])
    }

    @Test("image names are lowercased; each tag maps back to its tags: line")
    func referencesAndSpans() throws {
        let (meta, file) = try action("""
                      images: |
                        ghcr.io/Acme/App
                        name=docker.io/acme/app,enable=false
                      tags: |
                        type=sha
                        type=raw,value=latest
            """)
        let references = meta.references(for: .defaultBranchPush())
        #expect(references.map(\.text) == ["ghcr.io/acme/app:latest", "ghcr.io/acme/app:sha-0123456"])
        let line = references[1].tag.span.lowerBound.line
        #expect(file.lineText(line).trimmingWhitespace() == "type=sha")
    }

    @Test("the flavor's latest points at the spec that triggered it")
    func latestSpan() throws {
        let (meta, file) = try action("""
                      tags: |
                        type=sha
                        type=semver,pattern={{version}}
            """)
        let latest = try #require(meta.tags(for: .tagPush()).last)
        #expect(latest.value == "latest" && latest.isFlavorLatest)
        #expect(file.lineText(latest.span.lowerBound.line).trimmingWhitespace() == "type=semver,pattern={{version}}")
    }

    @Test("default labels, overridden by labels:")
    func labels() throws {
        let (meta, _) = try action("""
                      images: ghcr.io/acme/app
                      tags: type=semver,pattern={{version}}
                      labels: |
                        org.opencontainers.image.title=My App
                        maintainer=ops
            """)
        let labels = Dictionary(meta.labels(for: .tagPush()).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        #expect(labels["org.opencontainers.image.title"] == "My App")
        #expect(labels["org.opencontainers.image.version"] == "1.2.3")
        #expect(labels["org.opencontainers.image.revision"] == RunEvent.exampleSHA)
        #expect(labels["org.opencontainers.image.source"] == "https://github.com/owner/repo")
        #expect(labels["org.opencontainers.image.created"] != nil)
        #expect(labels["org.opencontainers.image.licenses"] != nil)
        #expect(labels["maintainer"] == "ops")
    }

    @Test("comments and commas inside expressions do not split tag lines")
    func commentsAndCommas() throws {
        let inputs = """
                      tags: |
                        # the default branch
                        type=raw,value=latest,enable=${{ github.ref == format('refs/heads/{0}', 'main') }}
            """
        #expect(try tags(inputs, .defaultBranchPush()) == ["latest"])
        #expect(try tags(inputs, .tagPush()).isEmpty)
    }
}

/// The link from a build-push step to its metadata step, seen through the rules.
@Suite("metadata-action linking")
struct MetadataLinkTests {
    func scan(_ workflow: String) throws -> [String] {
        let source = InMemoryRepositorySource(textFiles: [".github/workflows/p.yml": workflow])
        return try Scanner().scan(source, root: ".").findings.filter { ["PL504", "PL505", "PL506"].contains($0.ruleID) }.map(\.ruleID)
    }

    @Test("tags and labels from steps.<id>.outputs give the verdicts literal tags give")
    func linked() throws {
        let workflow = """
            on:
              push:
                branches: [main]
            jobs:
              image:
                runs-on: ubuntu-latest
                steps:
                  - id: meta
                    uses: docker/metadata-action@v6
                    with:
                      images: ghcr.io/acme/app
                  - uses: docker/build-push-action@v7
                    with:
                      push: true
                      tags: ${{ steps.meta.outputs.tags }}

            """
        #expect(try scan(workflow).sorted() == ["PL504", "PL505", "PL506"])
    }

    @Test("through a job output and needs")
    func throughNeeds() throws {
        let workflow = """
            on:
              push:
                branches: [main]
            jobs:
              meta:
                runs-on: ubuntu-latest
                outputs:
                  tags: ${{ steps.meta.outputs.tags }}
                steps:
                  - id: meta
                    uses: docker/metadata-action@v6
                    with:
                      images: ghcr.io/acme/app
                      tags: |
                        type=sha
                        type=raw,value=latest,enable={{is_default_branch}}
                        type=raw,value=dev,enable={{is_default_branch}}
              image:
                needs: meta
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@v7
                    with:
                      push: true
                      tags: ${{ needs.meta.outputs.tags }}

            """
        #expect(try scan(workflow).isEmpty)
    }
}
