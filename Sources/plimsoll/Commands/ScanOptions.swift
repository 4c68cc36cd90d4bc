import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

/// `--color`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// The severity at which findings make the exit status 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note, never

    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .note: .note
        case .never: nil
        }
    }
}

/// `--report sarif=out.sarif`: one scan, several reports (the GitHub Action writes SARIF, annotations and a
/// job summary from a single run).
struct ExtraReport: ExpressibleByArgument {
    let format: ReportFormat
    let path: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="),
            let format = ReportFormat(rawValue: String(argument[..<equals]))
        else { return nil }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }

    static var defaultCompletionKind: CompletionKind { .file() }
}

/// Options shared by every command that scans.
struct ScanOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a report in another format, as FORMAT=FILE (repeatable), e.g. sarif=plimsoll.sarif.",
            valueName: "format=file"))
    var report: [ExtraReport] = []

    @Option(name: .long, help: ArgumentHelp("Use this configuration instead of the repository's .plimsoll.yml.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A central policy file applied after the repository's own; it wins.", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: "Lowest severity that makes the exit status 1.")
    var failLevel: FailLevel = .error

    @Flag(name: .long, help: "Disregard every inline '# plimsoll ignore=' comment.")
    var noIgnores = false

    @Option(name: .long, help: ArgumentHelp("Lowest severity shown in the reports; the exit status still counts every finding.", valueName: "severity"))
    var minSeverity: Severity = .note

    @Option(name: .long, help: "Colour the text report: auto (a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Never colour the text report (the same as --color never).")
    var noColor = false

    func validate() throws {
        if let output, output.isEmpty { throw ValidationError("--output needs a file name") }
    }

    /// Colour only in the text format: always when asked, else for a terminal on stdout and never when NO_COLOR
    /// is set (https://no-color.org).
    var useColor: Bool {
        if noColor || color == .never || format != .text { return false }
        if color == .always { return true }
        if output != nil { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// The result the reports show: findings below `--min-severity` left out (the exit status is decided on
    /// the whole result).
    func shown(_ result: ScanResult) -> ScanResult {
        guard minSeverity != .note else { return result }
        var shown = result
        shown.findings.removeAll { $0.severity < minSeverity }
        return shown
    }
}
