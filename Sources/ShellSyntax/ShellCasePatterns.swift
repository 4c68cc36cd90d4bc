/// The patterns of `case` commands among split commands. `ShellSplitter` ends a command at `|` and `)`, so in
/// `case "$a" in x86_64|aarch64) …` the patterns come out as words of the `case` command and as commands of
/// their own; they are words compared with the subject (POSIX 2.9.4.3, "Case Conditional Construct"), never run.
public enum ShellCasePatterns {
    /// The byte offset where each pattern word starts, for `commands` split from `bytes`.
    public static func patternWordStarts(in commands: [ShellCommand], bytes: [UInt8]) -> Set<Int> {
        // One entry per open `case`: true while its next words are patterns (after `in`, `|` or `;;`), false in
        // the commands of a branch.
        var open: [Bool] = []
        var starts: Set<Int> = []
        var previousEnd: Int?
        for command in commands {
            guard let first = command.words.first else { continue }
            if let previousEnd, !open.isEmpty, previousEnd < first.range.lowerBound {
                advance(&open[open.count - 1], over: bytes[previousEnd..<min(first.range.lowerBound, bytes.count)])
            }
            previousEnd = command.range.upperBound
            let keyword = first.isQuoted ? "" : first.value
            if open.last == true {
                if keyword == "esac" {
                    open.removeLast()
                } else {
                    starts.formUnion(command.words.map(\.range.lowerBound))
                }
                continue
            }
            switch keyword {
            case "case":
                // `case WORD in` and, on the same line, the first patterns.
                let inIndex = command.words.indices.dropFirst(2).first { command.words[$0].value == "in" }
                if let inIndex {
                    starts.formUnion(command.words[(inIndex + 1)...].map(\.range.lowerBound))
                }
                open.append(true)
            case "esac":
                _ = open.popLast()
            default:
                break
            }
        }
        return starts
    }

    /// Reads the operators between two commands: a `)` ends a case's patterns, a `;;`, `;&` or `;;&` ends a
    /// branch. Comments are skipped (a `#` between commands always starts one).
    private static func advance(_ expectingPattern: inout Bool, over gap: ArraySlice<UInt8>) {
        var index = gap.startIndex
        while index < gap.endIndex {
            switch gap[index] {
            case UInt8(ascii: "#"):
                while index < gap.endIndex, gap[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: ")") where expectingPattern:
                expectingPattern = false
            case UInt8(ascii: ";") where !expectingPattern:
                let next = index + 1 < gap.endIndex ? gap[index + 1] : 0
                if next == UInt8(ascii: ";") || next == UInt8(ascii: "&") {
                    expectingPattern = true
                    index += 1
                }
            default:
                break
            }
            index += 1
        }
    }
}
