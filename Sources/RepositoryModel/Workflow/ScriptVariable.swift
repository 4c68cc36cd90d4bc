import PlimsollCore

/// The values a `run:` script can leave in one of its shell variables, read from its assignments and the
/// `if`/`elif`/`else` branches around them, with the tests a run decides evaluated: `[[ $GITHUB_REF =~ refs/tags/ ]]`
/// is false on a pull request, whose ref is `refs/pull/N/merge`. Scripts that compute "is this a release?" this
/// way guard their pushes with the answer (`push: ${{ steps.prep.outputs.is_release == 'yes' }}`).
///
/// Nothing is run. Only literal assignments are known (`NAME=yes`, `export NAME="no"`); an assignment from a
/// command or another variable, a `case` that assigns, or a loop makes the value unknown, and so does a test on
/// anything but the runner's variables the run fixes.
enum ScriptVariable {
    /// The values `name` may hold at the end of `script`, nil when unknown. `runner` holds the runner's variables
    /// the run fixes (`GITHUB_REF`, `GITHUB_EVENT_NAME`).
    static func values(
        of name: String, in script: String, runner: [String: String], compare: ((String, String) -> Bool?)? = nil
    ) -> Set<String>? {
        var frames: [Frame] = []
        var current: Set<String>? = [""]
        var reachable: Bool? = true
        let lines = statements(script)
        var index = -1
        while index + 1 < lines.count {
            index += 1
            let line = lines[index]
            if line.hasPrefix("if ") {
                let test = evaluate(String(line.dropFirst(3)), runner: runner, compare: compare)
                frames.append(Frame(before: current, reachable: reachable, noneTaken: not(test)))
                reachable = and(reachable, test)
            } else if line.hasPrefix("elif "), var frame = frames.popLast() {
                frame.close(branch: current, reachable: reachable)
                let test = evaluate(String(line.dropFirst(5)), runner: runner, compare: compare)
                current = frame.before
                reachable = and(frame.reachable, and(frame.noneTaken, test))
                frame.noneTaken = and(frame.noneTaken, not(test))
                frames.append(frame)
            } else if line == "else", var frame = frames.popLast() {
                frame.close(branch: current, reachable: reachable)
                current = frame.before
                reachable = and(frame.reachable, frame.noneTaken)
                frame.noneTaken = false
                frames.append(frame)
            } else if line == "fi", var frame = frames.popLast() {
                frame.close(branch: current, reachable: reachable)
                // When no test may have held (no `else`), the value from before the `if` stays possible.
                frame.close(branch: frame.before, reachable: and(frame.reachable, frame.noneTaken))
                current = frame.result
                reachable = frame.reachable
            } else if line.hasPrefix("case ") || line.hasPrefix("for ") || line.hasPrefix("while ")
                || line.hasPrefix("until ")
            {
                // Branches and loops this reader does not follow: one that assigns the variable makes it unknown;
                // one that does not is passed over to its `esac` or `done`.
                guard let end = blockEnd(lines, from: index), !lines[index...end].contains(where: { assigns(name, in: $0) })
                else { return nil }
                index = end
            } else if let assigned = assignment(of: name, in: line) {
                // Within a branch the assignment happens whenever the branch runs; whether it runs is weighed
                // when its `if` closes.
                guard reachable != false else { continue }
                current = assigned.literal.map { [$0] }
            } else if let (test, value, when) = guardedAssignment(of: name, in: line) {
                // `TEST && NAME=value` (or `||`): the assignment runs when the test is true (false).
                guard reachable != false else { continue }
                let holds = evaluate(test, runner: runner, compare: compare)
                let assigned: Set<String>? = value.map { [$0] }
                if holds == when {
                    current = assigned
                } else if holds == nil {
                    current = union(current, assigned)
                }
            } else if assigns(name, in: line) || setsWithoutEquals(name, line) {
                // Assigned in a form this reader does not follow (`NAME+=x`, `read NAME`, `printf -v NAME`).
                return nil
            }
        }
        return frames.isEmpty ? current : nil
    }

    /// `read … NAME`, `printf -v NAME`, `NAME+=…`: commands that set the variable without `NAME=value`.
    private static func setsWithoutEquals(_ name: String, _ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "read" || words.first == "mapfile" || words.first == "readarray" { return words.contains(name) }
        if let flag = words.firstIndex(of: "-v"), words.first == "printf", flag + 1 < words.count { return words[flag + 1] == name }
        return line.containsText(name + "+=")
    }

    /// The index of the `esac` or `done` that closes the `case` or loop opened at `start`, nested ones counted;
    /// nil when it is not closed.
    private static func blockEnd(_ lines: [String], from start: Int) -> Int? {
        var depth = 0
        for index in start..<lines.count {
            let line = lines[index]
            if line.hasPrefix("case ") || line.hasPrefix("for ") || line.hasPrefix("while ") || line.hasPrefix("until ") {
                depth += 1
            }
            if line == "esac" || line == "done" || line.hasSuffix(" esac") || line.hasSuffix(" done") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// `TEST && NAME=value` or `TEST || NAME=value`: the test, the value (nil when computed) and whether the
    /// assignment runs when the test is true (`&&`) or false (`||`).
    private static func guardedAssignment(of name: String, in line: String) -> (String, String?, Bool)? {
        for (separator, when) in [(" && ", true), (" || ", false)] {
            guard let range = line.firstRange(of: separator) else { continue }
            let test = String(line[..<range.lowerBound])
            guard let assigned = assignment(of: name, in: line[range.upperBound...].trimmingWhitespace()) else { continue }
            return (test, assigned.literal, when)
        }
        return nil
    }

    /// One `if … fi`: the value before it, what its branches left, and whether every test so far was false
    /// (true), one held (false) or that is unknown (nil).
    private struct Frame {
        let before: Set<String>?
        let reachable: Bool?
        var noneTaken: Bool?
        var result: Set<String>? = []
        var closedAny = false

        init(before: Set<String>?, reachable: Bool?, noneTaken: Bool?) {
            self.before = before
            self.reachable = reachable
            self.noneTaken = noneTaken
        }

        /// Adds what a branch left, unless the branch cannot run.
        mutating func close(branch: Set<String>?, reachable: Bool?) {
            guard reachable != false else { return }
            result = closedAny ? union(result, branch) : branch
            closedAny = true
        }
    }

    private static func not(_ value: Bool?) -> Bool? { value.map { !$0 } }

    private static func union(_ a: Set<String>?, _ b: Set<String>?) -> Set<String>? {
        guard let a, let b else { return nil }
        return a.union(b)
    }

    private static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == true && b == true { return true }
        return nil
    }

    /// What a line assigns to the variable: its text when literal, nil when computed (`$(…)`, `$OTHER`).
    struct Assignment {
        let literal: String?
    }

    /// `NAME=value` or `export NAME=value`; nil for a line that does not assign `name`.
    static func assignment(of name: String, in line: String) -> Assignment? {
        var text = Substring(line)
        for keyword in ["export ", "declare ", "local ", "readonly ", "typeset "] where text.hasPrefix(keyword) {
            text = text.dropFirst(keyword.count).drop { $0 == " " }
        }
        guard text.hasPrefix(name + "=") else { return nil }
        var value = text.dropFirst(name.count + 1)
        // `NAME=x cmd` sets it for that command only; `NAME=x; more` ends at the `;`.
        if let end = value.firstIndex(where: { $0 == ";" }) { value = value[..<end] }
        value = value.trimmingWhitespace()[...]
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = value.dropFirst().dropLast()
        }
        if value.contains(where: { $0 == "$" || $0 == "`" || $0 == " " || $0 == "\"" || $0 == "'" }) {
            return Assignment(literal: nil)
        }
        return Assignment(literal: String(value))
    }

    /// True when `name=` stands anywhere in the script as the start of a word.
    private static func assigns(_ name: String, in script: String) -> Bool {
        var rest = Substring(script)
        while let found = rest.firstRange(of: name + "=") {
            let before = rest[..<found.lowerBound].last
            if before == nil || before == " " || before == "\t" || before == "\n" || before == ";" || before == ")" {
                return true
            }
            rest = rest[found.upperBound...]
        }
        return false
    }

    /// The script's lines, comments and blank lines left out, with the compound forms written on one line taken
    /// apart: `if TEST; then A=1` gives `if TEST` and `A=1`, `else A=2` gives `else` and `A=2`, `A=3; fi` gives
    /// `A=3` and `fi`.
    static func statements(_ script: String) -> [String] {
        var result: [String] = []
        for rawLine in script.split(whereSeparator: \.isNewline).flatMap(splitAtSemicolons) {
            var line = rawLine.trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line == "then" { continue }
            if line.hasPrefix("then ") { line = String(line.dropFirst(5)).trimmingWhitespace() }
            var trailingFi = false
            if line.hasSuffix("; fi") || line.hasSuffix(";fi") {
                trailingFi = true
                line = String(line.dropLast(line.hasSuffix("; fi") ? 4 : 3)).trimmingWhitespace()
            }
            if line.hasPrefix("if ") || line.hasPrefix("elif "), let then = line.firstRange(of: "; then") {
                result.append(String(line[..<then.lowerBound]).trimmingWhitespace())
                let rest = line[then.upperBound...].trimmingWhitespace()
                if !rest.isEmpty { result.append(rest) }
            } else if line.hasPrefix("else ") {
                result.append("else")
                result.append(String(line.dropFirst(5)).trimmingWhitespace())
            } else if line != "then" {
                result.append(line)
            }
            if trailingFi { result.append("fi") }
        }
        return result
    }

    /// A line cut at each `;` outside quotes, `;;` kept whole (a `case` arm's end).
    private static func splitAtSemicolons(_ line: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if character == ";" {
                let next = line.index(after: index)
                if next < line.endIndex, line[next] == ";" {
                    current += ";;"
                    index = line.index(after: next)
                    continue
                }
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        parts.append(current)
        return parts
    }

    /// A test on a runner variable the run fixes: `[[ $V =~ regex ]]`, `[[ $V == glob ]]`, `[ "$V" = text ]`,
    /// `!=`; nil for anything else.
    static func evaluate(
        _ test: String, runner: [String: String], compare: ((String, String) -> Bool?)? = nil
    ) -> Bool? {
        var text = test.trimmingWhitespace()[...]
        let double = text.hasPrefix("[[") && text.hasSuffix("]]")
        let single = text.hasPrefix("[ ") && text.hasSuffix(" ]")
        guard double || single else { return nil }
        text = text.dropFirst(2).dropLast(2)
        let words = testWords(text)
        // `[[ A && B || C ]]`: `&&` binds tighter than `||`, each side a comparison (three-valued).
        var any: Bool? = false
        for alternative in words.split(separator: "||", omittingEmptySubsequences: false) {
            guard double || words.count == alternative.count else { return nil }
            var all: Bool? = true
            for comparison in alternative.split(separator: "&&", omittingEmptySubsequences: false) {
                guard comparison.count == 3 else { return nil }
                let parts = Array(comparison)
                all = and(all, compareWords(parts[0], parts[1], parts[2], double: double, runner: runner, compare: compare))
            }
            any = or(any, all)
        }
        return any
    }

    private static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == false && b == false { return false }
        return nil
    }

    /// One `LEFT OP RIGHT` of a test.
    private static func compareWords(
        _ leftWord: String, _ op: String, _ rightWord: String, double: Bool, runner: [String: String],
        compare: ((String, String) -> Bool?)?
    ) -> Bool? {
        func unquote(_ word: String) -> String {
            var word = Substring(word)
            if word.count >= 2, let first = word.first, first == "\"" || first == "'", word.last == first {
                word = word.dropFirst().dropLast()
            }
            return String(word)
        }
        let left = unquote(leftWord)
        let operand = unquote(rightWord)
        // A `${{ }}` the run does not fix is compared by the expression evaluator, which knows, say, that a
        // fork's head repository is not the base repository.
        if left.containsText("${{") || operand.containsText("${{") {
            guard op == "==" || op == "=" || op == "!=", let compare, let equal = compare(left, operand) else { return nil }
            return op == "!=" ? !equal : equal
        }
        let value: String
        if left.hasPrefix("$") {
            var variableName = left.dropFirst()
            if variableName.hasPrefix("{"), variableName.hasSuffix("}") { variableName = variableName.dropFirst().dropLast() }
            guard let known = runner[String(variableName)] else { return nil }
            value = known
        } else {
            // A literal: GitHub wrote a `${{ }}` value into the script before it ran.
            guard !left.contains("{") else { return nil }
            value = left
        }
        guard !operand.contains("$") else { return nil }
        let pattern = double && rightWord == operand
        switch op {
        case "=~" where double:
            guard let regex = try? Regex(operand) else { return nil }
            return value.contains(regex)
        case "==", "=":
            return pattern ? globMatches(operand, value) : value == operand
        case "!=":
            return pattern ? !globMatches(operand, value) : value != operand
        default:
            return nil
        }
    }

    /// The words of a test body, split at blanks outside quotes and outside `${{ }}`.
    static func testWords(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var expressionDepth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if text[index...].hasPrefix("${{") { expressionDepth += 1 }
            if expressionDepth > 0, text[index...].hasPrefix("}}") {
                expressionDepth -= 1
                current += "}}"
                index = text.index(index, offsetBy: 2)
                continue
            }
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if (character == " " || character == "\t"), expressionDepth == 0 {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
            index = text.index(after: index)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A bash pattern with `*` and `?` (no brackets) against the whole text.
    static func globMatches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var reach = [Bool](repeating: false, count: t.count + 1)
        reach[0] = true
        for character in p {
            var next = [Bool](repeating: false, count: t.count + 1)
            for j in 0...t.count where reach[j] {
                switch character {
                case "*":
                    for k in j...t.count { next[k] = true }
                case "?":
                    if j < t.count { next[j + 1] = true }
                default:
                    if j < t.count, t[j] == character { next[j + 1] = true }
                }
            }
            reach = next
        }
        return reach[t.count]
    }
}
