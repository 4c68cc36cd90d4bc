/// Splits shell source into simple commands and words: an honest word-splitter, not a shell parser. It knows
/// quotes, backslash escapes, comments, line continuations, control operators, `$(…)`/backquote nesting and
/// here-documents (whose bodies are skipped), which is enough to find `docker build` and its flags.
/// It never fails: unbalanced quotes run to the end of the input.
public enum ShellSplitter {
    public static func commands(in text: String) -> [ShellCommand] {
        commands(in: Array(text.utf8), range: nil)
    }

    /// Commands in `bytes[range]` (the whole buffer when nil); word ranges are offsets into `bytes`.
    public static func commands(in bytes: [UInt8], range: Range<Int>?) -> [ShellCommand] {
        var scanner = Scanner(bytes: bytes, range: range ?? 0..<bytes.count)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let end: Int
        var index: Int
        var commands: [ShellCommand] = []
        var words: [ShellWord] = []
        /// Here-document delimiters seen on the current line, read after its newline.
        var pendingHeredocs: [(delimiter: [UInt8], stripTabs: Bool)] = []

        init(bytes: [UInt8], range: Range<Int>) {
            self.bytes = bytes
            self.index = range.lowerBound
            self.end = min(range.upperBound, bytes.count)
        }

        mutating func run() -> [ShellCommand] {
            while index < end {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "\n"):
                    index += 1
                    finishCommand()
                    skipHeredocBodies()
                case UInt8(ascii: "#"):
                    // A comment only starts at the beginning of a word.
                    while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"):
                    index += 1
                    finishCommand()
                case UInt8(ascii: "\\") where index + 1 < end && bytes[index + 1] == UInt8(ascii: "\n"):
                    index += 2
                case UInt8(ascii: "<") where isHeredocStart():
                    readHeredocOperator()
                case UInt8(ascii: "<"), UInt8(ascii: ">"):
                    // Redirections are not words of the command; their target is.
                    index += 1
                    while index < end, bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "&") { index += 1 }
                default:
                    readWord()
                }
            }
            finishCommand()
            return commands
        }

        mutating func finishCommand() {
            if !words.isEmpty {
                commands.append(ShellCommand(words: words))
                words = []
            }
        }

        func isHeredocStart() -> Bool {
            index + 1 < end && bytes[index + 1] == UInt8(ascii: "<")
                && !(index + 2 < end && bytes[index + 2] == UInt8(ascii: "<"))
        }

        mutating func readHeredocOperator() {
            index += 2
            var stripTabs = false
            if index < end, bytes[index] == UInt8(ascii: "-") {
                stripTabs = true
                index += 1
            }
            while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            let before = words.count
            readWord()
            if words.count > before {
                let delimiter = words.removeLast()
                pendingHeredocs.append((Array(delimiter.value.utf8), stripTabs))
            }
        }

        /// Skips the bodies of the line's here-documents, in order. Read in order and emptied once at the end:
        /// `removeFirst()` moved every remaining delimiter for each one, so a line of 100,000 `<<x` took
        /// quadratic time.
        mutating func skipHeredocBodies() {
            defer { pendingHeredocs.removeAll(keepingCapacity: true) }
            for (delimiter, stripTabs) in pendingHeredocs {
                while index < end {
                    var lineEnd = index
                    while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                    var lineStart = index
                    if stripTabs { while lineStart < lineEnd, bytes[lineStart] == UInt8(ascii: "\t") { lineStart += 1 } }
                    var contentEnd = lineEnd
                    if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                    index = min(lineEnd + 1, end)
                    if bytes[lineStart..<contentEnd].elementsEqual(delimiter) { break }
                }
            }
        }

        mutating func readWord() {
            let start = index
            // Read the table once per word, not once per byte (a global's lazy initialisation check each time).
            let isSpecial = Self.isSpecial
            // While `verbatim`, the value is exactly `bytes[start..<index]` (no quote or escape removed yet) and
            // `value` is unused: most words are plain, and this spares a copy of each byte.
            var verbatim = true
            var value: [UInt8] = []
            var hasExpansion = false
            var isQuoted = false
            wordLoop: while index < end {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"),
                    UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"),
                    UInt8(ascii: ">"):
                    break wordLoop
                case UInt8(ascii: "\\"):
                    if verbatim {
                        value = Array(bytes[start..<index])
                        verbatim = false
                    }
                    if index + 1 < end {
                        if bytes[index + 1] != UInt8(ascii: "\n") { value.append(bytes[index + 1]) }
                        index += 2
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "'"):
                    if verbatim {
                        value = Array(bytes[start..<index])
                        verbatim = false
                    }
                    isQuoted = true
                    index += 1
                    while index < end, bytes[index] != UInt8(ascii: "'") {
                        value.append(bytes[index])
                        index += 1
                    }
                    index += 1
                case UInt8(ascii: "\""):
                    if verbatim {
                        value = Array(bytes[start..<index])
                        verbatim = false
                    }
                    isQuoted = true
                    index += 1
                    while index < end, bytes[index] != UInt8(ascii: "\"") {
                        if bytes[index] == UInt8(ascii: "\\"), index + 1 < end,
                            [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "`"),
                             UInt8(ascii: "\n")].contains(bytes[index + 1])
                        {
                            if bytes[index + 1] != UInt8(ascii: "\n") { value.append(bytes[index + 1]) }
                            index += 2
                            continue
                        }
                        if bytes[index] == UInt8(ascii: "$") || bytes[index] == UInt8(ascii: "`") {
                            hasExpansion = true
                            let next = copyExpansion(from: index, until: UInt8(ascii: "\""))
                            value.append(contentsOf: bytes[index..<next])
                            index = next
                            continue
                        }
                        value.append(bytes[index])
                        index += 1
                    }
                    index += 1
                case UInt8(ascii: "$"), UInt8(ascii: "`"):
                    hasExpansion = true
                    let next = copyExpansion(from: index, until: nil)
                    if !verbatim { value.append(contentsOf: bytes[index..<next]) }
                    index = next
                default:
                    if verbatim {
                        // A run of ordinary bytes at once: none of them ends or changes the word.
                        index += 1
                        while index < end, !isSpecial[Int(bytes[index])] { index += 1 }
                    } else {
                        value.append(byte)
                        index += 1
                    }
                }
            }
            index = min(index, end)
            if index > start {
                // Most commands have a few words: one allocation for them instead of growing 1, 2, 4. Not more:
                // commands are kept for the whole scan.
                if words.isEmpty { words.reserveCapacity(4) }
                words.append(
                    ShellWord(
                        value: verbatim ? String(decoding: bytes[start..<index], as: UTF8.self)
                            : String(decoding: value, as: UTF8.self),
                        range: start..<index,
                        hasExpansion: hasExpansion, isQuoted: isQuoted))
            } else {
                index += 1  // never stall on a byte no case consumed
            }
        }

        /// Bytes that end a word or need the general path in `readWord` (every byte with a case of its own).
        static let isSpecial: [Bool] = {
            var table = [Bool](repeating: false, count: 256)
            for byte in " \t\n\r;&|()<>\\'\"$`".utf8 { table[Int(byte)] = true }
            return table
        }()

        /// True when `word` stands at `position` as a whole word (no letter, digit or `_` on either side) where a
        /// command starts, so that it is a reserved word.
        func isKeyword(_ word: StaticString, at position: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard position + count <= end else { return false }
            func isWordByte(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            }
            if position > 0, isWordByte(bytes[position - 1]) { return false }
            if position + count < end, isWordByte(bytes[position + count]) { return false }
            let matches = word.withUTF8Buffer { buffer in
                buffer.indices.allSatisfy { bytes[position + $0] == buffer[$0] }
            }
            guard matches else { return false }
            // A reserved word only where a command starts: after `(`, `;`, `&`, `|`, `{` or a line break.
            var before = position - 1
            while before >= 0, bytes[before] == UInt8(ascii: " ") || bytes[before] == UInt8(ascii: "\t") { before -= 1 }
            guard before >= 0 else { return true }
            return "(;&|{\n".utf8.contains(bytes[before])
        }

        /// The end of the `$X`, `${…}`, `$(…)`, `$((…))` or backquoted span at `start` (which the word keeps
        /// verbatim), honouring nesting and quotes.
        func copyExpansion(from start: Int, until quote: UInt8?) -> Int {
            var position = start
            if bytes[position] == UInt8(ascii: "`") {
                position += 1
                while position < end, bytes[position] != UInt8(ascii: "`") {
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
                position = min(position + 1, end)
                return position
            }
            position += 1
            guard position < end else { return position }
            let opener = bytes[position]
            if opener == UInt8(ascii: "(") || opener == UInt8(ascii: "{") {
                let closer = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
                var depth = 0
                // Open `case` commands inside `$(…)`, by the paren depth they started at: there a `)` ends a
                // pattern (`x86_64) echo amd64 ;;`), not the substitution (POSIX 2.6.3 parses the command
                // inside as a whole script).
                var openCases: [Int] = []
                var inSingle = false
                while position < end {
                    let byte = bytes[position]
                    if inSingle {
                        if byte == UInt8(ascii: "'") { inSingle = false }
                    } else if byte == UInt8(ascii: "\\") {
                        position += 1
                    } else if byte == UInt8(ascii: "'") && opener == UInt8(ascii: "(") {
                        inSingle = true
                    } else if opener == UInt8(ascii: "("), isKeyword("case", at: position) {
                        openCases.append(depth)
                        position += 3
                    } else if opener == UInt8(ascii: "("), !openCases.isEmpty, isKeyword("esac", at: position) {
                        openCases.removeLast()
                        position += 3
                    } else if byte == opener {
                        depth += 1
                    } else if byte == closer {
                        if let caseDepth = openCases.last, caseDepth == depth {
                            position += 1  // a case pattern's `)`
                            continue
                        }
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            break
                        }
                    }
                    position += 1
                }
                position = min(position, end)
                return position
            }
            // $NAME, $1, $@, $? …
            if opener == UInt8(ascii: "_") || (opener | 0x20 >= UInt8(ascii: "a") && opener | 0x20 <= UInt8(ascii: "z")) {
                while position < end,
                    bytes[position] == UInt8(ascii: "_") || (bytes[position] | 0x20 >= UInt8(ascii: "a") && bytes[position] | 0x20 <= UInt8(ascii: "z"))
                        || (bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9"))
                {
                    position += 1
                }
            } else if quote == nil || opener != quote {
                position += 1
            }
            return position
        }
    }
}
