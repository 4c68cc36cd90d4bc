import ArgumentParser
import Foundation
import PlimsollCore

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
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError.internalError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
