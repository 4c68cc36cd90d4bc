import PlimsollCore

/// A finding's identity that survives unrelated edits: rule, file, the trimmed text of the finding's line and
/// which occurrence of that line text it is — but not the line number. SARIF's `partialFingerprints`, the
/// JSON report and the baseline all use it.
public enum Fingerprint {
    /// Fingerprints for findings in report order; equal inputs get `:1`, `:2`… occurrence suffixes.
    ///
    /// The input of each is the UTF-8 of rule ID, NUL, path, NUL and normalized line, built in one reused buffer:
    /// the same bytes, and so the same hashes, as joining the three strings, without the joins, the two hashes
    /// of the joined key for the count, and the formatting of the result through Strings. Occurrences are counted per hash: equal inputs share one, and two
    /// inputs that collide in 64 bits would still get distinct fingerprints.
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
            appendNormalizedLine(finding.lineText ?? "", to: &key)
            let hash = fnv1a(key)
            let occurrence = seen[hash, default: 0] + 1
            seen[hash] = occurrence
            result.append(format(hash, occurrence: occurrence))
        }
        return result
    }

    /// `normalizedLine(line)`'s UTF-8, appended to `bytes`: straight from the line's bytes when it is ASCII.
    private static func appendNormalizedLine(_ line: String, to bytes: inout [UInt8]) {
        let done = line.utf8.withContiguousStorageIfAvailable { source -> Bool in
            let start = bytes.count
            var pendingSpace = false
            for byte in source {
                if byte >= 0x80 {
                    bytes.removeLast(bytes.count - start)
                    return false
                }
                if ASCIITrim.isWhitespace(byte) {
                    pendingSpace = bytes.count > start
                } else {
                    if pendingSpace { bytes.append(0x20) }
                    pendingSpace = false
                    bytes.append(byte)
                }
            }
            return true
        }
        if done != true { bytes.append(contentsOf: normalizedLine(line).utf8) }
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
