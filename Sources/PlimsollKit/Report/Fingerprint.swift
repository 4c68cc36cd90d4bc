import PlimsollCore

/// A finding's identity that survives unrelated edits: rule, file, the trimmed text of the finding's line and
/// which occurrence of that line text it is — but not the line number. SARIF's `partialFingerprints`, the
/// JSON report and the baseline all use it.
public enum Fingerprint {
    /// Fingerprints for findings in report order; equal inputs get `:1`, `:2`… occurrence suffixes.
    public static func compute(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let text = normalizedLine(finding.lineText ?? "")
            let key = finding.ruleID + "\u{0}" + finding.path + "\u{0}" + text
            let occurrence = (seen[key] ?? 0) + 1
            seen[key] = occurrence
            return hex(fnv1a(key)) + ":" + String(occurrence)
        }
    }

    /// The line with its whitespace runs collapsed to one space and the ends trimmed. ASCII lines (nearly all) are
    /// done on bytes, where every Character is one byte and CR LF, the one two-byte Character, is whitespace
    /// either way; splitting Characters was an eighth of a SARIF report's instructions. The result, and so every
    /// fingerprint and baseline, is the same.
    static func normalizedLine(_ line: String) -> String {
        let fast = line.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if ASCIITrim.isWhitespace(byte) {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.append(0x20) }
                    pendingSpace = false
                    result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
        return (fast ?? nil) ?? normalizedLineByCharacters(line)
    }

    static func normalizedLineByCharacters(_ line: String) -> String {
        line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
