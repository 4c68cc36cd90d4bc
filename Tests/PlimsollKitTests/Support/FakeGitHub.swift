import Foundation

/// `Tests/Integration/fake_github.py` running on 127.0.0.1 for one test: GitHub's REST API as far as the
/// online checks ask it. Stopped when the value is released.
final class FakeGitHub {
    let url: String
    let logPath: String
    private let process: Process
    /// The server's own files (its routes and its request log, which holds the Authorization headers), apart
    /// from the test's folder so the leak checks never see them.
    private let directory: TemporaryDirectory

    /// `routes` maps a path with its query to an answer (see the script); `token` is the one it accepts.
    init(python: URL, routes: [String: Any], token: String) throws {
        let directory = try TemporaryDirectory()
        self.directory = directory
        var all = routes
        all["token"] = token
        let routesFile = directory.url.appendingPathComponent("routes.json")
        try JSONSerialization.data(withJSONObject: all).write(to: routesFile)
        logPath = directory.path + "/requests.jsonl"
        _ = FileManager.default.createFile(atPath: logPath, contents: Data())
        process = Process()
        process.executableURL = python
        process.arguments = [
            TestPaths.packageRoot.appendingPathComponent("Tests/Integration/fake_github.py").path, routesFile.path,
            logPath,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The script prints its port once it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int(port) != nil else {
            process.terminate()
            throw FixtureError(message: "the fake GitHub server did not start")
        }
        url = "http://127.0.0.1:\(port)"
    }

    deinit {
        // SIGKILL: the test runner blocks SIGTERM, and a child inherits the blocked set.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Every request the server answered: path, Authorization, If-None-Match and status.
    func requests() throws -> [[String: Any]] {
        try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
