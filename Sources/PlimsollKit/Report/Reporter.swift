/// One output format. Reporters are stateless and know nothing of rules beyond their metadata.
public protocol Reporter {
    /// The `--format` name.
    static var identifier: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    static func report(_ result: ScanResult, options: ReportOptions) -> String
    /// The report as the UTF-8 bytes written to a file or the terminal. Formats that render to bytes return them
    /// as they are: making a String of a large report first validated all of it as UTF-8 again and copied it
    /// twice on the way out.
    static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8]
}

extension Reporter {
    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        Array(report(result, options: options).utf8)
    }
}

public struct ReportOptions: Sendable {
    /// ANSI colours in the text report.
    public var useColor: Bool
    /// `file://` URI of the scanned root for SARIF's `%SRCROOT%`; nil leaves the base to the consumer.
    public var rootURI: String?
    /// Threads a reporter may render on (at least 1); the report is the same for any number.
    public var workers: Int

    public init(useColor: Bool = false, rootURI: String? = nil, workers: Int = 1) {
        self.useColor = useColor
        self.rootURI = rootURI
        self.workers = max(1, workers)
    }
}

/// Every format, for the CLI's `--format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, sarif, json, github, markdown, checkstyle, junit, gitlab

    public var reporter: any Reporter.Type {
        switch self {
        case .text: TextReporter.self
        case .sarif: SARIFReporter.self
        case .json: JSONReporter.self
        case .github: GitHubActionsReporter.self
        case .markdown: MarkdownReporter.self
        case .checkstyle: CheckstyleReporter.self
        case .junit: JUnitReporter.self
        case .gitlab: GitLabReporter.self
        }
    }
}
