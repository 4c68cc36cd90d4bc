import PlimsollCore
import Testing

/// Findings are put in report order by sorting their indices and following the permutation's cycles with swaps;
/// the result must be the stable sort's, duplicates in their first order, for every shape of permutation.
@Suite struct ReportOrderTests {
    private static func finding(_ path: String, _ line: Int, _ rule: String, _ message: String) -> Finding {
        Finding(
            ruleID: rule, severity: .warning, message: message, path: path,
            span: SourceLocation(line: line, column: 1, offset: 0)..<SourceLocation(line: line, column: 2, offset: 1))
    }

    @Test func inPlaceSortIsTheStableSort() {
        // A fixed generator: every run checks the same arrays.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for count in [0, 1, 2, 3, 5, 8, 40, 300] {
            for _ in 0..<20 {
                // Few distinct keys, so that many findings tie; the message's suffix tells ties apart afterwards.
                let findings = (0..<count).map { index in
                    Self.finding(["a", "b", "c"][next(3)], 1 + next(3), ["PL1", "PL2"][next(2)], "m")
                        .with(notes: [String(index)])
                }
                var inPlace = findings
                inPlace.sortForReport()
                let stable = findings.enumerated().sorted { lhs, rhs in
                    Finding.reportOrder(lhs.element, rhs.element)
                        || (!Finding.reportOrder(rhs.element, lhs.element) && lhs.offset < rhs.offset)
                }.map(\.element)
                #expect(inPlace == stable)
                #expect(findings.sortedForReport() == stable)
            }
        }
    }
}

extension Finding {
    fileprivate func with(notes: [String]) -> Finding {
        var copy = self
        copy.notes = notes
        return copy
    }
}
