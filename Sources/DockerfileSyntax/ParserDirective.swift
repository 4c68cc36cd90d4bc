import PlimsollCore

/// A parser directive from the top of a Dockerfile, such as `# syntax=docker/dockerfile:1` or `# escape=\``.
public struct ParserDirective: Sendable, Hashable {
    /// Lower-cased directive name: `syntax`, `escape` or `check`.
    public var name: String
    /// The value with surrounding blanks removed.
    public var value: String
    /// The whole directive line.
    public var span: SourceSpan
    public var nameSpan: SourceSpan
    public var valueSpan: SourceSpan
}

enum DirectiveLine {
    static let validNames: Set<String> = ["syntax", "escape", "check"]

    /// Matches `^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$` without a regular expression.
    static func match(_ bytes: [UInt8], _ range: Range<Int>) -> (name: Range<Int>, value: Range<Int>)? {
        var index = range.lowerBound
        let end = range.upperBound
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard index < end, bytes[index] == UInt8(ascii: "#") else { return nil }
        index += 1
        while index < end, isBlank(bytes[index]) { index += 1 }
        let nameStart = index
        guard index < end, isAlpha(bytes[index]) else { return nil }
        while index < end, isAlpha(bytes[index]) || isDigit(bytes[index]) { index += 1 }
        let nameEnd = index
        while index < end, isBlank(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        let afterEquals = index
        while index < end, isBlank(bytes[index]) { index += 1 }
        var valueEnd = end
        while valueEnd > index, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
        if valueEnd == index {
            // Only blanks follow `=`: the lazy `(.+?)` still takes one of them, as Go's regexp does.
            guard end > afterEquals else { return nil }
            return (nameStart..<nameEnd, (end - 1)..<end)
        }
        return (nameStart..<nameEnd, index..<valueEnd)
    }
}
