import PlimsollCore
import Testing

/// The byte-level text toolkit every layer uses, held to tables of what each operation means: ASCII, non-ASCII
/// (multi-byte scalars, combining marks, Unicode whitespace), CR LF, empty and unbalanced input.
@Suite struct TextToolkitTests {
    @Test(arguments: [
        ("docker buildx build", "buildx", true),
        ("docker build", "buildx", false),
        ("", "a", false),
        ("a", "", false),
        ("ab", "abc", false),
        ("line\r\nnext", "\r\n", true),
        ("line\r\nnext", "\nn", true),
        ("café latte", "é l", true),
        ("cafe\u{301}", "cafe", true),  // scalars, not Characters: the `e` before the combining mark is found
        ("naïve", "ï", true),
        ("naïve", "i", false),
        ("👍🏽 ok", "🏽", true),
        ("${{ env.X }}", "${{", true),
        ("$ {{", "${{", false),
    ])
    func containsText(_ text: String, _ needle: String, _ expected: Bool) {
        #expect(text.containsText(needle) == expected)
        // A slice searches only its own bytes.
        let slice = ("<" + text + ">").dropFirst().dropLast()
        #expect(slice.containsText(needle) == expected)
    }

    @Test func containsTextIgnoringASCIICase() {
        #expect("type=image,Push=True".containsText("push=true", ignoringASCIICase: true))
        #expect(!"type=image,Push=True".containsText("push=true", ignoringASCIICase: false))
        #expect(!"PUSH=TRUÉ".containsText("push=trué", ignoringASCIICase: true))  // only ASCII letters fold
        #expect(!"ab".containsText("abc", ignoringASCIICase: true))
        #expect("".containsText("", ignoringASCIICase: true))
    }

    @Test func byteRange() {
        #expect("aXbXc".byteRange(of: "X") == 1..<2)
        #expect("aXbXc".byteRange(of: "X", from: 2) == 3..<4)
        #expect("éX".byteRange(of: "X") == 2..<3)
        #expect("abc".byteRange(of: "X") == nil)
        #expect("abc".byteRange(of: "c", from: 3) == nil)
    }

    @Test(arguments: [
        ("  a b  ", "a b"),
        ("\t\r\n x \r\n", "x"),
        ("", ""),
        ("   ", ""),
        ("\u{A0}nbsp\u{3000}", "nbsp"),  // Unicode White_Space
        ("\u{2028}x\u{85}", "x"),
        ("\u{200B}x", "\u{200B}x"),  // a zero-width space is not White_Space
        (" é ", "é"),
        (" e\u{301} ", "e\u{301}"),
        ("\u{301} a", "\u{301} a"),
        ("👍🏽 ", "👍🏽"),
        ("${{ x }}\n", "${{ x }}"),
    ])
    func trimmingWhitespace(_ text: String, _ expected: String) {
        #expect(text.trimmingWhitespace() == expected)
        #expect(Substring(text).trimmingWhitespace() == expected)
    }

    @Test func trimmingASlice() {
        let text = "[ \u{A0}inner\t]"
        #expect(text.dropFirst().dropLast().trimmingWhitespace() == "inner")
    }

    @Test(arguments: [
        ("FROM  alpine\t:3", "FROM alpine :3"),
        ("  RUN x \r\n", "RUN x"),
        ("a\u{A0}\u{A0}b", "a b"),
        ("", ""),
        (" \t ", ""),
        ("é  e\u{301}", "é e\u{301}"),
    ])
    func collapsingWhitespace(_ text: String, _ expected: String) {
        #expect(text.collapsingWhitespace() == expected)
    }

    @Test func splitting() {
        #expect("a/b//c".splitting(onASCII: UInt8(ascii: "/")).map(String.init) == ["a", "b", "", "c"])
        #expect("a/b//c".splitting(onASCII: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(String.init) == ["a", "b", "c"])
        #expect("".splitting(onASCII: UInt8(ascii: "/")).map(String.init) == [""])
        #expect("/".splitting(onASCII: UInt8(ascii: "/")).map(String.init) == ["", ""])
        #expect("é/ü".splitting(onASCII: UInt8(ascii: "/")).map(String.init) == ["é", "ü"])
        // On LF, a CR LF line keeps its CR.
        #expect("a\r\nb".splitting(onASCII: UInt8(ascii: "\n")).map(String.init) == ["a\r", "b"])
    }

    @Test(arguments: [
        ("linux/amd64, linux/arm64", ["linux/amd64", "linux/arm64"]),
        ("linux/amd64\r\nlinux/arm64\r\n", ["linux/amd64", "linux/arm64"]),
        (" , ,\n", []),
        ("", []),
        ("type=raw,value=é\n\u{A0}x\u{A0}", ["type=raw", "value=é", "x"]),
    ])
    func trimmedPieces(_ text: String, _ expected: [String]) {
        #expect(text.trimmedPieces(separatedBy: [UInt8(ascii: ","), UInt8(ascii: "\n")]) == expected)
    }

    @Test(arguments: [
        ("v${{ env.A }}-${{b}}", [" env.A ", "b"]),
        ("${{ a }", []),
        ("${{ '}}' }}", [" '"]),  // the first `}}` ends it, as the runner scans
        ("$${{x}}", ["x"]),
        ("${{${{x}}", ["${{x"]),
        ("é${{ ü }}\r\n", [" ü "]),
        ("", []),
    ])
    func expressionBodies(_ text: String, _ expected: [String]) {
        #expect(text.expressionBodies.map(String.init) == expected)
    }

    @Test func substitutingExpressions() {
        let evaluate: (String) -> String? = { $0.trimmingWhitespace() == "env.A" ? "é" : nil }
        #expect("x-${{ env.A }}-${{ env.B }}".substitutingExpressions(evaluate) == "x-é-${{ env.B }}")
        #expect("${{ env.A }}${{ env.A }}".substitutingExpressions(evaluate) == "éé")
        #expect("no expression".substitutingExpressions(evaluate) == "no expression")
        #expect("open ${{ env.A".substitutingExpressions(evaluate) == "open ${{ env.A")
    }

    @Test func needleSet() {
        let needles = NeedleSet(["uname -m", "TARGETARCH", ""])
        #expect(needles.occurs(in: "RUN echo $(uname -m)"))
        #expect(needles.occurs(in: "é${TARGETARCH}"))
        #expect(!needles.occurs(in: "uname -r"))
        #expect(!needles.occurs(in: ""))
        #expect(!NeedleSet([String]()).occurs(in: "anything"))
    }

    @Test func bytesAndASCII() {
        #expect("abc".isASCII && !"é".isASCII && "".isASCII)
        #expect("a$b".containsByte(UInt8(ascii: "$")) && !"ab".containsByte(UInt8(ascii: "$")))
        #expect("xéy".string(bytes: 1..<3) == "é")
    }
}
