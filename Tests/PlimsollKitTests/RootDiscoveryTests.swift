import Foundation
@testable import PlimsollKit
import Testing

/// Where a scan's repository is, from the paths a user names or the folder they stand in.
@Suite("Root discovery")
struct RootDiscoveryTests {
    @Test("a folder inside a repository is scanned with the whole repository as context, reporting that folder")
    func folderInsideRepository() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/.git", withIntermediateDirectories: true)
        _ = try directory.write("src/docker/Dockerfile", "FROM alpine:3.20\n")
        let fromInside = try ScanTarget.resolve([], currentDirectory: directory.path + "/src/docker")
        #expect(fromInside == [ScanTarget(root: directory.url.standardizedFileURL.path, onlyPaths: ["src/docker/"])])
        let named = try ScanTarget.resolve(["src/docker", "src/docker/Dockerfile"], currentDirectory: directory.path)
        #expect(named == [ScanTarget(root: ".", onlyPaths: ["src/docker/", "src/docker/Dockerfile"])])
        let whole = try ScanTarget.resolve(["src", "."], currentDirectory: directory.path)
        #expect(whole == [ScanTarget(root: ".", onlyPaths: nil)])
    }

    @Test("a project inside another repository (.plimsoll.yml or .github/workflows) is its own root")
    func projectMarkers() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/.git", withIntermediateDirectories: true)
        _ = try directory.write("services/api/.plimsoll.yml", "layout: root\n")
        _ = try directory.write("services/api/Dockerfile", "FROM alpine:3.20\n")
        let targets = try ScanTarget.resolve(["services/api/Dockerfile"], currentDirectory: directory.path)
        #expect(targets == [ScanTarget(root: "services/api", onlyPaths: ["Dockerfile"])])
    }

    @Test("a file outside any repository is scanned in its own folder, not the current directory")
    func looseFile() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("a/b/Dockerfile", "FROM alpine:3.20\n")
        let targets = try ScanTarget.resolve(["a/b/Dockerfile"], currentDirectory: directory.path)
        #expect(targets == [ScanTarget(root: "a/b", onlyPaths: ["Dockerfile"])])
    }

    @Test("scanning from src/docker of a compliant repository reports nothing")
    func compliantFromSubfolder() throws {
        let directory = try TemporaryDirectory()
        let compliant = TestPaths.repos.appendingPathComponent("compliant")
        for file in ["src/docker/Dockerfile", "src/docker/docker-build.sh", ".github/workflows/publish.yml"] {
            let text = try String(contentsOf: compliant.appendingPathComponent(file), encoding: .utf8)
            _ = try directory.write(file, text, executable: file.hasSuffix(".sh"))
        }
        try FileManager.default.createDirectory(atPath: directory.path + "/.git", withIntermediateDirectories: true)
        let run = try ProcessRunner.plimsoll(["scan"], in: directory.url.appendingPathComponent("src/docker"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("no findings"))
    }
}

@Suite("Named paths that git ignores")
struct IgnoredNamedPathTests {
    static func repository() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        _ = try directory.write(".gitignore", "gen/\n")
        _ = try directory.write("gen/Dockerfile", "FROM alpine\n")
        let environment = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        for arguments in [["init", "-q"], ["add", ".gitignore"]] {
            _ = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/git"), arguments, in: directory.url, environment: environment)
        }
        return directory
    }

    @Test("a named file .gitignore leaves out is scanned, and a note says it is ignored")
    func namedFile() throws {
        let directory = try Self.repository()
        let run = try ProcessRunner.plimsoll(["scan", "gen/Dockerfile", "--format", "json"], in: directory.url)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "PL208" && $0["path"] as? String == "gen/Dockerfile" })
        #expect(run.stderr.contains("'gen/Dockerfile' is ignored by git; it was scanned because it was named"))
    }

    @Test("a named folder its repository ignores is a repository of its own")
    func namedFolder() throws {
        let directory = try Self.repository()
        let run = try ProcessRunner.plimsoll(["scan", "gen", "--format", "json"], in: directory.url)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["filesScanned"] as? Int == 1)
        #expect(run.stderr.contains("'gen' is ignored by its repository; it was scanned as a repository of its own"))
    }
}
