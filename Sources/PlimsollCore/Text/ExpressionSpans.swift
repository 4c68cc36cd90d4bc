/// One `${{ … }}` found in a text: byte ranges of the whole and of the text between the markers.
public struct ExpressionSpan: Sendable, Equatable {
    public let whole: Range<Int>
    public let body: Range<Int>

    @inlinable
    init(whole: Range<Int>, body: Range<Int>) {
        self.whole = whole
        self.body = body
    }
}

extension StringProtocol {
    /// Every `${{ … }}` in the text, in order: each runs from a `${{` to the first `}}` after it, as GitHub's
    /// runner scans a value (a `}}` inside a string literal ends it there too). An unclosed `${{` ends the scan.
    @inlinable
    public var expressionSpans: [ExpressionSpan] {
        withUTF8Bytes { bytes in
            var spans: [ExpressionSpan] = []
            var index = 0
            while let open = Self.find(UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "{"), in: bytes, from: index),
                let close = Self.find(UInt8(ascii: "}"), UInt8(ascii: "}"), nil, in: bytes, from: open + 3)
            {
                spans.append(ExpressionSpan(whole: open..<(close + 2), body: (open + 3)..<close))
                index = close + 2
            }
            return spans
        }
    }

    /// The text between each `${{` and the next `}}`.
    @inlinable
    public var expressionBodies: [SubSequence] {
        expressionSpans.map { self[index(atByte: $0.body.lowerBound)..<index(atByte: $0.body.upperBound)] }
    }

    /// The text with each `${{ … }}` whose body `evaluate` can decide replaced by its value; the others kept.
    @inlinable
    public func substitutingExpressions(_ evaluate: (String) -> String?) -> String {
        let spans = expressionSpans
        guard !spans.isEmpty else { return String(self) }
        return withUTF8Bytes { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var rest = 0
            for span in spans {
                result += bytes[rest..<span.whole.lowerBound]
                let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.body]), as: UTF8.self)
                if let value = evaluate(body) { result += value.utf8 } else { result += bytes[span.whole] }
                rest = span.whole.upperBound
            }
            result += bytes[rest...]
            return String(decoding: result, as: UTF8.self)
        }
    }

    @usableFromInline
    static func find(
        _ first: UInt8, _ second: UInt8, _ third: UInt8?, in bytes: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        let width = third == nil ? 2 : 3
        var position = start
        while position + width <= bytes.count {
            if bytes[position] == first, bytes[position + 1] == second, third.map({ bytes[position + 2] == $0 }) ?? true {
                return position
            }
            position += 1
        }
        return nil
    }
}
