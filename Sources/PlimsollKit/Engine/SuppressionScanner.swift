import PlimsollCore
import PlimsollRules
import RepositoryModel

/// Finds `# plimsoll … ignore=` comments in a file and works out which lines each one covers, from the file's
/// shape: a Dockerfile instruction with its continuation lines and heredoc bodies, a shell command with its
/// continuations, or a YAML key with everything indented under it.
struct SuppressionScanner {
    let source: SourceFile
    let kind: FileKind

    func directives() -> [SuppressionDirective] {
        // Every directive holds the bytes `plimsoll`; most files have none, and then need no line-by-line pass
        // (whose escape-directive read alone built a String per header line).
        guard Self.contains(source.bytes, Self.marker) else { return [] }
        var result: [SuppressionDirective] = []
        let escape = kind == .dockerfile ? dockerfileEscape() : UInt8(ascii: "\\")
        for line in 1...max(source.lineCount, 1) {
            let range = source.lineByteRange(line)
            guard let hash = firstContentByte(range), source.bytes[hash] == UInt8(ascii: "#") else { continue }
            let comment = Substring(String(decoding: source.bytes[(hash + 1)..<range.upperBound], as: UTF8.self))
            guard let parsed = SuppressionDirective.parse(comment: comment) else { continue }
            let lines: ClosedRange<Int>
            switch parsed.scope {
            case .global: lines = 1...max(source.lineCount, 1)
            case .stage: lines = stageLines(around: line, escape: escape) ?? line...line
            case .next: lines = nextUnit(after: line, escape: escape) ?? line...line
            }
            result.append(
                SuppressionDirective(
                    path: source.path, scope: parsed.scope, ruleIDs: parsed.ruleIDs, reason: parsed.reason,
                    span: source.span(hash..<range.upperBound), lines: lines))
        }
        return result
    }

    private static let marker = Array("plimsoll".utf8)

    /// Whether `needle` (at least two bytes) occurs in `bytes`. Sixteen positions at a time are tested for the
    /// needle's first two bytes, and only those hits byte by byte: every file of a scan is asked.
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in
            let count = needle.count
            guard haystack.count >= count else { return false }
            func matches(at index: Int) -> Bool {
                var matched = 0
                while matched < count, haystack[index + matched] == needle[matched] { matched += 1 }
                return matched == count
            }
            let last = haystack.count - count
            var index = 0
            if let base = UnsafeRawPointer(haystack.baseAddress) {
                let first = SIMD16<UInt8>(repeating: needle[0])
                let second = SIMD16<UInt8>(repeating: needle[1])
                // A block reads positions index ... index + 16; every start in it is at most `last`.
                while index + 16 <= last {
                    let here = base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                    let after = base.loadUnaligned(fromByteOffset: index + 1, as: SIMD16<UInt8>.self)
                    if any((here .== first) .& (after .== second)) {
                        for start in index..<(index + 16) where matches(at: start) { return true }
                    }
                    index += 16
                }
            }
            while index <= last {
                if matches(at: index) { return true }
                index += 1
            }
            return false
        }
    }

    /// The offset of the first non-blank byte of a line, nil for a blank line.
    private func firstContentByte(_ range: Range<Int>) -> Int? {
        range.first { source.bytes[$0] != UInt8(ascii: " ") && source.bytes[$0] != UInt8(ascii: "\t") }
    }

    private func isComment(_ line: Int) -> Bool {
        firstContentByte(source.lineByteRange(line)).map { source.bytes[$0] == UInt8(ascii: "#") } ?? false
    }

    private func isBlank(_ line: Int) -> Bool { firstContentByte(source.lineByteRange(line)) == nil }

    private func indentation(_ line: Int) -> Int {
        let range = source.lineByteRange(line)
        return (firstContentByte(range) ?? range.upperBound) - range.lowerBound
    }

    /// The first line after `line` that is neither blank nor a comment.
    private func nextContentLine(after line: Int) -> Int? {
        var candidate = line + 1
        while candidate <= source.lineCount {
            if !isBlank(candidate) && !isComment(candidate) { return candidate }
            candidate += 1
        }
        return nil
    }

    private func nextUnit(after line: Int, escape: UInt8) -> ClosedRange<Int>? {
        guard let start = nextContentLine(after: line) else { return nil }
        switch kind {
        case .workflow, .action, .config:
            let base = indentation(start)
            var end = start
            var candidate = start + 1
            while candidate <= source.lineCount {
                if isBlank(candidate) || isComment(candidate) {
                    candidate += 1
                    continue
                }
                if indentation(candidate) <= base { break }
                end = candidate
                candidate += 1
            }
            return start...end
        default:
            return start...logicalEnd(from: start, escape: escape)
        }
    }

    /// The last line of the instruction or command starting at `start`: continuation lines, then heredoc bodies.
    private func logicalEnd(from start: Int, escape: UInt8) -> Int {
        var end = start
        var delimiters = heredocDelimiters(on: start)
        while end < source.lineCount, endsWithEscape(end, escape: escape) {
            end += 1
            // BuildKit skips comment and blank lines inside a continuation; they do not end the instruction.
            while kind == .dockerfile, end < source.lineCount, isComment(end) || isBlank(end) { end += 1 }
            delimiters += heredocDelimiters(on: end)
        }
        for delimiter in delimiters {
            var candidate = end + 1
            while candidate <= source.lineCount {
                let text = source.lineText(candidate)
                if text == delimiter || text.drop(while: { $0 == "\t" }) == delimiter {
                    end = candidate
                    break
                }
                candidate += 1
            }
        }
        return end
    }

    private func endsWithEscape(_ line: Int, escape: UInt8) -> Bool {
        let range = source.lineByteRange(line)
        var index = range.upperBound
        while index > range.lowerBound, source.bytes[index - 1] == UInt8(ascii: " ") || source.bytes[index - 1] == UInt8(ascii: "\t") {
            index -= 1
        }
        return index > range.lowerBound && source.bytes[index - 1] == escape
    }

    /// `<<EOF`, `<<-EOF`, `<<'EOF'` and `<<"EOF"` words on a line, as delimiters to look for.
    private func heredocDelimiters(on line: Int) -> [String] {
        let text = source.lineText(line)
        var delimiters: [String] = []
        var rest = Substring(text)
        while let marker = rest.range(of: "<<") {
            rest = rest[marker.upperBound...]
            if rest.first == "<" { continue }  // a here-string
            if rest.first == "-" { rest = rest.dropFirst() }
            let word = rest.prefix { !" \t;&|<>".contains($0) }
            let name = word.filter { $0 != "'" && $0 != "\"" }
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                delimiters.append(name)
            }
            rest = rest.dropFirst(word.count)
        }
        return delimiters
    }

    /// Lines of the Dockerfile stage that `line` directly precedes (only comments and blanks between it and
    /// the FROM) or sits in.
    private func stageLines(around line: Int, escape: UInt8) -> ClosedRange<Int>? {
        guard kind == .dockerfile else { return nil }
        var froms: [Int] = []
        var current = 1
        while current <= source.lineCount {
            if !isBlank(current), !isComment(current) {
                let word = source.lineText(current).drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
                if word.uppercased() == "FROM" { froms.append(current) }
                current = logicalEnd(from: current, escape: escape) + 1
            } else {
                current += 1
            }
        }
        guard !froms.isEmpty else { return nil }
        let next = nextContentLine(after: line)
        let stageIndex: Int
        if let next, let index = froms.firstIndex(of: next) {
            stageIndex = index
        } else if let index = froms.lastIndex(where: { $0 < line }) {
            stageIndex = index
        } else {
            stageIndex = 0
        }
        let end = stageIndex + 1 < froms.count ? froms[stageIndex + 1] - 1 : source.lineCount
        return froms[stageIndex]...max(end, froms[stageIndex])
    }

    /// The escape character from a `# escape=` parser directive at the top of a Dockerfile.
    private func dockerfileEscape() -> UInt8 {
        for line in 1...max(source.lineCount, 1) {
            let text = source.lineText(line).filter { $0 != " " && $0 != "\t" }
            guard text.hasPrefix("#") else { return UInt8(ascii: "\\") }
            let body = text.dropFirst().lowercased()
            if body == "escape=`" { return UInt8(ascii: "`") }
        }
        return UInt8(ascii: "\\")
    }
}
