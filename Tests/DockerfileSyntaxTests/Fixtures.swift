import Foundation
import PlimsollCore
@testable import DockerfileSyntax

/// Locates `Fixtures/` from this file's path, so the tests run from a plain clone without resources.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let buildkit = root.appendingPathComponent("buildkit-parser")

    static func cases(_ folder: String) -> [String] {
        let url = buildkit.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted()
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    static func parse(_ url: URL) throws -> Dockerfile {
        DockerfileParser.parse(SourceFile(path: url.lastPathComponent, bytes: try bytes(url)))
    }
}

func parse(_ text: String) -> Dockerfile { DockerfileParser.parse(text) }
