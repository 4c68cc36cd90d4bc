/// Decodes the exec form `["a", "b"]` the way BuildKit's `parseJSON` does with Go's `encoding/json` decoder:
/// the first JSON value must be an array, anything after it is ignored, escapes are decoded and invalid UTF-8
/// becomes U+FFFD.
enum JSONArrayParser {
    enum Outcome {
        /// Each string's decoded bytes and its logical byte range (quotes included). The bytes are a slice of the
        /// input when the string needed no decoding (no escape, valid UTF-8): no copy.
        case strings([(bytes: ArraySlice<UInt8>, range: Range<Int>)])
        /// Valid JSON, but an item is not a string: BuildKit rejects the instruction.
        case notStringArray
        /// Not valid JSON: BuildKit falls back to the shell form.
        case invalid
    }

    /// Go's decoder refuses nesting deeper than this.
    static let maxDepth = 10000

    static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> Outcome {
        var index = GoText.skipLeadingSpace(bytes, range)
        let end = range.upperBound
        guard index < end, bytes[index] == UInt8(ascii: "[") else { return .invalid }
        var strings: [(bytes: ArraySlice<UInt8>, range: Range<Int>)] = []
        var onlyStrings = true
        // Stack of open containers: true for an object, false for an array.
        var stack: [Bool] = []

        func skipWhitespace() {
            while index < end {
                let b = bytes[index]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 } else { break }
            }
        }

        // Parses one scalar or opens a container; returns false on a syntax error.
        func value(topLevelItem: Bool) -> Bool {
            skipWhitespace()
            guard index < end else { return false }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                let start = index
                guard let decoded = string() else { return false }
                if topLevelItem { strings.append((decoded, start..<index)) }
                return true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if topLevelItem { onlyStrings = false }
                guard stack.count < maxDepth else { return false }
                stack.append(b == UInt8(ascii: "{"))
                index += 1
                return true
            case UInt8(ascii: "t"): if topLevelItem { onlyStrings = false }; return literal("true")
            case UInt8(ascii: "f"): if topLevelItem { onlyStrings = false }; return literal("false")
            case UInt8(ascii: "n"): if topLevelItem { onlyStrings = false }; return literal("null")
            default:
                if topLevelItem { onlyStrings = false }
                return number()
            }
        }

        func literal(_ word: String) -> Bool {
            let expected = Array(word.utf8)
            let count = expected.count
            guard end - index >= count else { return false }
            for k in 0..<count where bytes[index + k] != expected[k] { return false }
            index += count
            return true
        }

        func digits() -> Int {
            let start = index
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }

        func number() -> Bool {
            if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end else { return false }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return false
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        func hex4() -> UInt32? {
            guard end - index >= 4 else { return nil }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[index + k]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            index += 4
            return value
        }

        func string() -> ArraySlice<UInt8>? {
            index += 1
            let contentStart = index
            // While `copying` is false the decoded string is exactly `bytes[contentStart..<index]`; the first escape
            // or repaired byte copies it into `out`.
            var copying = false
            var out: [UInt8] = []
            while index < end {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    let result = copying ? out[...] : bytes[contentStart..<index]
                    index += 1
                    return result
                }
                if c < 0x20 { return nil }
                if c == UInt8(ascii: "\\") {
                    if !copying {
                        out = Array(bytes[contentStart..<index])
                        copying = true
                    }
                    index += 1
                    guard index < end else { return nil }
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if scalar >= 0xD800 && scalar < 0xE000 {
                            // A valid pair combines; anything else becomes U+FFFD and the next escape stands alone.
                            var combined = false
                            if scalar < 0xDC00, end - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                               bytes[index + 1] == UInt8(ascii: "u") {
                                let save = index
                                index += 2
                                if let low = hex4(), low >= 0xDC00, low < 0xE000 {
                                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                    combined = true
                                } else {
                                    index = save
                                }
                            }
                            if !combined { scalar = 0xFFFD }
                        }
                        GoText.appendScalar(scalar, to: &out)
                    default:
                        return nil
                    }
                    continue
                }
                if c < 0x80 {
                    if copying { out.append(c) }
                    index += 1
                } else {
                    let (scalar, width) = GoText.decode(bytes, at: index, end: end)
                    if scalar == 0xFFFD && width == 1 {
                        if !copying {
                            out = Array(bytes[contentStart..<index])
                            copying = true
                        }
                        GoText.appendScalar(0xFFFD, to: &out)
                    } else if copying {
                        out.append(contentsOf: bytes[index..<index + width])
                    }
                    index += width
                }
            }
            return nil
        }

        // The outer array.
        index += 1
        skipWhitespace()
        if index < end, bytes[index] == UInt8(ascii: "]") {
            return .strings([])
        }
        // Iterative walk: after each value, expect `,` or the closing bracket of the innermost container.
        var expectingValue = true
        var expectingKey = false
        while true {
            if expectingValue {
                if expectingKey {
                    skipWhitespace()
                    guard index < end, bytes[index] == UInt8(ascii: "\"") , string() != nil else { return .invalid }
                    skipWhitespace()
                    guard index < end, bytes[index] == UInt8(ascii: ":") else { return .invalid }
                    index += 1
                    expectingKey = false
                }
                let depthBefore = stack.count
                guard value(topLevelItem: stack.isEmpty) else { return .invalid }
                if stack.count > depthBefore {
                    // Opened a container: handle an immediately closed one, else read its first item.
                    skipWhitespace()
                    guard index < end else { return .invalid }
                    let isObject = stack[stack.count - 1]
                    if bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        stack.removeLast()
                        expectingValue = false
                    } else {
                        expectingKey = isObject
                    }
                    continue
                }
                expectingValue = false
            }
            skipWhitespace()
            guard index < end else { return .invalid }
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: ",") {
                expectingValue = true
                expectingKey = stack.last ?? false
                continue
            }
            if let isObject = stack.last {
                guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return .invalid }
                stack.removeLast()
                continue
            }
            guard b == UInt8(ascii: "]") else { return .invalid }
            return onlyStrings ? .strings(strings) : .notStringArray
        }
    }
}
