import PlimsollCore
@testable import PlimsollKit
import Testing

/// Repositories that follow the standard in the ways real ones do, scanned as a clone of `acme/app`: each gets
/// exactly the errors and warnings listed (none for the compliant ones). One case per pattern the publication
/// model must read as the tools do.
@Suite("Publication model on whole repositories")
struct PublicationModelTests {
    /// The standard's reference layout: Dockerfile, local build script and publish workflow.
    static let compliant: [String: String] = [
        "src/docker/Dockerfile": "FROM alpine:3.20\nUSER 65532\n",
        "src/docker/docker-build.sh": "#!/bin/sh\ndocker build -t ghcr.io/acme/app:local -f src/docker/Dockerfile .\n",
        ".github/workflows/publish.yml": """
            on:
              push:
                branches: [main]
                tags: ["v*"]
              pull_request:
            permissions: {}
            jobs:
              image:
                runs-on: ubuntu-latest
                permissions:
                  contents: read
                  packages: write
                steps:
                  - uses: actions/checkout@v5
                  - uses: docker/setup-qemu-action@v4
                  - uses: docker/setup-buildx-action@v4
                  - uses: docker/login-action@v4
                    if: github.event_name != 'pull_request'
                    with:
                      registry: ghcr.io
                      username: ${{ github.actor }}
                      password: ${{ secrets.GITHUB_TOKEN }}
                  - id: meta
                    uses: docker/metadata-action@v6
                    with:
                      images: ghcr.io/${{ github.repository }}
                      tags: |
                        type=sha,format=long
                        type=raw,value=latest,enable={{is_default_branch}}
                        type=raw,value=dev,enable={{is_default_branch}}
                        type=semver,pattern={{version}}
                  - uses: docker/build-push-action@v7
                    with:
                      context: .
                      file: src/docker/Dockerfile
                      platforms: linux/amd64,linux/arm64
                      push: ${{ github.event_name != 'pull_request' }}
                      tags: ${{ steps.meta.outputs.tags }}
                      labels: ${{ steps.meta.outputs.labels }}

            """,
    ]

    static let login = """
              - uses: docker/login-action@v4
                with:
                  registry: ghcr.io
                  username: ${{ github.actor }}
                  password: ${{ secrets.GITHUB_TOKEN }}
        """

    static let cases: [(name: String, files: [String: String], expected: [String])] = [
        ("the reference repository", compliant, []),
        (
            "a promotion re-tagging a tested image with imagetools create",
            compliant.merging([
                ".github/workflows/promote.yml": """
                    on:
                      workflow_dispatch:
                        inputs:
                          sha:
                            required: true
                    permissions: {}
                    jobs:
                      promote:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                          packages: write
                        steps:
                    \(login)
                          - uses: docker/setup-buildx-action@v4
                          - run: docker buildx imagetools create --tag ghcr.io/acme/app:prod ghcr.io/acme/app:sha-${{ inputs.sha }}

                    """,
            ]) { $1 }, []
        ),
        (
            "a promotion by pull, tag and push flattens the image",
            compliant.merging([
                ".github/workflows/promote.yml": """
                    on: workflow_dispatch
                    permissions: {}
                    jobs:
                      promote:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                          packages: write
                        steps:
                    \(login)
                          - run: |
                              docker pull ghcr.io/acme/app:dev
                              docker tag ghcr.io/acme/app:dev ghcr.io/acme/app:prod
                              docker push ghcr.io/acme/app:prod

                    """,
            ]) { $1 }, ["PL507"]
        ),
        (
            "platforms BuildKit normalizes",
            compliant.merging([
                ".github/workflows/publish.yml": compliant[".github/workflows/publish.yml"]!
                    .replacing("platforms: linux/amd64,linux/arm64", with: "platforms: linux/x86_64,linux/aarch64,linux/arm/7"),
            ]) { $1 }, []
        ),
        (
            "the root layout with a Pipfile container script",
            [
                ".plimsoll.yml": "layout: root\n",
                "Dockerfile": "FROM alpine:3.20\nUSER 65532\n",
                "Pipfile": "[packages]\nflask = \"*\"\n\n[scripts]\ncontainer = \"docker build -t ghcr.io/acme/app:local .\"\n",
                ".github/workflows/publish.yml": compliant[".github/workflows/publish.yml"]!
                    .replacing("file: src/docker/Dockerfile", with: "file: Dockerfile"),
            ], []
        ),
        (
            "the root layout with a package.json container script that pushes an uppercase name",
            [
                ".plimsoll.yml": "layout: root\n",
                "Dockerfile": "FROM alpine:3.20\nUSER 65532\n",
                "package.json": "{\n  \"scripts\": {\n    \"container\": \"docker build -t ghcr.io/Acme/app --push .\"\n  }\n}\n",
                ".github/workflows/publish.yml": compliant[".github/workflows/publish.yml"]!
                    .replacing("file: src/docker/Dockerfile", with: "file: Dockerfile"),
            ], ["PL104", "PL501"]
        ),
        (
            "a workflow with a YAML syntax error is reported once",
            compliant.merging([
                ".github/workflows/broken.yml": """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/metadata-action@v6
                            with:
                              tags: type=semver,pattern={{version}}
                          - run: echo [unclosed
                         bad: indentation

                    """,
            ]) { $1 }, ["PL002"]
        ),
    ]

    @Test(arguments: cases.indices)
    func scan(_ index: Int) throws {
        let (name, files, expected) = Self.cases[index]
        let source = InMemoryRepositorySource(
            textFiles: files, executables: ["src/docker/docker-build.sh"],
            remote: GitHubRepository(owner: "acme", name: "app"))
        let result = try Scanner().scan(source, root: ".")
        let reported = result.findings.filter { $0.severity != .note && $0.suppression == nil }
        #expect(
            reported.map(\.ruleID).sorted() == expected.sorted(),
            "\(name): \(reported.map { "\($0.ruleID) \($0.path):\($0.span.lowerBound.line) \($0.message)" })")
    }
}
