import Testing

@testable import ShellSyntax

/// `NAME=value` words, with POSIX names (ASCII letters, digits and `_`, not starting with a digit).
@Suite struct ShellAssignmentTests {
    @Test(arguments: [
        ("TAG=1.0", true), ("_x9=", true), ("A=b=c", true), ("a=é", true),
        ("=x", false), ("9A=x", false), ("A-B=x", false), ("é=x", false), ("docker", false), ("", false),
        ("--build-arg=X", false), ("A\r\n=x", false),
    ])
    func assignment(_ word: String, _ expected: Bool) {
        #expect(ShellCommand.isAssignment(word) == expected)
    }
}
