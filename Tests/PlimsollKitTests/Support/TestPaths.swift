import Foundation

/// Paths the tests need, found from this file so the suite runs from any clone and any working directory.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PlimsollKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")
    static let repos = fixtures.appendingPathComponent("repos")
    static let rules = packageRoot.appendingPathComponent("rules")

    /// The built `plimsoll` binary: `PLIMSOLL_BIN` (set by `make test`), else the debug build.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PLIMSOLL_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/plimsoll")
    }

    /// The Python with jsonschema and sarif-tools that `make test` installs; nil outside `make test`.
    static var python: URL? {
        ProcessInfo.processInfo.environment["PLIMSOLL_PYTHON"].map { URL(fileURLWithPath: $0) }
    }
}
