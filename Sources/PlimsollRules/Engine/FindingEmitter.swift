import PlimsollCore
import RepositoryModel

/// Collects one rule's findings. The rule says what and where; the emitter stamps the rule's ID and default
/// severity, so no rule spells its own ID twice. The policy adjusts severities later.
public struct FindingEmitter: Sendable {
    /// The rule's ID and default severity, not its whole description: an emitter is made per rule and file,
    /// and copying a description retained each of its strings and arrays.
    public let ruleID: String
    public let defaultSeverity: Severity
    public private(set) var findings: [Finding] = []
    /// True when the scan wants each finding's fixes (`plimsoll fix`, and reports that carry them): a rule's
    /// `fixes:` closure runs only then, so a plain scan never computes an edit.
    public let computesFixes: Bool

    public init(rule: RuleDescription, computesFixes: Bool = false) {
        ruleID = rule.id
        defaultSeverity = rule.defaultSeverity
        self.computesFixes = computesFixes
    }

    /// Emits a finding for a byte range of a file.
    public mutating func emit(
        _ message: String, in file: SourceFile, bytes: Range<Int>, severity: Severity? = nil, notes: [String] = [],
        fixes: () -> [Fix] = { [] }
    ) {
        emit(message, path: file.path, span: file.span(bytes), severity: severity, notes: notes, fixes: fixes)
    }

    /// The findings emitted so far, moved out (the emitter is left empty), so that the caller can change them in
    /// place instead of copying each one.
    public mutating func takeFindings() -> [Finding] {
        defer { findings = [] }
        return findings
    }

    /// Emits a finding for a span of a file. `fixes` is called only when the scan computes fixes.
    public mutating func emit(
        _ message: String, path: String, span: SourceSpan, severity: Severity? = nil, notes: [String] = [],
        fixes: () -> [Fix] = { [] }
    ) {
        findings.append(
            Finding(
                ruleID: ruleID, severity: severity ?? defaultSeverity, message: message, path: path,
                span: span, notes: notes, fixes: computesFixes ? fixes().sorted { $0.safety < $1.safety } : []))
    }
}
