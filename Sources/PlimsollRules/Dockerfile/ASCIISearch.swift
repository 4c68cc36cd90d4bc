/// Substring search over UTF-8 bytes for the common all-ASCII case, with the same answers as `String.contains`.
///
/// `String.contains` compares Characters (canonical equivalence, grapheme boundaries), which costs hundreds of
/// instructions per byte, and the Dockerfile rules ask it many times per RUN command. When the text is ASCII
/// and the needle is ASCII without CR or LF, every Character is one byte (the only multi-byte ASCII grapheme,
/// CR LF, cannot be split by such a needle), so a byte search gives the same answer. Callers fall back to
/// `String.contains` otherwise (`isPlainNeedle` false, or text that is not ASCII).
enum ASCIISearch {
    /// `text.contains(needle)`, through a byte search when that gives the same answer.
    static func contains(_ text: String, _ needle: String) -> Bool {
        guard isPlainNeedle(needle) else { return text.contains(needle) }
        var text = text
        let fast: Bool? = text.withUTF8 { bytes in isASCII(bytes) ? contains(bytes, needle) : nil }
        return fast ?? text.contains(needle)
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
