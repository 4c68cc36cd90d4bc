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

/// A file a fix moves to another path: the layout migration moves the Dockerfile and the local build script.
/// The fix's edits address files at the paths they were scanned at, `from` included; the file moves after they
/// are applied. Nothing may be at `to`. On disk it is a `git mv` in a work tree (the index records the rename,
/// so history follows the file), else a rename; the file keeps its mode.
public struct FileMove: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
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
    /// No two edits of one file overlap; never empty when there is no move.
    public var edits: [FileEdit]
    /// Files moved after the edits are applied.
    public var moves: [FileMove]

    public init(title: String, safety: FixSafety, edits: [FileEdit], moves: [FileMove] = []) {
        self.title = title
        self.safety = safety
        self.edits = edits
        self.moves = moves
    }

    /// What the fix claims, for telling whether two fixes conflict: its edits, and the whole of each file it
    /// moves, at both paths (no other fix may edit a file that moves, nor anything at its new path).
    public var claims: [FileEdit] {
        edits + moves.flatMap { move in
            [FileEdit(path: move.from, range: 0..<Int.max, replacement: []), FileEdit(path: move.to, range: 0..<Int.max, replacement: [])]
        }
    }

    /// True when the edits are usable: at least one edit or move, each edit inside its file (`sizes` by path:
    /// the size of a file that is there, nil where nothing is), none overlapping another of the same file; each
    /// move from a file that is there to a path where nothing is, which no edit addresses, and no two moves
    /// sharing a path.
    public func isWellFormed(sizes: (String) -> Int?) -> Bool {
        guard !edits.isEmpty || !moves.isEmpty else { return false }
        let targets = Set(moves.map(\.to))
        let sources = Set(moves.map(\.from))
        guard targets.count == moves.count, sources.count == moves.count, targets.isDisjoint(with: sources) else { return false }
        for move in moves {
            guard move.from != move.to, sizes(move.from) != nil, sizes(move.to) == nil,
                !edits.contains(where: { $0.path == move.to })
            else { return false }
        }
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
