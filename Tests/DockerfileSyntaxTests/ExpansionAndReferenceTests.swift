import Testing
@testable import DockerfileSyntax

@Suite("Shell word expansion")
struct ExpansionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var expected: String
        var testDescription: String { input }
    }

    static let environment = ["A": "alpha", "EMPTY": "", "X": "x y"]

    @Test(arguments: [
        Case(input: "$A", expected: "alpha"),
        Case(input: "${A}-b", expected: "alpha-b"),
        Case(input: "${NOPE:-def}", expected: "def"),
        Case(input: "${EMPTY:-def}", expected: "def"),
        Case(input: "${EMPTY-def}", expected: ""),
        Case(input: "${NOPE-def}", expected: "def"),
        Case(input: "${A:+set}", expected: "set"),
        Case(input: "${EMPTY:+set}", expected: ""),
        Case(input: "${EMPTY+set}", expected: "set"),
        Case(input: "${NOPE+set}", expected: ""),
        Case(input: "'$A'", expected: "$A"),
        Case(input: "\"$A\"", expected: "alpha"),
        Case(input: "\\$A", expected: "$A"),
        Case(input: "a\\ b", expected: "a b"),
        Case(input: "\"a\\\"b\"", expected: "a\"b"),
        Case(input: "${NOPE:-$A}", expected: "alpha"),
        Case(input: "$", expected: "$"),
        Case(input: "$1x", expected: "x"),
    ])
    func expand(_ testCase: Case) throws {
        #expect(try ShellExpansion.expand(testCase.input, environment: Self.environment) == testCase.expected)
    }

    @Test func backtickEscape() throws {
        #expect(try ShellExpansion.expand("`$A", environment: Self.environment, escape: "`") == "$A")
    }

    @Test func errors() {
        #expect(throws: ShellExpansionError.self) { try ShellExpansion.expand("${NOPE:?must be set}", environment: [:]) }
        #expect(throws: ShellExpansionError.self) { try ShellExpansion.expand("'open", environment: [:]) }
        #expect(throws: ShellExpansionError.self) { try ShellExpansion.expand("${A", environment: [:]) }
        #expect(throws: ShellExpansionError.self) { try ShellExpansion.expand("${A:x}", environment: [:]) }
    }

    @Test func wordsSplit() throws {
        #expect(try ShellExpansion.expandWords("a \"b c\" $X", environment: Self.environment) == ["a", "b c", "x", "y"])
    }

    @Test func references() {
        let references = ShellExpansion.references(in: "é $A ${B:-$C} '$D' \"${E}\"")
        #expect(references.map(\.name) == ["A", "B", "C", "E"])
        #expect(references[0].byteRange == 3..<5)
        #expect(references[1].byteRange == 6..<14)
        #expect(references[1].modifier == ":-")
        #expect(references[2].byteRange == 11..<13)
    }
}

@Suite("Image references")
struct ImageReferenceTests {
    @Test(arguments: [
        ("alpine", "docker.io/library/alpine"),
        ("alpine:3.20", "docker.io/library/alpine:3.20"),
        ("library/alpine", "docker.io/library/alpine"),
        ("user/app:v1", "docker.io/user/app:v1"),
        ("index.docker.io/user/app", "docker.io/user/app"),
        ("ghcr.io/org/app:1.0", "ghcr.io/org/app:1.0"),
        ("localhost/app", "localhost/app"),
        ("localhost:5000/a/b", "localhost:5000/a/b"),
        ("Registry.example.com/app", "Registry.example.com/app"),
        ("[::1]:5000/app", "[::1]:5000/app"),
        ("a__b/c-d.e", "docker.io/a__b/c-d.e"),
        ("alpine@sha256:" + String(repeating: "a", count: 64),
         "docker.io/library/alpine@sha256:" + String(repeating: "a", count: 64)),
        ("alpine:3@sha256:" + String(repeating: "b", count: 64),
         "docker.io/library/alpine:3@sha256:" + String(repeating: "b", count: 64)),
    ])
    func valid(_ input: String, _ expected: String) throws {
        #expect(try ImageReference.parse(input).get().description == expected)
    }

    @Test(arguments: [
        ("", ImageReferenceError.invalidFormat),
        ("Alpine", .uppercaseName),
        ("alpine:", .invalidTag),
        ("alpine:-x", .invalidTag),
        ("alpine@sha256:abc", .invalidDigest),
        ("a//b", .invalidFormat),
        ("-a", .invalidFormat),
        ("a_", .invalidFormat),
        (String(repeating: "a", count: 64), .reservedHexName),
        ("ex ample/app", .invalidFormat),
        ("host:abc/app", .invalidFormat),
        (String(repeating: "a", count: 256), .nameTooLong),
    ])
    func invalid(_ input: String, _ expected: ImageReferenceError) {
        if case .failure(let error) = ImageReference.parse(input) {
            #expect(error == expected)
        } else {
            Issue.record("\(input) should be invalid")
        }
    }

    @Test func parts() throws {
        let reference = try ImageReference.parse("ghcr.io:443/o/app:1").get()
        #expect(reference.domain == "ghcr.io:443")
        #expect(reference.path == "o/app")
        #expect(reference.tag == "1")
        #expect(!reference.isDomainImplied)
    }
}
