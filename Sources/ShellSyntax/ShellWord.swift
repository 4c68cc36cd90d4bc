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

    // Compared with the few literals of the word's length rather than looked up in sets or matched against all
    // of them: every command of every script asks, and most words are of no listed length. (No keyword holds one
    // of the ASCII characters that a non-ASCII spelling is canonically equal to, `K`, `;` and `` ` ``, so a word
    // of another byte length is never equal to one.)
    static func isKeyword(_ word: String) -> Bool {
        switch word.utf8.count {
        case 1: word == "!" || word == "{"
        case 2: word == "if" || word == "do"
        case 4: word == "then" || word == "else" || word == "elif" || word == "time"
        case 5: word == "while" || word == "until"
        default: false
        }
    }

    static func isWrapper(_ word: String) -> Bool {
        switch word.utf8.count {
        case 3: word == "env"
        case 4: word == "sudo" || word == "exec"
        case 5: word == "nohup"
        case 7: word == "command"
        default: false
        }
    }

    static func isAssignment(_ word: String) -> Bool {
        // Only the byte `=` is the Character `=`; ASCII words are checked on their contiguous bytes (same answer
        // as below).
        let ascii: Bool?? = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard let equalsByte = bytes.firstIndex(of: UInt8(ascii: "=")) else { return false }
            for byte in bytes where byte >= 0x80 { return nil }
            guard equalsByte != 0 else { return false }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
            let name = bytes[..<equalsByte]
            guard let first = name.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
            return name.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        }
        if let answer = ascii ?? nil { return answer }
        return isAssignmentByCharacters(word)
    }

    /// `isAssignment` for any word: the definition the byte reading agrees with.
    static func isAssignmentByCharacters(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        return name.first.map { $0 == "_" || $0.isLetter } == true && name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
}
