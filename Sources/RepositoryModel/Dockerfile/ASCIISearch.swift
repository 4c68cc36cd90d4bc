/// Substring search over UTF-8 bytes for the common all-ASCII case, with the same answers as `String.contains`.
///
/// `String.contains` compares Characters (canonical equivalence, grapheme boundaries), which costs hundreds of
/// instructions per byte, and the Dockerfile rules ask it many times per RUN command. When the text is ASCII
/// and the needle is ASCII without CR or LF, every Character is one byte (the only multi-byte ASCII grapheme,
/// CR LF, cannot be split by such a needle), so a byte search gives the same answer. Callers fall back to
/// `String.contains` otherwise (`isPlainNeedle` false, or text that is not ASCII).
enum ASCIISearch {
    /// Several plain needles searched in one pass: only bytes that start some needle are tried.
    struct NeedleSet: Sendable {
        private let needles: [[UInt8]]
        private let startsNeedle: [Bool]

        /// Every needle must be plain (`isPlainNeedle`) and non-empty.
        init(_ strings: [String]) {
            needles = strings.map { Array($0.utf8) }
            var table = [Bool](repeating: false, count: 256)
            for needle in needles { table[Int(needle[0])] = true }
            startsNeedle = table
        }

        func occurs(in text: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index < text.count {
                let byte = text[index]
                if startsNeedle[Int(byte)] {
                    for needle in needles where needle[0] == byte && needle.count <= text.count - index {
                        var k = 1
                        while k < needle.count, text[index + k] == needle[k] { k += 1 }
                        if k == needle.count { return true }
                    }
                }
                index += 1
            }
            return false
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// ASCII and free of CR and LF: a needle whose byte matches are exactly its Character matches in ASCII text.
    static func isPlainNeedle(_ needle: String) -> Bool {
        needle.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }
    }

    /// True when `text` contains the bytes of `prefix` followed by those of `needle`.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: String, after prefix: StaticString = "") -> Bool {
        var needle = needle
        return needle.withUTF8 { body in
            prefix.withUTF8Buffer { head in find(head, body, in: text) }
        }
    }

    private static func find(
        _ head: UnsafeBufferPointer<UInt8>, _ body: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let count = head.count + body.count
        guard count > 0 else { return true }
        guard text.count >= count else { return false }
        @inline(__always) func byte(_ k: Int) -> UInt8 { k < head.count ? head[k] : body[k - head.count] }
        let first = byte(0)
        var index = 0
        let last = text.count - count
        while index <= last {
            if text[index] == first {
                var k = 1
                while k < count, text[index + k] == byte(k) { k += 1 }
                if k == count { return true }
            }
            index += 1
        }
        return false
    }
}
