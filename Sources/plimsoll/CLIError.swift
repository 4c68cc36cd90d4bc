import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Errors the CLI reports itself, each with its exit status.
enum CLIError: Error, CustomStringConvertible {
    /// A bad path, configuration or option value: exit status 2.
    case usage(String)
    /// Plimsoll itself failed (an output file that cannot be written, say): exit status 3.
    case internalError(String)

    var description: String {
        switch self {
        case .usage(let message), .internalError(let message): "plimsoll: error: \(message)"
        }
    }
}

/// The CLI's side effects on files, kept in one place.
enum CLIFiles {
    static func readConfig(_ path: String, cwd: String) throws -> SourceFile {
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw CLIError.usage("cannot read the configuration file '\(path)'")
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    static func write(_ text: String, to path: String?) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, or to standard output when there is none.
    static func write(bytes: [UInt8], to path: String?) throws {
        guard let path else {
            writeToStandardOutput(bytes)
            return
        }
        // A report that cannot be written is the command line's problem (exit 2), not Plimsoll's (3): a folder
        // that does not exist is named, and folders are never created, so no report goes through a link.
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw CLIError.usage("cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        do {
            try ReportFileWriter.write(bytes, to: path)
        } catch {
            throw CLIError.usage("cannot write '\(path)': \(error)")
        }
    }

    /// All of standard input, at most the size of a file a scan reads (a larger input is a usage error).
    static func readStandardInput() throws -> [UInt8] {
        let limit = RepositoryLoader.sizeLimit
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
            if bytes.count > limit { throw CLIError.usage("standard input is larger than \(limit) bytes") }
        }
        return bytes
    }

    /// Writes the bytes to standard output as they are: through `FileHandle` they were first copied into a
    /// `Data`, a second copy of a report that can be megabytes. A pipe closed early ends the writing, as
    /// `FileHandle` did (SIGPIPE, left at its default).
    private static func writeToStandardOutput(_ bytes: [UInt8]) {
        _ = ReportFileWriter.writeAll(bytes, to: STDOUT_FILENO)
    }
}
