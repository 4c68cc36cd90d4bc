extension StringProtocol {
    /// Whether `needle` occurs in the text: the same answer as `contains(_:)` with a string argument, which
    /// searches Character by Character through the generic string-processing algorithms.
    ///
    /// Searches bytes when both sides are ASCII and the needle holds no CR or LF: then no Character spans a
    /// match boundary (CR LF, the only multi-scalar ASCII Character, cannot be split by such a needle), so the
    /// byte answer is the Character answer. Anything else asks `contains(_:)`.
    ///
    /// The bytes are read through `withContiguousStorageIfAvailable` and searched by a non-generic function:
    /// iterating `utf8` from this generic extension went through unspecialised `allSatisfy` and
    /// `IndexingIterator` in the standard library for every byte.
    public func containsText(_ needle: String) -> Bool {
        let answer = needle.utf8.withContiguousStorageIfAvailable { pattern in
            utf8.withContiguousStorageIfAvailable { text in ASCIIByteSearch.contains(pattern, in: text) } ?? nil
        } ?? nil
        return answer ?? contains(needle)
    }
}

extension String {
    /// Whether the UTF-8 bytes hold `byte`, read in place (`utf8.contains(byte)` goes through `Sequence.contains`,
    /// unspecialised for `UTF8View` in the standard library).
    public func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }

    /// Whether some UTF-8 byte satisfies `predicate`, read from contiguous storage.
    public func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? utf8.contains(where: predicate)
    }

    /// Whether every byte is ASCII (`utf8.allSatisfy { $0 < 0x80 }`, through the same unspecialised path).
    public var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 } }
            ?? utf8.allSatisfy { $0 < 0x80 }
    }
}

/// The byte search behind `containsText`.
enum ASCIIByteSearch {
    /// nil when the byte answer might differ from the Character answer (see `containsText`).
    static func contains(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = pattern.first else { return nil }
        for byte in pattern where byte >= 0x80 || byte == 0x0A || byte == 0x0D { return nil }
        // The whole text must be ASCII, not just the match: a combining mark after it would join its last
        // Character (`"ab\u{301}"` does not contain `"ab"`).
        for byte in text where byte >= 0x80 { return nil }
        let count = pattern.count
        guard text.count >= count else { return false }
        var index = 0
        let last = text.count - count
        while index <= last {
            if text[index] == first {
                var k = 1
                while k < count, text[index + k] == pattern[k] { k += 1 }
                if k == count { return true }
            }
            index += 1
        }
        return false
    }
}
