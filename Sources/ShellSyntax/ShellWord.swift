/// One shell word after quote removal, with where it came from.
public struct ShellWord: Sendable, Hashable {
    /// The word's value with quotes and backslash escapes removed; expansions (`$X`, `$(…)`) kept as written.
    public let value: String
    /// UTF-8 byte range of the word as written in the file.
    public let range: Range<Int>
    /// True when an unquoted or double-quoted `$` or a backquote makes the value depend on the environment.
    public let hasExpansion: Bool
    /// True when any part of the word was quoted.
    public let isQuoted: Bool

    public init(value: String, range: Range<Int>, hasExpansion: Bool, isQuoted: Bool) {
        self.value = value
        self.range = range
        self.hasExpansion = hasExpansion
        self.isQuoted = isQuoted
    }
}

/// A simple command: the words between control operators (`;`, `&&`, `||`, `|`, `&`, newline, parentheses).
public struct ShellCommand: Sendable, Hashable {
    public let words: [ShellWord]

    public init(words: [ShellWord]) {
        self.words = words
    }

    /// UTF-8 byte range from the first word to the last.
    public var range: Range<Int> {
        guard let first = words.first, let last = words.last else { return 0..<0 }
        return first.range.lowerBound..<last.range.upperBound
    }

    /// The words that run a program, without leading variable assignments and wrappers that only change how it
    /// runs (`sudo`, `exec`, `command`, `time`, `nohup`, `env`) or shell keywords (`if`, `then`, `do`, `!`, …).
    public var programWords: ArraySlice<ShellWord> {
        var index = 0
        while index < words.count {
            let word = words[index].value
            // Every keyword and wrapper is at most 7 bytes: longer words skip the comparisons.
            if word.utf8.count <= 7, Self.isKeyword(word) || Self.isWrapper(word) {
                index += 1
                // Options of a wrapper (`sudo -E docker …`) belong to the wrapper.
                while index < words.count, words[index].value.hasPrefix("-"),
                    Self.isWrapper(words[index - 1].value) || words[index - 1].value.hasPrefix("-")
                {
                    index += 1
                }
                continue
            }
            if Self.isAssignment(word) {
                index += 1
                continue
            }
            break
        }
        return words[index...]
    }

    /// Reserved words that may come before a command (`if docker build …`, `! grep …`).
    private static let keywords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"]
    /// Commands that run the rest of their words as a command.
    private static let wrappers: Set<String> = ["sudo", "exec", "command", "nohup", "env"]

    static func isKeyword(_ word: String) -> Bool { keywords.contains(word) }

    static func isWrapper(_ word: String) -> Bool { wrappers.contains(word) }

    /// Whether the word is a shell variable assignment, `NAME=value`: a POSIX name (`[A-Za-z_][A-Za-z0-9_]*`,
    /// ASCII as the shell reads it) before the first `=`.
    static func isAssignment(_ word: String) -> Bool {
        let name = word.utf8.prefix { $0 != UInt8(ascii: "=") }
        guard name.count < word.utf8.count, let first = name.first, !(first >= 0x30 && first <= 0x39) else {
            return false
        }
        return name.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F }
    }
}
