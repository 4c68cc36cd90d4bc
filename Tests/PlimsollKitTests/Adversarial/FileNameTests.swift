import Foundation
import Testing

@testable import PlimsollKit

/// Issue 21, attack 14: a file whose name is not UTF-8 could not be found again by its decoded text and vanished
/// from the scan without a note.
@Suite("Adversarial: file names that are not UTF-8")
struct FileNameTests {
    /// Creates `.github/workflows/a<0xFF>.yml` by its bytes (no String can name it).
    private func makeRepository(git: Bool) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write(".github/workflows/b.yml", "on: push\njobs: {}\n")
        let name = Array((directory.path + "/.github/workflows/a").utf8) + [0xFF] + Array(".yml".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        if git { _ = try ProcessRunner.git(["init", "-q"], in: directory.url) }
        return directory
    }

    @Test("the name is decoded, and marked only when its bytes are not UTF-8")
    func decoding() {
        var undecodable: Set<String> = []
        #expect(FileNameText.decode(Array("ok\u{FFFD}.yml".utf8), undecodable: &undecodable) == "ok\u{FFFD}.yml")
        #expect(undecodable.isEmpty)
        #expect(FileNameText.decode([0x61, 0xFF], undecodable: &undecodable) == "a\u{FFFD}")
        #expect(undecodable == ["a\u{FFFD}"])
    }

    @Test("listed by git or by walking the folder, it gets a PL003 note", arguments: [true, false])
    func reported(git: Bool) throws {
        let directory = try makeRepository(git: git)
        let result = try Scanner().scan(try DiskRepositorySource(root: directory.path), root: ".")
        let note = try #require(result.findings.first { $0.ruleID == "PL003" && $0.path == ".github/workflows/a\u{FFFD}.yml" })
        #expect(note.message.contains("not valid UTF-8"))
    }
}
