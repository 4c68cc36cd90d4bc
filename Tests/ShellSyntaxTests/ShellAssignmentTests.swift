import Testing

@testable import ShellSyntax

/// Assignments are recognised on bytes for ASCII words; the answer must be the Character-level one, and the
/// keyword and wrapper switches must answer as the sets they replaced did.
@Suite struct ShellAssignmentTests {
    @Test func bytesAgreeWithCharacters() {
        let pieces = ["", "=", "a", "A", "_", "1", "-", "é", "e\u{301}", "\r\n", "$", " ", "=x", "\u{661}"]
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let word = a + b + c
                    #expect(ShellCommand.isAssignment(word) == ShellCommand.isAssignmentByCharacters(word), "\(word)")
                }
            }
        }
    }

    @Test func keywordsAndWrappers() {
        let keywords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"]
        let wrappers: Set<String> = ["sudo", "exec", "command", "nohup", "env"]
        let others: Set<String> = [
            "IF", "sudo ", "", "docker", "e\u{301}nv", "time2", "x", "ab", "abc", "abcd", "abcde", "abcdefg", "\u{FF01}",
            "i\u{FB01}",
        ]
        for word in keywords.union(wrappers).union(others) {
            #expect(ShellCommand.isKeyword(word) == keywords.contains(word), "\(word)")
            #expect(ShellCommand.isWrapper(word) == wrappers.contains(word), "\(word)")
        }
    }
}
