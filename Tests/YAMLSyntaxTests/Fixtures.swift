import Foundation
import PlimsollCore
import Testing
import YAMLSyntax

/// Locates test data from the source tree, so tests pass from a plain clone.
enum Fixtures {
    /// The package root: this file is `<root>/Tests/YAMLSyntaxTests/Fixtures.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let workflows = packageRoot.appendingPathComponent("Fixtures/workflows")

    /// The shared corpus next to the worktree, when present (`../shared/corpus/workflows`).
    static var sharedCorpus: URL? {
        let candidates = [
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/workflows"),
            URL(fileURLWithPath: "/work/shared/corpus/workflows"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Every `.yml`/`.yaml` file under `directory`, hidden folders included, as paths relative to it, sorted.
    static func yamlFiles(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { result.append(path) }
        }
        return result.sorted()
    }

    static func source(_ relative: String, under directory: URL = workflows) throws -> SourceFile {
        let data = try Data(contentsOf: directory.appendingPathComponent(relative))
        return SourceFile(path: relative, bytes: Array(data))
    }
}

/// Loads YAML text; the file path is `test.yaml`.
func load(_ text: String, options: YAMLLoadOptions = .init()) -> (SourceFile, YAMLLoadResult) {
    let file = SourceFile(path: "test.yaml", text: text)
    return (file, YAMLLoader.load(file, options: options))
}

/// A fixture file name shown readably in test output.
struct FixtureFile: CustomTestStringConvertible, Sendable {
    let path: String
    var testDescription: String { path }
}
