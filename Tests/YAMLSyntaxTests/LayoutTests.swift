import PlimsollCore
import Testing

@testable import YAMLSyntax

/// The sizes the comments on `SourceLocation` and `YAMLTree.Record` promise: a scan's heap is mostly such
/// records, so a field added carelessly shows here rather than as a slower scan.
@Suite("Record layout")
struct LayoutTests {
    @Test("a location is 12 bytes, a span 24, a YAML node record 40")
    func sizes() {
        #expect(MemoryLayout<PlimsollCore.SourceLocation>.stride == 12)
        #expect(MemoryLayout<SourceSpan>.stride == 24)
        #expect(MemoryLayout<YAMLTree.Record>.stride == 40)
    }

    @Test("32-bit fields keep what they are given, and clamp what cannot fit")
    func storedValues() {
        var location = PlimsollCore.SourceLocation(line: 3, column: 70_000, offset: 2_000_000_000)
        #expect(location.line == 3 && location.column == 70_000 && location.offset == 2_000_000_000)
        location.line += 1
        #expect(location.line == 4)
        #expect(PlimsollCore.SourceLocation(line: Int.max, column: -5, offset: 0).line == Int(Int32.max))
        #expect(PlimsollCore.SourceLocation(line: Int.max, column: -5, offset: 0).column == -5)
        var record = YAMLTree.Record(
            start: location, end: location, first: 4_000_000_000, count: 7, kind: .mapping, style: .plain,
            isFlow: false, hasTag: false, hasAnchor: false, hasMergeKeys: false)
        #expect(record.first == 4_000_000_000 && record.count == 7)
        record.count += 2
        #expect(record.count == 9)
    }
}
