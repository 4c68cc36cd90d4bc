/// One edit of one file: the bytes in `range` are replaced by `replacement`. An empty range inserts; an empty
/// replacement deletes. Offsets are 0-based UTF-8 byte offsets into the file as it was scanned.
public struct FileEdit: Sendable, Hashable {
    /// Path relative to the scanned root, with `/` separators.
    public var path: String
    public var range: Range<Int>
    public var replacement: [UInt8]
    /// Set when the edit creates the file: the whole content inserted into a file that does not exist yet
    /// (`range` is `0..<0`). It is applied only while nothing is at the path, and written without replacing
    /// anything (`FixWriter.create`).
    public var creates: FileCreation?

    public init(path: String, range: Range<Int>, replacement: [UInt8], creates: FileCreation? = nil) {
        self.path = path
        self.range = range
        self.replacement = replacement
        self.creates = creates
    }

    /// The edit that creates `path` holding `content`.
    public static func creating(_ path: String, content: String, mode: FileCreation) -> FileEdit {
        FileEdit(path: path, range: 0..<0, replacement: Array(content.utf8), creates: mode)
    }

    public init(path: String, range: Range<Int>, replacement: String) {
        self.init(path: path, range: range, replacement: Array(replacement.utf8))
    }

    /// True when the two edits of one file touch the same bytes, or meet at one offset (an insertion there
    /// would have no one order): one of them has to wait for the next round.
    public func conflicts(with other: FileEdit) -> Bool {
        guard path == other.path else { return false }
        return range.lowerBound <= other.range.upperBound && other.range.lowerBound <= range.upperBound
    }
}

/// The mode of a file a fix creates.
public enum FileCreation: String, Sendable, Hashable {
    /// A regular file (git mode 100644).
    case regular
    /// An executable file, such as a script (git mode 100755).
    case executable

    /// The file's permission bits on disk.
    public var permissions: UInt32 { self == .executable ? 0o755 : 0o644 }
    /// Its mode in git (`new file mode` in a diff, `update-index --cacheinfo`).
    public var gitMode: String { self == .executable ? "100755" : "100644" }
}

/// How much a fix may be trusted without review.
public enum FixSafety: String, Sendable, Hashable, Comparable {
    /// Behaviour-preserving for the standard: `plimsoll fix` applies it.
    case safe
    /// Changes what is built or pushed, or when: applied only with `plimsoll fix --unsafe`, and to be reviewed.
    case unsafe

    public static func < (lhs: FixSafety, rhs: FixSafety) -> Bool { lhs == .safe && rhs == .unsafe }
}

/// An automatic fix of one finding: byte edits on one or more files, applied together or not at all. A fix
/// never re-serialises a file: it replaces only the bytes it needs, so comments, quoting, indentation, anchors
/// and line ends stay as they were.
public struct Fix: Sendable, Hashable {
    /// What the fix does, as an imperative sentence fragment: "bump 'actions/checkout' to v5".
    public var title: String
    public var safety: FixSafety
    /// Never empty; no two edits of one file overlap.
    public var edits: [FileEdit]

    public init(title: String, safety: FixSafety, edits: [FileEdit]) {
        self.title = title
        self.safety = safety
        self.edits = edits
    }

    /// True when the edits are usable: at least one, each inside its file (`sizes` by path), none overlapping
    /// another of the same file.
    public func isWellFormed(sizes: (String) -> Int?) -> Bool {
        guard !edits.isEmpty else { return false }
        for (index, edit) in edits.enumerated() {
            guard let size = sizes(edit.path), edit.range.lowerBound >= 0, edit.range.upperBound <= size else {
                return false
            }
            // A file is created whole, from nothing.
            if edit.creates != nil, edit.range != 0..<0 || size != 0 { return false }
            for other in edits[(index + 1)...] where other.path == edit.path {
                if edit.range.lowerBound < other.range.upperBound && other.range.lowerBound < edit.range.upperBound {
                    return false
                }
                if edit.range.isEmpty && other.range.isEmpty && edit.range.lowerBound == other.range.lowerBound {
                    return false
                }
            }
        }
        return true
    }
}

extension SourceFile {
    /// The line ending the file uses: `\r\n` when its first line ends so, else `\n`. Inserted lines use it, so
    /// a CRLF file stays CRLF.
    public var lineEnding: String {
        guard lineStarts.count > 1 else { return "\n" }
        let end = lineStarts[1]
        return end >= 2 && bytes[end - 2] == 0x0D && bytes[end - 1] == 0x0A ? "\r\n" : "\n"
    }

    /// The leading spaces and tabs of a 1-based line.
    public func indentation(ofLine line: Int) -> String {
        let range = lineByteRange(line)
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }
}
