extension StringProtocol {
    /// Whether `needle` occurs in the text, as bytes (see `UTF8Text` for why that is exact).
    @inlinable
    public func containsText(_ needle: String) -> Bool {
        byteRange(of: needle) != nil
    }

    /// Whether `needle` occurs in the text with ASCII letters compared without case (`Push=True` holds
    /// `push=true`); other bytes must be equal.
    public func containsText(_ needle: String, ignoringASCIICase: Bool) -> Bool {
        guard ignoringASCIICase else { return containsText(needle) }
        let lowered = needle.utf8.map(UTF8Text.asciiLowercased)
        return withUTF8Bytes { bytes in
            guard !lowered.isEmpty, bytes.count >= lowered.count else { return lowered.isEmpty }
            for start in 0...(bytes.count - lowered.count) {
                var offset = 0
                while offset < lowered.count, UTF8Text.asciiLowercased(bytes[start + offset]) == lowered[offset] {
                    offset += 1
                }
                if offset == lowered.count { return true }
            }
            return false
        }
    }

    /// The byte offsets of the first occurrence of `needle` at or after byte `start`.
    @inlinable
    public func byteRange(of needle: String, from start: Int = 0) -> Range<Int>? {
        var needle = needle
        return needle.withUTF8 { pattern in
            withUTF8Bytes { bytes in
                UTF8Text.firstOffset(of: pattern, in: bytes, from: start).map { $0..<($0 + pattern.count) }
            }
        }
    }

    /// Whether the UTF-8 bytes hold `byte`.
    @inlinable
    public func containsByte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { $0.contains(byte) }
    }

    /// Whether some UTF-8 byte satisfies `predicate`.
    @inlinable
    public func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        withUTF8Bytes { $0.contains(where: predicate) }
    }

    /// Whether every byte is ASCII.
    @inlinable
    public var isASCII: Bool {
        withUTF8Bytes { bytes in !bytes.contains { $0 >= 0x80 } }
    }
}

/// Several needles searched in one pass over the bytes: only bytes that start some needle are tried. For the
/// word lists a rule looks for in every command (architecture sources, platform ARGs).
public struct NeedleSet: Sendable {
    private let needles: [[UInt8]]
    private let startsNeedle: [Bool]

    /// Empty needles are ignored.
    public init(_ strings: some Sequence<String>) {
        needles = strings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var table = [Bool](repeating: false, count: 256)
        for needle in needles { table[Int(needle[0])] = true }
        startsNeedle = table
    }

    /// Whether any needle occurs in `text`.
    @inlinable
    public func occurs(in text: some StringProtocol) -> Bool {
        text.withUTF8Bytes { occurs(in: $0) }
    }

    public func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if startsNeedle[Int(byte)] {
                for needle in needles where needle[0] == byte && needle.count <= bytes.count - index {
                    var offset = 1
                    while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
            }
            index += 1
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Every occurrence of `needle` in the bytes, left to right, none overlapping another.
    public func byteRanges(of needle: String) -> [Range<Int>] {
        var needle = needle
        return needle.withUTF8 { pattern in
            withUnsafeBufferPointer { bytes in
                guard !pattern.isEmpty else { return [] }
                var ranges: [Range<Int>] = []
                var start = 0
                while let offset = UTF8Text.firstOffset(of: pattern, in: bytes, from: start) {
                    ranges.append(offset..<(offset + pattern.count))
                    start = offset + pattern.count
                }
                return ranges
            }
        }
    }
}
