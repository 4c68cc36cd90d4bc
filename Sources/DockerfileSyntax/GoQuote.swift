/// Go's `strconv.Quote`, byte for byte: invalid UTF-8 becomes `\xNN`, non-printable scalars `\uNNNN`.
enum GoQuote {
    static func quote(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
                index += 1
                continue
            }
            let (scalar, width) = GoText.decode(bytes, at: index, end: end)
            if scalar == 0xFFFD && width == 1 {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                index += 1
                continue
            }
            if scalar >= 0x80 && isPrint(scalar) {
                out.append(contentsOf: bytes[index..<index + width])
                index += width
                continue
            }
            switch scalar {
            case 0x07: out.append(contentsOf: Array("\\a".utf8))
            case 0x08: out.append(contentsOf: Array("\\b".utf8))
            case 0x0C: out.append(contentsOf: Array("\\f".utf8))
            case 0x0A: out.append(contentsOf: Array("\\n".utf8))
            case 0x0D: out.append(contentsOf: Array("\\r".utf8))
            case 0x09: out.append(contentsOf: Array("\\t".utf8))
            case 0x0B: out.append(contentsOf: Array("\\v".utf8))
            default:
                if scalar < 0x20 || scalar == 0x7F {
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(scalar >> 4)], hex[Int(scalar & 0xF)]])
                } else if scalar < 0x10000 {
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((scalar >> UInt32(shift)) & 0xF)]) }
                } else {
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "U")])
                    for shift in stride(from: 28, through: 0, by: -4) { out.append(hex[Int((scalar >> UInt32(shift)) & 0xF)]) }
                }
            }
            index += width
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `unicode.IsPrint` for non-ASCII scalars: letters, marks, numbers, punctuation and symbols.
    static func isPrint(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go converts each flag byte to a rune (`string(rune(line[pos]))`), so bytes >= 0x80 become two-byte UTF-8.
    static func widenBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out.append(0xC0 | (byte >> 6))
                out.append(0x80 | (byte & 0x3F))
            }
        }
        return out
    }
}
