/// A position in a source file.
///
/// Units, stated once and used everywhere in Plimsoll:
/// - `line`: 1-based line number.
/// - `column`: 1-based column counted in Unicode scalars (code points), the unit a terminal user sees
///   and the unit SARIF's `unicodeCodePoints` column kind uses.
/// - `offset`: 0-based UTF-8 byte offset from the start of the file.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span `[start, end)` in one file. `end` is the position just after the last character.
public typealias SourceSpan = Range<SourceLocation>

extension Range where Bound == SourceLocation {
    /// A zero-width span at the very start of a file, for findings about a whole file.
    public static var fileStart: SourceSpan {
        let start = SourceLocation(line: 1, column: 1, offset: 0)
        return start..<start
    }
}
