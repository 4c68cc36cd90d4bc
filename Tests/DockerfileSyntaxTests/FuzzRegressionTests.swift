import Foundation
import PlimsollCore
import Testing
@testable import DockerfileSyntax

/// Replays the inputs that once crashed `FuzzDockerfile` (`Fixtures/fuzz-regressions/FuzzDockerfile/`) through
/// what the fuzz target calls: each must parse, dump and list its references without trapping.
@Suite("Fuzz regressions: Dockerfile")
struct DockerfileFuzzRegressionTests {
    static let folder = Fixtures.root.appendingPathComponent("fuzz-regressions/FuzzDockerfile")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    @Test("the folder holds inputs")
    func present() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test("replays without a crash, and what it parses is consistent", arguments: inputs)
    func replay(_ name: String) throws {
        let file = SourceFile(path: name, bytes: try Fixtures.bytes(Self.folder.appendingPathComponent(name)))
        let dockerfile = DockerfileParser.parse(file)
        _ = DockerfileDump.dump(dockerfile, lines: true)
        // The JSON dump is JSON, whatever bytes the input held.
        let json = Data(DockerfileDump.json(dockerfile).utf8)
        #expect((try? JSONSerialization.jsonObject(with: json)) != nil, "JSON dump of \(name)")
        var previousEnd = 0
        for (index, instruction) in dockerfile.instructions.enumerated() {
            // Instructions lie inside the file, in order, without overlapping.
            let range = instruction.byteRange
            #expect(range.lowerBound >= previousEnd && range.upperBound <= file.bytes.count, "\(name) #\(index)")
            previousEnd = range.upperBound
            #expect(instruction.span.lowerBound.offset == range.lowerBound)
            _ = instruction.variableReferences(in: file)
            _ = (instruction.from, instruction.copy, instruction.run, instruction.healthcheck, instruction.argDeclarations)
            if let stage = dockerfile.stage(containing: index) {
                #expect(stage.instructionIndices.contains(index), "\(name) #\(index)")
            }
        }
        for stage in dockerfile.stages {
            _ = dockerfile.baseImageReference(of: stage)
            _ = ImageReference.parse(stage.baseImage)
        }
    }
}
