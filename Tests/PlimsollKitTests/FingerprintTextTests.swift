import PlimsollCore
import Testing

@testable import PlimsollKit

/// Fingerprints: a line's whitespace collapsed, then FNV-1a of rule, path and line with an occurrence count.
@Suite struct FingerprintTextTests {
    /// `compute` builds each input as bytes; its fingerprints are the definition's: FNV-1a of rule ID, NUL, path,
    /// NUL and the normalized line, as sixteen hex digits, then `:` and which occurrence of those bytes it is.
    @Test func computeAgreesWithItsDefinition() {
        let lines = ["FROM x", "FROM  x", " FROM x\t", "RUN é", "RUN e\u{301}", "", "\u{A0}x"]
        var findings: [Finding] = []
        for rule in ["PL101", "PL2"] {
            for path in ["Dockerfile", "src/é/Dockerfile"] {
                for (index, line) in (lines + lines.prefix(3)).enumerated() {
                    findings.append(Finding(
                        ruleID: rule, severity: .error, message: "m", path: path,
                        span: SourceLocation(line: index + 1, column: 1, offset: 0)
                            ..< SourceLocation(line: index + 1, column: 2, offset: 1),
                        lineText: line))
                }
            }
        }
        // Occurrences count equal bytes: "é" and "e\u{301}" are equal Strings but different inputs (and hashes).
        var counts: [[UInt8]: Int] = [:]
        let expected = findings.map { finding in
            let key = finding.ruleID + "\u{0}" + finding.path + "\u{0}" + Fingerprint.normalizedLine(finding.lineText!)
            counts[Array(key.utf8), default: 0] += 1
            let hex = String(Fingerprint.fnv1a(key), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex + ":" + String(counts[Array(key.utf8)]!)
        }
        #expect(Fingerprint.compute(findings) == expected)
        #expect(expected.contains { $0.hasSuffix(":2") })
    }
}
