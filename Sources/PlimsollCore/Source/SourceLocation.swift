/// A position in a source file.
///
/// Units, stated once and used everywhere in Plimsoll:
/// - `line`: 1-based line number.
/// - `column`: 1-based column counted in Unicode scalars (code points), the unit a terminal user sees
///   and the unit SARIF's `unicodeCodePoints` column kind uses.
/// - `offset`: 0-based UTF-8 byte offset from the start of the file.
///
/// Each is stored in 32 bits (a value beyond ±2^31 is clamped; no file that large is ever parsed, the read
/// limit is 4 MB): a span is then 24 bytes rather than 48, and every instruction, argument, word and finding
/// holds spans. A scan's heap is mostly such small records, and each new page of it costs a page fault.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Inlinable, so other modules make and read locations without a call (the YAML layer makes two per node).
    @usableFromInline var storedLine: Int32
    @usableFromInline var storedColumn: Int32
    @usableFromInline var storedOffset: Int32

    @inlinable public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    @inlinable public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    @inlinable public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }

    @inlinable @inline(__always) public init(line: Int, column: Int, offset: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedOffset = Int32(clamping: offset)
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
