import PlimsollCore
import ShellSyntax

/// The rules of a Makefile, by target: what `make <target>` runs. Enough to tell whether a target compiles native
/// code or builds architecture-independent output; variables are expanded only where a recipe's program is a
/// simple variable (`$(GO) build` with `GO ?= go`), and pattern rules are not read.
public struct MakefileTargets: Sendable {
    /// One rule: the targets it names before `:`, its prerequisites, and its recipe's shell commands.
    struct Rule: Sendable {
        let prerequisites: [String]
        let commands: [ShellCommand]
    }

    let rules: [String: Rule]
    /// The Makefile read.
    public let file: SourceFile
    /// Every recipe line's commands in file order, with byte ranges in the file.
    public let recipeCommands: [ShellCommand]
    /// The docker command lines of the recipes: what `make image` would run (variables unexpanded).
    public let dockerCommands: [DockerCommand]
    /// `.DEFAULT_GOAL`, else the first target that does not start with `.` (what a bare `make` builds).
    public let defaultGoal: String?
    /// Simple variable definitions (`NAME = value`, `:=`, `?=`, `::=`), last one wins.
    let variables: [String: String]

    /// The repository's Makefile as GNU make looks it up in the directory it runs in (`GNUmakefile`, `makefile`,
    /// `Makefile`), from the build files at the root.
    public static func root(in buildFiles: [String: SourceFile]) -> MakefileTargets? {
        for name in ["GNUmakefile", "makefile", "Makefile"] {
            if let file = buildFiles[name] { return MakefileTargets(file) }
        }
        return nil
    }

    public init(_ file: SourceFile) {
        var rules: [String: Rule] = [:]
        var recipeCommands: [ShellCommand] = []
        var variables: [String: String] = [:]
        var firstTarget: String?
        var current: (targets: [String], prerequisites: [String], commands: [ShellCommand])?
        func finish() {
            guard let rule = current else { return }
            for target in rule.targets {
                // A target named by several rules: prerequisites add up, the recipe is the one that has commands.
                let previous = rules[target]
                rules[target] = Rule(
                    prerequisites: (previous?.prerequisites ?? []) + rule.prerequisites,
                    commands: rule.commands.isEmpty ? (previous?.commands ?? []) : rule.commands)
            }
            current = nil
        }
        var line = 1
        while line <= file.lineCount {
            let range = file.lineByteRange(line)
            var end = range.upperBound
            while end > range.lowerBound, file.bytes[end - 1] == UInt8(ascii: "\\"), line < file.lineCount {
                line += 1
                end = file.lineByteRange(line).upperBound
            }
            line += 1
            guard range.lowerBound < end else { continue }
            if file.bytes[range.lowerBound] == UInt8(ascii: "\t") {
                // A recipe line (make's `@`, `-` and `+` prefixes are not part of the command).
                guard current != nil else { continue }
                var start = range.lowerBound + 1
                while start < end, [UInt8(ascii: "@"), UInt8(ascii: "-"), UInt8(ascii: "+")].contains(file.bytes[start]) {
                    start += 1
                }
                let commands = ShellSplitter.commands(in: file.bytes, range: start..<end)
                current?.commands += commands
                recipeCommands += commands
                continue
            }
            var text = String(decoding: file.bytes[range.lowerBound..<end], as: UTF8.self)
                .replacing("\\\n", with: " ")
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            // A variable definition: `NAME = v`, `NAME := v`, `NAME ?= v`, `NAME += v`, `export NAME = v`.
            if let assignment = Self.assignment(trimmed) {
                finish()
                if assignment.name == ".DEFAULT_GOAL" {
                    variables[assignment.name] = assignment.value
                } else if !assignment.append {
                    variables[assignment.name] = assignment.value
                }
                continue
            }
            // Conditionals may stand inside a recipe; other directives (`include`, `define`…) end it.
            let directive = trimmed.split(separator: " ").first.map(String.init) ?? ""
            if ["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"].contains(directive) { continue }
            // A rule: `targets: prerequisites` or `targets:: prerequisites`, optionally `; command`.
            guard let colon = trimmed.firstIndex(of: ":") else {
                finish()
                continue
            }
            finish()
            let targets = trimmed[..<colon].split(separator: " ").map(String.init).filter { !$0.isEmpty }
            var rest = trimmed[trimmed.index(after: colon)...]
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            var inline: Substring = ""
            if let semicolon = rest.firstIndex(of: ";") {
                inline = rest[rest.index(after: semicolon)...]
                rest = rest[..<semicolon]
            }
            // `target: VAR = value` is a target-specific variable, not a rule.
            if Self.assignment(rest.trimmingWhitespace()) != nil { continue }
            let prerequisites = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "|" }).map(String.init)
            var commands: [ShellCommand] = []
            if !inline.trimmingWhitespace().isEmpty {
                let bytes = Array(inline.utf8)
                commands = ShellSplitter.commands(in: bytes, range: 0..<bytes.count)
            }
            if firstTarget == nil, let first = targets.first(where: { !$0.hasPrefix(".") && !$0.contains("%") }) {
                firstTarget = first
            }
            current = (targets, prerequisites, commands)
        }
        finish()
        self.file = file
        self.rules = rules
        self.recipeCommands = recipeCommands
        dockerCommands = DockerCommand.find(in: recipeCommands)
        self.variables = variables
        self.defaultGoal = variables[".DEFAULT_GOAL"].flatMap { $0.isEmpty ? nil : $0 } ?? firstTarget
    }

    private static func assignment(_ text: String) -> (name: String, value: String, append: Bool)? {
        var body = Substring(text)
        if body.hasPrefix("export ") || body.hasPrefix("override ") {
            body = body.drop(while: { $0 != " " }).drop(while: { $0 == " " })
        }
        guard let equals = body.firstIndex(of: "=") else { return nil }
        var nameEnd = equals
        var append = false
        // `:=`, `::=`, `?=`, `+=`, `!=`
        while nameEnd > body.startIndex, [":", "?", "+", "!"].contains(body[body.index(before: nameEnd)]) {
            nameEnd = body.index(before: nameEnd)
            if body[nameEnd] == "+" { append = true }
        }
        let name = body[..<nameEnd].trimmingWhitespace()
        // A name is one word; `target: NAME=value` (a colon before) is a rule's variable, read as a rule.
        guard !name.isEmpty, !name.contains(" "), !name.contains(":"), !name.contains("\t") else { return nil }
        return (name, body[body.index(after: equals)...].trimmingWhitespace(), append)
    }

    /// Whether the Makefile has a rule for `target`.
    public func defines(_ target: String) -> Bool { rules[target] != nil }

    /// The shell commands `make target` runs: the recipes of its prerequisites, then its own, and of the targets
    /// a recipe runs with `make`/`$(MAKE)` (same Makefile only). Each command's program word, when it is a simple
    /// variable (`$(GO)`), is given as the variable's value. Nil when the target has no rule.
    public func commands(of target: String) -> [ShellCommand]? {
        guard rules[target] != nil else { return nil }
        var seen: Set<String> = []
        var result: [ShellCommand] = []
        collect(target, seen: &seen, into: &result, depth: 0)
        return result
    }

    private func collect(_ target: String, seen: inout Set<String>, into result: inout [ShellCommand], depth: Int) {
        guard depth < 16, seen.insert(target).inserted, let rule = rules[target] else { return }
        for prerequisite in rule.prerequisites { collect(prerequisite, seen: &seen, into: &result, depth: depth + 1) }
        for command in rule.commands {
            let expanded = expandingProgram(command)
            let words = Array(expanded.programWords)
            if let first = words.first, ["make", "gmake"].contains(first.value) || first.value == "$(MAKE)"
                || first.value == "${MAKE}" {
                // A sub-make of this Makefile (no `-C`/`-f`): its targets' recipes.
                let options = words.dropFirst().map(\.value)
                if !options.contains(where: { ["-C", "-f", "--file", "--directory"].contains($0) || $0.hasPrefix("--directory=")
                    || $0.hasPrefix("--file=") || $0.hasPrefix("--makefile=") }) {
                    for goal in options where !goal.hasPrefix("-") && !goal.contains("=") {
                        collect(goal, seen: &seen, into: &result, depth: depth + 1)
                    }
                    continue
                }
            }
            result.append(expanded)
        }
    }

    /// `command` with its program word replaced by the value of the simple variable it names (`$(GO)`, `${GO}`),
    /// when that value is one word.
    private func expandingProgram(_ command: ShellCommand) -> ShellCommand {
        let program = command.programWords
        guard let first = program.first, first.value.hasPrefix("$(") || first.value.hasPrefix("${"),
            first.value.hasSuffix(")") || first.value.hasSuffix("}")
        else { return command }
        let name = String(first.value.dropFirst(2).dropLast())
        guard name != "MAKE", let value = variables[name], !value.isEmpty, !value.contains(" "), !value.contains("$")
        else { return command }
        var words = command.words
        let index = program.startIndex
        words[index] = ShellWord(value: value, range: first.range, hasExpansion: false, isQuoted: false)
        return ShellCommand(words: words)
    }
}
