/// A problem a parser found in its input, before any rule runs. The engine turns these into findings of the
/// syntax rules (`PL001`, `PL002`), so a broken file is reported with a position, never skipped silently.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var message: String
    public var span: SourceSpan
    public var severity: Severity

    public init(_ message: String, at span: SourceSpan, severity: Severity = .error) {
        self.message = message
        self.span = span
        self.severity = severity
    }

    public var description: String { "\(span.lowerBound): \(message)" }
}
