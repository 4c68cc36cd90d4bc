import PlimsollCore

/// A unified diff of two versions of files, in the form `git diff` prints and `git apply` (or `patch -p1`)
/// accepts: `a/` and `b/` prefixes, three lines of context, lines with their own line ends (a CRLF line stays
/// CRLF) and `\ No newline at end of file` where a file ends without one.
public enum UnifiedDiff {
    public static let context = 3

    /// The diff of one file; empty when the versions are equal. With `created`, the file is new (`old` is
    /// empty): the diff says so (`new file mode`, `--- /dev/null`), so `git apply` creates it with that mode.
    /// With `movedFrom`, `old` is the file at that path and `path` its new one: the diff is a rename
    /// (`rename from`, `rename to`), with hunks only where the bytes changed too.
    public static func diff(
        path: String, old: [UInt8], new: [UInt8], created: FileCreation? = nil, movedFrom: String? = nil
    ) -> [UInt8] {
        if let movedFrom {
            var output = Array("diff --git a/\(movedFrom) b/\(path)\nrename from \(movedFrom)\nrename to \(path)\n".utf8)
            guard old != new else { return output }
            output += hunks(from: old, to: new, header: "--- a/\(movedFrom)\n+++ b/\(path)\n")
            return output
        }
        guard old != new || created != nil else { return [] }
        if let created {
            return hunks(
                from: old, to: new,
                header: "diff --git a/\(path) b/\(path)\nnew file mode \(created.gitMode)\n--- /dev/null\n+++ b/\(path)\n")
        }
        return hunks(from: old, to: new, header: "diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n")
    }

    /// `header`, then the hunks that turn `old` into `new`.
    private static func hunks(from old: [UInt8], to new: [UInt8], header: String) -> [UInt8] {
        let oldLines = lines(old)
        let newLines = lines(new)
        let script = edits(oldLines, newLines)
        var output = Array(header.utf8)
        for hunk in hunks(script) {
            let oldStart = hunk.first?.old ?? 0
            let newStart = hunk.first?.new ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            // An empty side is numbered by the line before it, as diff(1) does.
            let oldNumber = oldCount == 0 ? oldStart : oldStart + 1
            let newNumber = newCount == 0 ? newStart : newStart + 1
            output += Array("@@ -\(oldNumber),\(oldCount) +\(newNumber),\(newCount) @@\n".utf8)
            for step in hunk {
                let line: ArraySlice<UInt8>
                switch step.kind {
                case .keep:
                    output.append(UInt8(ascii: " "))
                    line = oldLines[step.old]
                case .delete:
                    output.append(UInt8(ascii: "-"))
                    line = oldLines[step.old]
                case .insert:
                    output.append(UInt8(ascii: "+"))
                    line = newLines[step.new]
                }
                output += line
                if line.last != UInt8(ascii: "\n") { output += Array("\n\\ No newline at end of file\n".utf8) }
            }
        }
        return output
    }

    /// Lines with their terminators (split after each `\n`, so `\r\n` stays with its line).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    struct Step: Equatable {
        enum Kind { case keep, delete, insert }
        var kind: Kind
        /// Index of the old line (for an insertion: of the old line it goes before).
        var old: Int
        /// Index of the new line (for a deletion: of the new line it goes before).
        var new: Int
    }

    /// The shortest edit script (Myers, 1986) from `a` to `b`.
    static func edits(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Step] {
        let n = a.count
        let m = b.count
        let max = n + m
        let offset = max + 1
        var v = [Int](repeating: 0, count: 2 * max + 3)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Walk the trace back from the end.
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                steps.append(Step(kind: .keep, old: x, new: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    steps.append(Step(kind: .insert, old: x, new: y))
                } else {
                    x -= 1
                    steps.append(Step(kind: .delete, old: x, new: y))
                }
            }
            x = previousX
            y = previousY
        }
        return steps.reversed()
    }

    /// The changes with `context` unchanged lines around each, changes closer than twice that joined.
    static func hunks(_ script: [Step]) -> [[Step]] {
        let changed = script.indices.filter { script[$0].kind != .keep }
        guard let first = changed.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = first
        var end = first
        for index in changed.dropFirst() {
            if index - end > 2 * context {
                ranges.append(start...end)
                start = index
            }
            end = index
        }
        ranges.append(start...end)
        return ranges.map { range in
            Array(script[Swift.max(0, range.lowerBound - context)...Swift.min(script.count - 1, range.upperBound + context)])
        }
    }
}
