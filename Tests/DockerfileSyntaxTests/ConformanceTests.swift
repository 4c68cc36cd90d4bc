import Foundation
import Testing
import PlimsollCore
@testable import DockerfileSyntax

@Suite("BuildKit parser conformance")
struct ConformanceTests {
    @Test("corpus has every case")
    func corpusCounts() {
        #expect(Fixtures.cases("testfiles").count == 33)
        #expect(Fixtures.cases("testfiles-negative").count == 4)
    }

    @Test("dump matches result", arguments: Fixtures.cases("testfiles"))
    func positive(name: String) throws {
        let folder = Fixtures.buildkit.appendingPathComponent("testfiles").appendingPathComponent(name)
        let dockerfile = try Fixtures.parse(folder.appendingPathComponent("Dockerfile"))
        let expected = try Fixtures.bytes(folder.appendingPathComponent("result"))
        let actual = DockerfileDump.dumpBytes(dockerfile)
        #expect(actual == expected, "\(name):\n\(String(decoding: actual, as: UTF8.self))")
        let errors = dockerfile.diagnostics.filter {
            $0.severity == .error && !$0.message.hasPrefix("unknown flag") && !$0.message.hasPrefix("missing a value")
                && !$0.message.hasPrefix("unknown instruction") && !$0.message.hasPrefix("no build stage")
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test("negative case is rejected with a position", arguments: Fixtures.cases("testfiles-negative"))
    func negative(name: String) throws {
        let url = Fixtures.buildkit.appendingPathComponent("testfiles-negative").appendingPathComponent(name)
            .appendingPathComponent("Dockerfile")
        let dockerfile = try Fixtures.parse(url)
        let expectedMessage = [
            "empty_dockerfile": "file with no instructions",
            "only_comments": "file with no instructions",
            "env_no_value": "ENV must have two arguments",
            "shykes-nested-json": "dockerfile JSON array must contain only strings",
        ][name]
        let error = try #require(dockerfile.diagnostics.first { $0.message == expectedMessage })
        #expect(error.severity == .error)
        #expect(error.span.lowerBound.line >= 1)
        #expect(error.span.lowerBound.column >= 1)
    }

    @Test("testfile-line ranges")
    func lineRanges() throws {
        let url = Fixtures.buildkit.appendingPathComponent("testfile-line").appendingPathComponent("Dockerfile")
        let dockerfile = try Fixtures.parse(url)
        let ranges = dockerfile.instructions.map { [$0.startLine, $0.endLine] }
        #expect(ranges == [[5, 5], [11, 12], [17, 31]])
        let dump = DockerfileDump.dump(dockerfile, lines: true)
        #expect(dump.hasPrefix("5-5 (from \"brimstone/ubuntu:14.04\")\n11-12 (env \"GOPATH\" \"/go\" \"\")\n17-31 (run "))
    }
}
