import PlimsollCore

/// A finding's identity that survives unrelated edits: rule, file, the trimmed text of the finding's line and
/// which occurrence of that line text it is — but not the line number. SARIF's `partialFingerprints`, the
/// JSON report and the baseline all use it.
enum Fingerprint {
    /// Fingerprints for findings in report order; equal inputs get `:1`, `:2`… occurrence suffixes.
    ///
    /// The input of each is the UTF-8 of rule ID, NUL, path, NUL and normalized line. Occurrences are counted
    /// per hash: equal inputs share one, and two inputs that collide in 64 bits still get distinct fingerprints.
    public static func compute(_ findings: [Finding]) -> [String] {
        var seen: [UInt64: Int] = [:]
        var key: [UInt8] = []
        var result: [String] = []
        result.reserveCapacity(findings.count)
        for finding in findings {
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: finding.ruleID.utf8)
            key.append(0)
            key.append(contentsOf: finding.path.utf8)
            key.append(0)
            key.append(contentsOf: normalizedLine(finding.lineText ?? "").utf8)
            let hash = fnv1a(key)
            let occurrence = seen[hash, default: 0] + 1
            seen[hash] = occurrence
            result.append(format(hash, occurrence: occurrence))
        }
        return result
    }

    /// Sixteen lowercase hex digits, `:` and the occurrence, as one String.
    private static func format(_ hash: UInt64, occurrence: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8((hash >> UInt64(shift)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
        bytes.append(UInt8(ascii: ":"))
        var divisor = 1
        while occurrence / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(occurrence / divisor % 10))
            divisor /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line with its whitespace runs collapsed to one space and the ends trimmed.
    static func normalizedLine(_ line: String) -> String { line.collapsingWhitespace() }

    /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        fnv1a(text.utf8)
    }

    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
