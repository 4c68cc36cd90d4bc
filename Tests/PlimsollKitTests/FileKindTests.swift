@testable import RepositoryModel
import Testing

/// What each path is, from its name and place alone.
@Suite struct FileKindTests {
    @Test(arguments: [
        ("Dockerfile", FileKind.dockerfile), ("src/docker/DOCKERFILE", .dockerfile), ("Containerfile", .dockerfile),
        ("app.Dockerfile", .dockerfile), ("Dockerfile.dev", .dockerfile), ("é/Dockerfile.ü", .dockerfile),
        ("Dockerfile.md", .other), ("dockerfile.dockerignore", .other), ("DockerFile.BAK", .other),
        (".github/workflows/ci.yml", .workflow), (".github/workflows/ci.YAML", .workflow),
        (".github/workflows/sub/ci.yml", .other), ("a/.github/workflows/ci.yml", .other),
        ("action.yml", .action), ("sub/action.yaml", .action), ("Action.yml", .other),
        ("src/docker/docker-build.sh", .script), ("x.BASH", .script),
        ("Makefile", .buildFile), ("package.json", .buildFile), ("Pipfile", .buildFile), (".dockerignore", .buildFile),
        ("deploy/docker-compose.prod.yml", .buildFile), ("compose.yaml", .buildFile), ("sub/Makefile", .other),
        (".plimsoll.yml", .config), ("sub/.plimsoll.yml", .other), ("README.md", .other), ("", .other),
    ])
    func classify(_ path: String, _ kind: FileKind) {
        #expect(FileKind.classify(path) == kind)
    }
}
