import ArgumentParser
import Foundation
import PlimsollKit

/// Runs the command tree with Plimsoll's exit codes: 0 clean, 1 findings, 2 usage or configuration error,
/// 3 internal error. ArgumentParser's own usage failures (64) are mapped to 2.
@main
enum EntryPoint {
    static func main() {
        // One scan per process, whose heap only grows until the report is written.
        HeapReservation.enable()
        // No process starts before the command line is parsed: `--version`, `--help` and mistakes start none.
        let scanWords = PlimsollCommand.scanWords(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try PlimsollCommand.parseScan(scanWords) ?? PlimsollCommand.parseAsRoot()
            try command.run()
        } catch {
            exit(for: error)
        }
    }

    private static func exit(for error: any Error) -> Never {
        switch error {
        case let exit as ExitCode:
            Foundation.exit(exit.rawValue)
        case let error as CLIError:
            FileHandle.standardError.write(Data((LogText.line(error.description) + "\n").utf8))
            switch error {
            case .usage: Foundation.exit(ExitStatus.usage.rawValue)
            case .internalError: Foundation.exit(ExitStatus.internalError.rawValue)
            }
        default:
            // Argument errors quote the arguments, and pre-commit passes staged file names as arguments.
            let code = PlimsollCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((LogText.lines(PlimsollCommand.fullMessage(for: error)) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            if code != .success {
                FileHandle.standardError.write(Data((LogText.lines(PlimsollCommand.fullMessage(for: error)) + "\n").utf8))
                Foundation.exit(code.rawValue)
            }
            PlimsollCommand.exit(withError: error)
        }
    }
}

/// The documented exit statuses.
enum ExitStatus: Int32 {
    case clean = 0
    case findings = 1
    case usage = 2
    case internalError = 3

    var exitCode: ExitCode { ExitCode(rawValue) }
}
