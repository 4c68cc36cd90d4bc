/// Byte and scalar helpers that reproduce the Go standard library behaviour BuildKit's parser relies on
/// (`unicode.IsSpace`, `utf8.DecodeRune`, `strings.TrimSpace`), so that our splits land on the same bytes.
enum GoText {
    /// `unicode.IsSpace` for one scalar value.
    @inline(__always)
    static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `unicode.IsSpace(rune(b))`: BuildKit applies it to single bytes in places, so 0x85 and 0xA0 count.
    @inline(__always)
    static func isSpaceByte(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || byte == 0x20 || byte == 0x85 || byte == 0xA0
    }

    /// The `[\t\v\f\r ]` class BuildKit splits arguments on.
    @inline(__always)
    static func isSplitBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    /// `utf8.DecodeRune`: invalid or truncated sequences decode as U+FFFD with width 1.
    @inline(__always)
    static func decode(_ bytes: [UInt8], at index: Int, end: Int) -> (scalar: UInt32, width: Int) {
        let b0 = bytes[index]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        return decodeMultibyte(bytes, at: index, end: end)
    }

    static func decodeMultibyte(_ bytes: [UInt8], at index: Int, end: Int) -> (scalar: UInt32, width: Int) {
        let b0 = bytes[index]
        let invalid: (UInt32, Int) = (0xFFFD, 1)
        func cont(_ k: Int) -> UInt32? {
            guard index + k < end else { return nil }
            let b = bytes[index + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 >= 0xC2 && b0 <= 0xDF {
            guard let c1 = cont(1) else { return invalid }
            return (UInt32(b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard let c1 = cont(1), let c2 = cont(2) else { return invalid }
            let value = UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
            if value < 0x800 || (value >= 0xD800 && value <= 0xDFFF) { return invalid }
            return (value, 3)
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return invalid }
            let value = UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if value < 0x10000 || value > 0x10FFFF { return invalid }
            return (value, 4)
        }
        return invalid
    }

    /// `utf8.DecodeLastRune` over `bytes[start..<end]`.
    static func decodeLast(_ bytes: [UInt8], start: Int, end: Int) -> (scalar: UInt32, width: Int) {
        let last = bytes[end - 1]
        if last < 0x80 { return (UInt32(last), 1) }
        var begin = end - 1
        let limit = max(start, end - 4)
        while begin > limit, bytes[begin] & 0xC0 == 0x80 { begin -= 1 }
        let (scalar, width) = decode(bytes, at: begin, end: end)
        if begin + width != end { return (0xFFFD, 1) }
        return (scalar, width)
    }

    /// True when every byte in `range` is below 0x80; eight bytes at a time.
    static func isASCII(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBytes { raw in
            var index = range.lowerBound
            while index + 8 <= range.upperBound {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
            while index < range.upperBound {
                if raw[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    /// True when `byte` occurs in `range`; eight bytes at a time (a zero byte of `word ^ pattern` is a match).
    static func contains(_ byte: UInt8, in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBytes { raw in
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            var index = range.lowerBound
            while index + 8 <= range.upperBound {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { return true }
                index += 8
            }
            while index < range.upperBound {
                if raw[index] == byte { return true }
                index += 1
            }
            return false
        }
    }

    /// Index of the first byte in `range` that does not start a Go white-space scalar.
    static func skipLeadingSpace(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = decode(bytes, at: index, end: range.upperBound)
            if !isSpace(scalar) { break }
            index += width
        }
        return index
    }

    /// End index after removing trailing Go white space from `range`.
    static func skipTrailingSpace(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var end = range.upperBound
        while end > range.lowerBound {
            let (scalar, width) = decodeLast(bytes, start: range.lowerBound, end: end)
            if !isSpace(scalar) { break }
            end -= width
        }
        return end
    }

    /// `strings.TrimSpace` on a byte range.
    static func trimSpace(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        let start = skipLeadingSpace(bytes, range)
        let end = skipTrailingSpace(bytes, start..<range.upperBound)
        return start..<end
    }

    /// Appends the UTF-8 encoding of a scalar (U+FFFD for invalid values), like Go's `string(rune)`.
    static func appendScalar(_ scalar: UInt32, to out: inout [UInt8]) {
        var value = scalar
        if value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { value = 0xFFFD }
        if value < 0x80 {
            out.append(UInt8(value))
        } else if value < 0x800 {
            out.append(UInt8(0xC0 | (value >> 6)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x10000 {
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (value >> 18)))
            out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// ASCII-only lower-casing with a Unicode fallback, like `strings.ToLower`.
    static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    static func uppercased(_ text: String) -> String { text.uppercased() }
}

extension Array where Element == UInt8 {
    /// Decodes as UTF-8, repairing invalid sequences with U+FFFD.
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
