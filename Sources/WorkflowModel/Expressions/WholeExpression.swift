import PlimsollCore

extension StringProtocol {
    /// The text inside `${{ … }}` when the whole value, blanks around it aside, is one expression
    /// (`${{ github.event_name != 'pull_request' }}`); nil for plain text and for text that mixes an expression
    /// with anything else (`v${{ x }}`, `${{ a }}-${{ b }}`), which GitHub evaluates as a string. The one test
    /// every reading of workflow values uses.
    public var wholeExpression: String? {
        let trimmed = self.trimmingWhitespace()
        guard trimmed.hasPrefix("${{"), trimmed.hasSuffix("}}"), trimmed.count >= 5 else { return nil }
        let inner = trimmed.dropFirst(3).dropLast(2)
        guard !inner.containsText("${{") else { return nil }
        return String(inner)
    }
}
