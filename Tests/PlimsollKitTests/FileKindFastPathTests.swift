@testable import PlimsollRules
@testable import RepositoryModel
import Testing

/// Paths are classified on bytes when ASCII; the result must be the Character-level classification.
@Suite struct FileKindFastPathTests {
    @Test func bytePathAgreesWithCharacterPath() {
        let directories = ["", ".github/workflows/", ".github/", "src/docker/", "a/.github/workflows/", ".GITHUB/workflows/"]
        let names = [
            "Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "app.Dockerfile", "x.containerfile",
            "Dockerfile.dev", "Dockerfile.md", "Dockerfile.", "Dockerfile..", "dockerfile.dockerignore", "Containerfile.Yml",
            "ci.yml", "ci.YAML", "ci.yaml.bak", "action.yml", "Action.yml", "action.yaml", "build.sh", "x.BASH",
            "Makefile", "makefile", "GNUmakefile", "package.json", ".plimsoll.yml", ".plimsoll.yaml", "README.md", "",
            "sub/ci.yml", "x.Sh", "DockerFile.BAK", "dockerfile.Dev.TXT", ".dockerfile", "ci.yml.sh",
        ]
        for directory in directories {
            for name in names {
                let path = directory + name
                #expect(FileKind.classify(path) == FileKind.classifyByCharacters(path), "\(path)")
                #expect(FileKind.classifyASCII(path) != nil)
            }
        }
        #expect(FileKind.classifyASCII("é/Dockerfile") == nil)
        #expect(FileKind.classify("é/Dockerfile") == .dockerfile)
    }
}
