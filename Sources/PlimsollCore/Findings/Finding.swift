/// One problem found in one file: a plain value that reporters render and policies adjust.
public struct Finding: Sendable, Hashable {
    /// The rule's stable ID, for example `PL101`.
    public var ruleID: String
    public var severity: Severity
    /// Lowercase, no trailing period; names the offending text in quotes.
    public var message: String
    /// Path relative to the scanned root, with `/` separators.
    public var path: String
    /// The narrowest span that shows the problem.
    public var span: SourceSpan
    /// Extra lines of explanation or a suggested fix.
    public var notes: [String]
    /// The text of the span's first line, filled in by the engine (for snippets and fingerprints).
    public var lineText: String?
    /// Set when an inline comment or policy suppressed the finding; suppressed findings are kept for SARIF.
    public var suppression: Suppression?
    /// Automatic fixes, safest first; empty unless the scan asked for fixes (`Scanner.computesFixes`).
    public var fixes: [Fix]

    public init(
        ruleID: String, severity: Severity, message: String, path: String, span: SourceSpan,
        notes: [String] = [], lineText: String? = nil, suppression: Suppression? = nil, fixes: [Fix] = []
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.path = path
        self.span = span
        self.notes = notes
        self.lineText = lineText
        self.suppression = suppression
        self.fixes = fixes
    }

    /// The deterministic report order: file, line, column, rule ID, then message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.span.lowerBound != rhs.span.lowerBound { return lhs.span.lowerBound < rhs.span.lowerBound }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Finding {
    /// The findings in `Finding.reportOrder`.
    public func sortedForReport() -> [Finding] { sorted(by: Finding.reportOrder) }

    /// `sortedForReport()` in place.
    public mutating func sortForReport() { sort(by: Finding.reportOrder) }
}

/// Why a finding is not counted.
public struct Suppression: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A `# plimsoll ignore=…` comment in the scanned file.
        case inSource
        /// A baseline or policy file outside the scanned file.
        case external
    }

    public var kind: Kind
    public var justification: String

    public init(kind: Kind, justification: String) {
        self.kind = kind
        self.justification = justification
    }
}
