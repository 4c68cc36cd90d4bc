import Foundation

/// Runs a program and captures its output, for tests that use the CLI or real clients (git, Python tools).
struct ProcessOutput {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum ProcessRunner {
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread so neither pipe can fill up and stall the child.
        let errorBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errorBox.data
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func git(_ arguments: [String], in directory: URL) throws -> ProcessOutput {
        try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main"]
                + arguments, in: directory)
    }

    static func plimsoll(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil)
        throws -> ProcessOutput
    {
        try run(TestPaths.binary, arguments, in: directory, environment: environment)
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
