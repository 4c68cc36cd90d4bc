/// BuildKit's `extractBuilderFlags`: the leading `--flag` words of an instruction, quotes removed and
/// backslash escapes resolved (always `\`, whatever the escape directive says).
enum BuilderFlags {
    struct RawFlag {
        /// Text after quote removal, one byte per source byte (BuildKit later widens bytes >= 0x80 to runes).
        var text: [UInt8]
        /// Logical byte range of the flag as written.
        var range: Range<Int>
        /// Logical offset of the first `=` that ended up in `text`.
        var equalsOffset: Int?
        var equalsIndex: Int?
    }

    /// Returns the flags and the logical offset where the remaining text starts.
    static func extract(_ bytes: [UInt8], _ range: Range<Int>) -> (flags: [RawFlag], restStart: Int) {
        enum Phase { case spaces, word, quote }
        let end = range.upperBound
        var flags: [RawFlag] = []
        var phase = Phase.spaces
        var word: [UInt8] = []
        var wordStart = range.lowerBound
        var equalsOffset: Int?
        var equalsIndex: Int?
        var quote: UInt8 = 0
        var blankOK = false
        var pos = range.lowerBound
        let dashDash: [UInt8] = [0x2D, 0x2D]

        func append(_ byte: UInt8, at offset: Int) {
            if byte == UInt8(ascii: "="), equalsOffset == nil {
                equalsOffset = offset
                equalsIndex = word.count
            }
            word.append(byte)
        }

        while pos <= end {
            let ch: UInt8 = pos < end ? bytes[pos] : 0
            if phase == .spaces {
                if pos == end { break }
                if GoText.isSpaceByte(ch) {
                    pos += 1
                    continue
                }
                if ch != UInt8(ascii: "-") || pos + 1 == end || bytes[pos + 1] != UInt8(ascii: "-") {
                    return (flags, pos)
                }
                phase = .word
                wordStart = pos
                word.reserveCapacity(min(end - pos, 64))
            }
            if pos == end {
                if word != dashDash && (blankOK || !word.isEmpty) {
                    flags.append(RawFlag(text: word, range: wordStart..<pos, equalsOffset: equalsOffset, equalsIndex: equalsIndex))
                }
                break
            }
            if phase == .word {
                if GoText.isSpaceByte(ch) {
                    phase = .spaces
                    if word == dashDash { return (flags, pos) }
                    if blankOK || !word.isEmpty {
                        flags.append(RawFlag(text: word, range: wordStart..<pos, equalsOffset: equalsOffset, equalsIndex: equalsIndex))
                    }
                    word = []
                    equalsOffset = nil
                    equalsIndex = nil
                    blankOK = false
                    pos += 1
                    continue
                }
                if ch == UInt8(ascii: "'") || ch == UInt8(ascii: "\"") {
                    quote = ch
                    blankOK = true
                    phase = .quote
                    pos += 1
                    continue
                }
                var current = ch
                if ch == UInt8(ascii: "\\") {
                    if pos + 1 == end {
                        pos += 1
                        continue
                    }
                    pos += 1
                    current = bytes[pos]
                    append(current, at: pos)
                    pos += 1
                    continue
                }
                // A run of plain bytes goes in at once (same result as one `append` each, first `=` included).
                var runEnd = pos
                while runEnd < end {
                    let byte = bytes[runEnd]
                    if GoText.isSpaceByte(byte) || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")
                        || byte == UInt8(ascii: "\\") { break }
                    if byte == UInt8(ascii: "="), equalsOffset == nil {
                        equalsOffset = runEnd
                        equalsIndex = word.count + (runEnd - pos)
                    }
                    runEnd += 1
                }
                word.append(contentsOf: bytes[pos..<runEnd])
                pos = runEnd
                continue
            }
            // Inside quotes.
            if ch == quote {
                phase = .word
                pos += 1
                continue
            }
            var current = ch
            if ch == UInt8(ascii: "\\") {
                if pos + 1 == end {
                    phase = .word
                    pos += 1
                    continue
                }
                pos += 1
                current = bytes[pos]
            }
            append(current, at: pos)
            pos += 1
        }
        return (flags, end)
    }
}

/// BuildKit's `parseWords`: white-space separated words where quotes and escaped characters keep spaces
/// inside a word. Quotes and escape characters stay in the words.
enum WordSplitter {
    struct RawWord {
        /// The word's text. A slice of the input when it is verbatim (the usual case: no copy); `equalsIndex` is an
        /// index of this slice.
        var text: ArraySlice<UInt8>
        var range: Range<Int>
        var equalsOffset: Int?
        var equalsIndex: Int?
    }

    static func split(_ bytes: [UInt8], _ range: Range<Int>, escape: UInt8) -> [RawWord] {
        enum Phase { case spaces, word, quote }
        let end = range.upperBound
        var words: [RawWord] = []
        var phase = Phase.spaces
        // While `verbatim`, the word is exactly `bytes[wordStart..<pos]` and `word` is unused; the first byte that
        // is repaired or dropped copies it into `word`.
        var verbatim = true
        var word: [UInt8] = []
        var wordStart = range.lowerBound
        var equalsOffset: Int?
        /// Bytes of the word before its first `=`.
        var equalsCount: Int?
        var quote: UInt32 = 0
        var blankOK = false
        var pos = range.lowerBound
        var scalar: UInt32 = 0
        var width = 0

        func materialize(upTo offset: Int) {
            guard verbatim else { return }
            verbatim = false
            word = Array(bytes[wordStart..<offset])
        }

        func append(_ value: UInt32, _ w: Int, at offset: Int) {
            if value == 0x3D, equalsOffset == nil {
                equalsOffset = offset
                equalsCount = verbatim ? offset - wordStart : word.count
            }
            if verbatim {
                if !(value == 0xFFFD && w == 1) { return }
                materialize(upTo: offset)
            }
            if value < 0x80 {
                word.append(UInt8(value))
            } else if value == 0xFFFD && w == 1 {
                GoText.appendScalar(0xFFFD, to: &word)
            } else {
                word.append(contentsOf: bytes[offset..<offset + w])
            }
        }

        func finishWord(at position: Int) {
            let text = verbatim ? bytes[wordStart..<position] : word[...]
            if blankOK || !text.isEmpty {
                let equalsIndex = equalsCount.map { text.startIndex + $0 }
                words.append(RawWord(text: text, range: wordStart..<position, equalsOffset: equalsOffset, equalsIndex: equalsIndex))
            }
        }

        while pos <= end {
            if pos < end {
                (scalar, width) = GoText.decode(bytes, at: pos, end: end)
            } else {
                width = 1
            }
            if phase == .spaces {
                if pos == end { break }
                if GoText.isSpace(scalar) {
                    pos += width
                    continue
                }
                phase = .word
                wordStart = pos
            }
            if pos == end {
                finishWord(at: pos)
                break
            }
            if phase == .word {
                if verbatim {
                    // Plain ASCII bytes change nothing but the position while the word is verbatim: skip them in
                    // a tight loop (most words are plain).
                    var next = pos
                    while next < end {
                        let b = bytes[next]
                        if b >= 0x80 || b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x27 || b == 0x22
                            || b == escape || (b == 0x3D && equalsOffset == nil) { break }
                        next += 1
                    }
                    if next > pos {
                        pos = next
                        continue
                    }
                }
                if GoText.isSpace(scalar) {
                    phase = .spaces
                    finishWord(at: pos)
                    word = []
                    verbatim = true
                    equalsOffset = nil
                    equalsCount = nil
                    blankOK = false
                    pos += width
                    continue
                }
                if scalar == 0x27 || scalar == 0x22 {
                    quote = scalar
                    blankOK = true
                    phase = .quote
                }
                if scalar == UInt32(escape) {
                    if pos + width == end {
                        materialize(upTo: pos)
                        pos += width
                        continue
                    }
                    append(scalar, width, at: pos)
                    pos += width
                    (scalar, width) = GoText.decode(bytes, at: pos, end: end)
                }
                append(scalar, width, at: pos)
                pos += width
                continue
            }
            // Inside quotes.
            if verbatim {
                // As above: only the closing quote, an escape (outside single quotes), the first `=` and non-ASCII
                // bytes need the general path.
                var next = pos
                while next < end {
                    let b = bytes[next]
                    if b >= 0x80 || UInt32(b) == quote || (b == escape && quote != 0x27)
                        || (b == 0x3D && equalsOffset == nil) { break }
                    next += 1
                }
                if next > pos {
                    pos = next
                    continue
                }
            }
            if scalar == quote { phase = .word }
            if scalar == UInt32(escape) && quote != 0x27 {
                if pos + width == end {
                    materialize(upTo: pos)
                    phase = .word
                    pos += width
                    continue
                }
                append(scalar, width, at: pos)
                pos += width
                (scalar, width) = GoText.decode(bytes, at: pos, end: end)
            }
            append(scalar, width, at: pos)
            pos += width
        }
        return words
    }
}
