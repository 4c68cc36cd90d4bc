import Foundation
import Testing

@testable import PlimsollKit

/// Issue 21, attack 1: the Action writes `plimsoll.sarif` into the pull request's checkout, so a committed
/// `plimsoll.sarif -> /somewhere/else` must be replaced by the report, never written through.
@Suite("Adversarial: report files and symbolic links")
struct ReportLinkTests {
    @Test("a symbolic link at the report path is replaced; its target is untouched")
    func linkIsReplaced() throws {
        let directory = try TemporaryDirectory()
        let target = try directory.write("victim.sh", "#!/bin/sh\necho original\n")
        let report = directory.path + "/plimsoll.sarif"
        try FileManager.default.createSymbolicLink(atPath: report, withDestinationPath: target.path)

        try ReportFileWriter.write(Array("{}".utf8), to: report)

        #expect(try String(contentsOf: target, encoding: .utf8) == "#!/bin/sh\necho original\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(FileManager.default.contents(atPath: report) == Data("{}".utf8))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["plimsoll.sarif", "victim.sh"])
    }

    @Test("a dangling link is replaced, not followed to create its target")
    func danglingLink() throws {
        let directory = try TemporaryDirectory()
        let report = directory.path + "/plimsoll.sarif"
        try FileManager.default.createSymbolicLink(atPath: report, withDestinationPath: directory.path + "/created")
        try ReportFileWriter.write(Array("x".utf8), to: report)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/created"))
        #expect(FileManager.default.contents(atPath: report) == Data("x".utf8))
    }

    @Test("a regular file is replaced and a named device is written in place")
    func regularAndDevice() throws {
        let directory = try TemporaryDirectory()
        let report = try directory.write("out.json", "old contents that are longer")
        try ReportFileWriter.write(Array("new".utf8), to: report.path)
        #expect(FileManager.default.contents(atPath: report.path) == Data("new".utf8))
        try ReportFileWriter.write(Array("discarded".utf8), to: "/dev/null")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(throws: ReportFileWriter.WriteError.directory(directory.path)) {
            try ReportFileWriter.write([], to: directory.path)
        }
    }

    @Test("plimsoll scan --report sarif=plimsoll.sarif in a checkout with a committed link", .enabled(if: FileManager.default.fileExists(atPath: TestPaths.binary.path)))
    func actionReportPath() throws {
        let checkout = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        let target = try outside.write("script.sh", "keep me\n")
        try checkout.write("README.md", "x\n")
        try FileManager.default.createSymbolicLink(atPath: checkout.path + "/plimsoll.sarif", withDestinationPath: target.path)
        _ = try ProcessRunner.plimsoll(["scan", ".", "--report", "sarif=plimsoll.sarif", "--fail-level", "never"], in: checkout.url)
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
        let written = try String(contentsOfFile: checkout.path + "/plimsoll.sarif", encoding: .utf8)
        #expect(written.contains("\"version\""))
    }
}
