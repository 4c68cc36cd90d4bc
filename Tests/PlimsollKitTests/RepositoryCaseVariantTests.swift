import PlimsollCore
import PlimsollRules
import RepositoryModel
import Testing

/// `caseVariants` looks paths up by their lowercased form; it must give what comparing with every entry gives.
@Suite struct RepositoryCaseVariantTests {
    @Test func lookupAgreesWithComparingEveryEntry() {
        let paths = [
            "src/docker/Dockerfile", "Src/Docker/dockerfile", "SRC/docker/Dockerfile", "src/docker/Dockerfile.dev",
            "\u{212A}.txt", "k.txt", "K.txt", "é/a", "É/a", "e\u{301}/a", "Makefile", "makefile", "x", "",
        ]
        let entries = paths.map { RepositoryEntry(path: $0, kind: FileKind.classify($0), isExecutable: false, size: 0) }
        let repository = Repository(policy: Policy(), entries: entries)
        for path in paths + ["SRC/DOCKER/DOCKERFILE", "K.TXT", "none"] {
            let expected = entries.filter { $0.path != path && $0.path.lowercased() == path.lowercased() }
            #expect(repository.caseVariants(of: path).map(\.path) == expected.map(\.path), "\(path)")
        }
        let variants = repository.caseVariants(of: "src/docker/Dockerfile").map(\.path)
        #expect(variants == ["Src/Docker/dockerfile", "SRC/docker/Dockerfile"])
    }
}
