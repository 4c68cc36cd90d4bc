import Foundation
import PlimsollCore
import Testing
import YAMLSyntax

@Suite struct YAMLLoaderTests {
    @Test func scalarsSequencesMappings() throws {
        let (_, result) = load("a: 1\nb: [x, 'y', \"z\"]\nc: |\n  lit\nd: >\n  fold\ne:\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root["a"]?.string == "1")
        #expect(root["b"]?.sequence?.map(\.scalar) == [
            YAMLScalar(value: "x", style: .plain), YAMLScalar(value: "y", style: .singleQuoted),
            YAMLScalar(value: "z", style: .doubleQuoted),
        ])
        #expect(root["b"]?.isFlow == true)
        #expect(root["c"]?.scalar == YAMLScalar(value: "lit\n", style: .literal))
        #expect(root["d"]?.scalar == YAMLScalar(value: "fold\n", style: .folded))
        #expect(root["e"]?.isNull == true)
        #expect(root["a"]?.isNull == false)
        #expect(root["missing"] == nil)
        #expect(root.mapping?.count == 5)
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func nullSpellings(_ spelling: String) throws {
        let (_, result) = load("k: \(spelling)\n")
        #expect(try #require(result.documents.first?.root?["k"]).isNull)
    }

    @Test func quotedNullIsNotNull() throws {
        let (_, result) = load("k: 'null'\n")
        #expect(try #require(result.documents.first?.root?["k"]).isNull == false)
    }

    @Test func explicitTagIsResolved() throws {
        let (_, result) = load("k: !!str 12\nl: !custom x\n")
        let root = try #require(result.documents.first?.root)
        #expect(root["k"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["l"]?.tag == "!custom")
        #expect(root["k"]?.string == "12")
    }

    @Test func positionsAfterNonASCIIAndAstralCharacters() throws {
        // "é" is 2 bytes, "😀" is 4 bytes (one scalar each).
        let text = "name: é😀\nkey: value\n\"é😀\": after\nlist:\n  - x😀: y\n"
        let (file, result) = load(text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        let name = try #require(root["name"])
        #expect(name.span.lowerBound == SourceLocation(line: 1, column: 7, offset: 6))
        #expect(name.span.upperBound == SourceLocation(line: 1, column: 9, offset: 12))
        let pairs = try #require(root.mapping)
        #expect(pairs[1].key.span.lowerBound == SourceLocation(line: 2, column: 1, offset: 13))
        #expect(pairs[1].value.span.lowerBound == SourceLocation(line: 2, column: 6, offset: 18))
        #expect(pairs[2].key.span.lowerBound == SourceLocation(line: 3, column: 1, offset: 24))
        #expect(pairs[2].value.span.lowerBound == SourceLocation(line: 3, column: 7, offset: 34))
        let item = try #require(root["list"]?.sequence?.first?.mapping?.first)
        #expect(item.key.span.lowerBound == SourceLocation(line: 5, column: 5, offset: 50))
        #expect(item.value.span.lowerBound == SourceLocation(line: 5, column: 9, offset: 57))
        // Every span agrees with the file's own line table.
        for pair in pairs {
            #expect(file.location(ofOffset: pair.key.span.lowerBound.offset) == pair.key.span.lowerBound)
            #expect(file.location(ofOffset: pair.value.span.upperBound.offset) == pair.value.span.upperBound)
        }
    }

    @Test func positionsWithByteOrderMarkAndCRLF() throws {
        let file = SourceFile(path: "t.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nbé: 2\r\n".utf8))
        let result = YAMLLoader.load(file)
        #expect(result.diagnostics.isEmpty)
        let pairs = try #require(result.documents.first?.root?.mapping)
        #expect(pairs[0].key.span.lowerBound == file.location(ofOffset: 3))
        #expect(pairs[1].key.span.lowerBound == SourceLocation(line: 2, column: 1, offset: 9))
        #expect(pairs[1].value.span.lowerBound == SourceLocation(line: 2, column: 5, offset: 14))
    }

    @Test func blockCollectionSpanEndsAtLastEntry() throws {
        let (_, result) = load("a:\n  b: 1\n  c: 2\n\n# trailing comment\nd: 3\n")
        let a = try #require(result.documents.first?.root?["a"])
        #expect(a.span.lowerBound == SourceLocation(line: 2, column: 3, offset: 5))
        #expect(a.span.upperBound == SourceLocation(line: 3, column: 7, offset: 16))
    }

    @Test func billionLaughsStaysShared() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...30 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        // Sharing holds whatever the alias budget (which stops this document by default: AliasBudgetTests).
        var options = YAMLLoadOptions()
        options.maxAliasedNodes = .max
        let clock = ContinuousClock()
        let start = clock.now
        let (_, result) = load(text, options: options)
        #expect(clock.now - start < .seconds(2))
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        let top = try #require(root["a30"]?.sequence)
        #expect(top.count == 9)
        #expect(top[0] == top[8])
        #expect(top[0] == root["a29"])
    }

    @Test func redefinedAnchorLaterDefinitionWins() throws {
        let (_, result) = load("a: &x one\nb: *x\nc: &x two\nd: *x\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root["b"]?.string == "one")
        #expect(root["d"]?.string == "two")
        #expect(root["b"] == root["a"])
    }

    /// Nodes are handles into one tree per load: equal exactly when they are the same node (as the node objects
    /// they replaced compared by identity), so a set visits an aliased node once.
    @Test func nodesCompareByIdentity() throws {
        let text = "a: &x {k: v}\nb: *x\nc: {k: v}\n"
        let (_, first) = load(text)
        let (_, second) = load(text)
        let root = try #require(first.documents.first?.root)
        let other = try #require(second.documents.first?.root)
        #expect(root["a"] == root["b"])
        #expect(root["a"] != root["c"])
        #expect(root["a"]?["k"] == root["b"]?["k"])
        #expect(root != other)
        #expect(root["a"] != other["a"])
        let distinct = Set(try #require(root.mapping).map(\.value))
        #expect(distinct.count == 2)
    }

    @Test func undefinedAliasIsDiagnosed() throws {
        let (_, result) = load("a: 1\nb: *nope\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "undefined alias 'nope'")
        #expect(diagnostic.span.lowerBound == SourceLocation(line: 2, column: 4, offset: 8))
        #expect(result.documents.first?.root?["b"]?.isNull == true)
    }

    @Test func recursiveAliasIsDiagnosed() throws {
        let (_, result) = load("a: &r\n  b: *r\n")
        #expect(result.diagnostics.map(\.message) == ["recursive alias 'r': it refers to a node that contains it"])
    }

    @Test func mergeKeys() throws {
        let text = """
            base: &base
              a: 1
              b: 2
            other: &other
              b: 20
              c: 30
            single:
              <<: *base
              b: 3
            many:
              x: 0
              <<: [*base, *other]
            """
        let (_, result) = load(text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        let single = try #require(root["single"])
        #expect(single.mapping?.map { $0.key.string ?? "" } == ["a", "b"])
        #expect(single["a"]?.string == "1")
        #expect(single["b"]?.string == "3")
        #expect(single.mergeKeys.count == 1)
        // The merged pair keeps the position where it was written.
        #expect(single.pair(forKey: "a")?.key.span.lowerBound.line == 2)
        let many = try #require(root["many"])
        #expect(many.mapping?.map { $0.key.string ?? "" } == ["x", "a", "b", "c"])
        #expect(many["b"]?.string == "2")
        #expect(many["c"]?.string == "30")
    }

    @Test func badMergeValue() throws {
        let (_, result) = load("m:\n  <<: scalar\n  a: 1\n")
        #expect(result.diagnostics.map(\.message) == ["merge key '<<' needs a mapping or a sequence of mappings"])
    }

    @Test func duplicateKeysPointAtTheSecondKey() throws {
        let (_, result) = load("jobs:\n  a: 1\n  b: 2\n  a: 3\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.message == "duplicate key 'a' in mapping")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.span.lowerBound == SourceLocation(line: 4, column: 3, offset: 22))
        #expect(result.documents.first?.root?["jobs"]?["a"]?.string == "1")
    }

    @Test(arguments: [3, 16, 17, 40])
    func duplicateKeysInLargeMappings(_ size: Int) throws {
        let text = (0..<size).map { "k\($0): v\n" }.joined() + "k0: again\nk\(size - 1): again\n"
        let (_, result) = load(text)
        #expect(result.diagnostics.map(\.message) == ["duplicate key 'k0' in mapping", "duplicate key 'k\(size - 1)' in mapping"])
        #expect(result.diagnostics.first?.span.lowerBound.line == size + 1)
    }

    @Test func depthLimit() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (_, result) = load(deep)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.contains("deeper than the limit of 256"))
        #expect(diagnostic.span.lowerBound.column == 257)
        var options = YAMLLoadOptions()
        options.maxDepth = 10
        let (_, shallow) = load("a:\n" + (1...12).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined(), options: options)
        #expect(shallow.diagnostics.first?.message.contains("limit of 10") == true)
    }

    @Test func deepBlockNestingDoesNotCrash() {
        let text = (0..<10_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        let (_, result) = load(text)
        #expect(result.hasErrors)
    }

    @Test func nodeLimit() {
        var options = YAMLLoadOptions()
        options.maxNodes = 100
        let (_, result) = load("[" + Array(repeating: "x", count: 500).joined(separator: ",") + "]", options: options)
        #expect(result.diagnostics.first?.message.contains("more than 100 nodes") == true)
        #expect(result.documents.isEmpty)
    }

    @Test func multipleDocuments() throws {
        let (_, result) = load("---\na: 1\n---\n- b\n...\n---\nplain\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 3)
        #expect(result.documents[0].root?["a"]?.string == "1")
        #expect(result.documents[1].root?.sequence?.first?.string == "b")
        #expect(result.documents[2].root?.string == "plain")
    }

    @Test func anchorsAreScopedToTheirDocument() throws {
        let (_, result) = load("a: &x 1\n---\nb: *x\n")
        #expect(result.diagnostics.map(\.message) == ["undefined alias 'x'"])
    }

    @Test func emptyStreamHasNoDocuments() {
        #expect(load("").1.documents.isEmpty)
        #expect(load("# only a comment\n").1.documents.isEmpty)
    }

    @Test func libyamlErrorCarriesProblemAndPosition() throws {
        // actionlint-examples/examples/broken_yaml.yaml: "test.yaml:6:16: ... mapping values are not allowed".
        let (_, result) = load("on: push\njobs:\n  linux:\n    runs-on: ubuntu-latest\n    steps:\n      - run: foo: bar\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.message == "mapping values are not allowed in this context")
        #expect(diagnostic.span.lowerBound.line == 6)
        // libyaml points at the second ':' (actionlint, through go-yaml, reports one column earlier).
        #expect(diagnostic.span.lowerBound.column == 17)
        #expect(result.documents.isEmpty)
    }

    @Test func libyamlErrorWithContext() throws {
        let (_, result) = load("a: 'unterminated\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)"))
        #expect(diagnostic.span.lowerBound.line == 2)
    }

    @Test func completedDocumentsSurviveALaterError() throws {
        let (_, result) = load("a: 1\n---\nb: [\n")
        #expect(result.documents.count == 1)
        #expect(result.diagnostics.count == 1)
    }

    @Test func flowMappingAsKey() throws {
        let (_, result) = load("group_id: {{ groupId }}\n")
        #expect(result.diagnostics.isEmpty)
        let value = try #require(result.documents.first?.root?["group_id"])
        let inner = try #require(value.mapping?.first)
        #expect(inner.key.mapping?.first?.key.string == "groupId")
        #expect(inner.value.isNull)
    }

    @Test(arguments: [
        [UInt8]([0x61, 0x3A, 0x20, 0x00, 0x0A]),
        [UInt8]([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]),
        [UInt8]([0xFF, 0xFE, 0x00, 0x00, 0x41]),
        [UInt8](repeating: 0xFF, count: 64),
        Array("a: é\nb: \u{1}\n".utf8),
    ])
    func invalidBytesBecomeOneDiagnostic(_ bytes: [UInt8]) {
        let result = YAMLLoader.load(SourceFile(path: "bin", bytes: bytes))
        #expect(result.diagnostics.count <= 1)
    }

    @Test func controlCharacterPosition() throws {
        let result = YAMLLoader.load(SourceFile(path: "x", bytes: Array("a: é\nb: \u{1}\n".utf8)))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "control characters are not allowed")
        #expect(diagnostic.span.lowerBound == SourceLocation(line: 2, column: 4, offset: 9))
    }

    @Test func utf16Input() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: é\nb: 2\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = YAMLLoader.load(SourceFile(path: "x", bytes: bytes))
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root["a"]?.string == "é")
        #expect(root.mapping?[1].key.span.lowerBound.offset == 12)
    }

    @Test func randomBinaryNeverCrashes() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<200 {
            let count = Int(generator.next() % 300)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = YAMLLoader.load(SourceFile(path: "r", bytes: bytes))
            let alphabet = Array("[]{}:-?&*!|>'\"#,\n  ab\t%@`<".utf8)
            let yamlish = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = YAMLLoader.load(SourceFile(path: "r", bytes: yamlish))
        }
    }

    @Test func largeFileLoadsWithinTheNodeLimit() {
        // About 50 MB: libyaml parses until the node budget stops the load.
        let line = Array("- some item value that is reasonably long to fill the file quickly\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50_000_000)
        while bytes.count < 50_000_000 { bytes += line }
        var options = YAMLLoadOptions()
        options.maxNodes = 200_000
        let result = YAMLLoader.load(SourceFile(path: "big", bytes: bytes), options: options)
        #expect(result.diagnostics.first?.message.contains("nodes") == true)
    }

    @Test func countEvents() {
        #expect(YAMLLoader.countEvents(SourceFile(path: "x", text: "a: [1, 2]\n")) == 11)
        #expect(YAMLLoader.countEvents(SourceFile(path: "x", text: "a: [\n")) == -1)
    }
}

/// A tiny deterministic generator for fuzz-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
