/// A JSON document built in code and printed deterministically (sorted keys, fixed indentation), so reports
/// diff cleanly and shards merge byte for byte.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An object from a dictionary (its members are sorted, as they are printed).
    public static func object(_ members: [String: JSONValue]) -> JSONValue { .object(JSONObject(members)) }

    /// Pretty-printed with two-space indentation and sorted keys, ending without a newline.
    public func rendered(pretty: Bool = true) -> String {
        // Written as UTF-8 bytes and decoded once: appending small Strings one by one cost more than the scan.
        String(decoding: renderedBytes(pretty: pretty), as: UTF8.self)
    }

    /// `rendered(pretty:)` as UTF-8 bytes, followed by `terminator`.
    public func renderedBytes(pretty: Bool = true, terminator: UInt8? = nil) -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, indent: pretty ? 0 : nil)
        if let terminator { output.append(terminator) }
        return output
    }

    private func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): JSONValue.writeInt(value, to: &output)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            if values.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent.map { $0 + 1 })
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            JSONValue.newline(&output, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.members.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newline(&output, indent.map { $0 + 1 })
                JSONValue.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                member.value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            JSONValue.newline(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        // Two spaces a level, copied from one run of spaces: appending a two-byte array literal per level made
        // an array each time, and indentation is a third of a pretty-printed SARIF report.
        var remaining = indent * 2
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            output.append(contentsOf: spaces[0..<count])
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// The decimal digits of `value`, without making a String of them.
    private static func writeInt(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        // The magnitude is unsigned, so Int.min has one; the divisor never exceeds it, so never overflows.
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// Escapes `"`, `\\`, control characters, DEL and U+2028/U+2029 (which break JavaScript string literals);
    /// everything else is copied as UTF-8.
    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ escape($0, to: &output) }) == nil {
            Array(value.utf8).withUnsafeBufferPointer { escape($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Copies `bytes`, escaping what JSON (and JavaScript) needs escaped; the runs in between are copied whole.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        var index = 0
        func flush() {
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        }
        while index < bytes.count {
            // Sixteen bytes at a time past runs that need no escape (nearly all of every string).
            index = firstEscapeCandidate(in: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            let escaped: String
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escaped = "\\\""
            case UInt8(ascii: "\\"): escaped = "\\\\"
            case UInt8(ascii: "\n"): escaped = "\\n"
            case UInt8(ascii: "\r"): escaped = "\\r"
            case UInt8(ascii: "\t"): escaped = "\\t"
            case 0..<0x20, 0x7F:
                let hex = String(byte, radix: 16)
                escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end JavaScript string literals.
                escaped = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            default:
                index += 1
                continue
            }
            flush()
            output.append(contentsOf: escaped.utf8)
            index += width
            runStart = index
        }
        flush()
    }
}

extension JSONValue {
    /// The first index at or after `start` whose byte `escape` must look at (`"`, `\\`, a control character, DEL,
    /// or 0xE2, which may begin U+2028/U+2029); `bytes.count` when there is none. Whole blocks of sixteen are
    /// skipped when none of their bytes is one of these; the rest is checked byte by byte.
    static func firstEscapeCandidate(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
            let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
            let space = SIMD16<UInt8>(repeating: 0x20)
            let delete = SIMD16<UInt8>(repeating: 0x7F)
            let lead = SIMD16<UInt8>(repeating: 0xE2)
            while index + 16 <= bytes.count {
                let block = base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                if any((block .== quote) .| (block .== backslash) .| (block .< space) .| (block .== delete)
                    .| (block .== lead))
                {
                    break
                }
                index += 16
            }
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0..<0x20, 0x7F, 0xE2: return index
            default: index += 1
            }
        }
        return index
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

/// A JSON object's members, kept sorted by key (the order they are printed in), each key once.
///
/// An array of pairs rather than a `Dictionary`: a SARIF report builds a dozen small objects per finding, and
/// hashing every key to build them, sorting the keys again to print them and tearing the hash tables down cost
/// more than the rest of the report.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Hashable {
        public let key: String
        public var value: JSONValue
    }

    public private(set) var members: [Member]

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    public init(_ members: [String: JSONValue]) {
        self.init(members.map { ($0.key, $0.value) })
    }

    /// Later pairs win over earlier ones with the same key, as in `Dictionary(_:uniquingKeysWith:)` keeping the last.
    init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The member named `key`; setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            let index = insertionIndex(of: key)
            return index < members.count && members[index].key == key ? members[index].value : nil
        }
        set {
            let index = insertionIndex(of: key)
            let exists = index < members.count && members[index].key == key
            switch (exists, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert(Member(key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    /// The first index whose key is not less than `key` (binary search over the sorted members).
    private func insertionIndex(of key: String) -> Int {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
