/// A report under construction, as UTF-8 bytes.
///
/// Appending to one growing `String` is costly per piece, and a text report appends tens of thousands of
/// pieces; copying each piece's bytes into an array is a memcpy a piece, and the bytes are
/// written out as they are (`bytes`). Every piece was a String, so they are valid UTF-8.
struct ReportBuffer: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    static func += (buffer: inout ReportBuffer, text: String) {
        buffer.append(text)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Another buffer's bytes.
    mutating func append(_ other: ReportBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    var count: Int { bytes.count }

    /// A literal piece (`":"`, `"    = "`), its bytes copied straight from the binary: appending it as a
    /// String went through the String's storage check first, and a report is mostly such pieces.
    mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    mutating func append(literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(repeating byte: UInt8, count: Int) {
        for _ in 0..<max(count, 0) { bytes.append(byte) }
    }

    /// A non-negative number in decimal, most significant digit first, without building a String.
    mutating func append(number: Int) {
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        var rest = max(number, 0)
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
