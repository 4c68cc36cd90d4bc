/// A port of the word processing of BuildKit's `shell.Lex` (quotes, escapes, `$VAR` and `${VAR…}` forms),
/// working on bytes and recording every variable reference with its byte range.
struct ShellLexer {
    struct Options {
        var escape: UInt8 = UInt8(ascii: "\\")
        /// Keep quote characters in the output.
        var rawQuotes = false
        /// Keep escape characters in the output.
        var rawEscapes = false
        /// Leave references to unset variables as written.
        var skipUnsetEnv = false
        /// Never fail on `${VAR?}` of an unset variable (used when only listing references).
        var lenientRequired = false
        /// Build the expanded text and the words. Listing references needs neither: the references, the position
        /// and the errors do not depend on them.
        var producesOutput = true
    }

    struct WordRange {
        var bytes: [UInt8]
        var range: Range<Int>
    }

    private struct Words {
        var words: [WordRange] = []
        var word: [UInt8] = []
        var inWord = false
        var start = 0

        mutating func addRaw(_ bytes: some Collection<UInt8>, at position: Int) {
            if !inWord { start = position }
            word.append(contentsOf: bytes)
            inWord = true
        }

        mutating func addChar(_ scalar: UInt32, bytes: ArraySlice<UInt8>, at position: Int) {
            if GoText.isSpace(scalar) {
                if inWord && !word.isEmpty {
                    words.append(WordRange(bytes: word, range: start..<position))
                    word = []
                    inWord = false
                }
            } else {
                addRaw(bytes, at: position)
            }
        }

        mutating func addString(_ bytes: [UInt8], from: Int, to: Int) {
            var index = 0
            while index < bytes.count {
                let (scalar, width) = GoText.decode(bytes, at: index, end: bytes.count)
                addChar(scalar, bytes: bytes[index..<index + width], at: from)
                index += width
            }
        }

        mutating func finish(at position: Int) -> [WordRange] {
            if !word.isEmpty { words.append(WordRange(bytes: word, range: start..<position)) }
            return words
        }
    }

    let input: [UInt8]
    let options: Options
    let environment: (String) -> String?
    private(set) var position: Int
    let end: Int
    private(set) var references: [VariableReference] = []
    /// `${…}` words currently open. Each one is a recursion (`processDollar` → `processStopOn`), and continuation
    /// lines make a logical line as long as the file, so nesting is limited: 100 000 levels overflowed the stack
    /// (BuildKit's Go stack grows instead). Real Dockerfiles nest a handful.
    private var nesting = 0
    static let maxNesting = 256

    init(_ input: [UInt8], range: Range<Int>? = nil, options: Options, environment: @escaping (String) -> String?) {
        self.input = input
        self.options = options
        self.environment = environment
        let range = range ?? 0..<input.count
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    private func peek() -> UInt8? { position < end ? input[position] : nil }

    /// Processes the whole input: the expanded text and the words it splits into.
    mutating func process() throws(ShellExpansionError) -> (text: [UInt8], words: [WordRange]) {
        try processStopOn(nil)
    }

    private mutating func processStopOn(_ stop: UInt8?) throws(ShellExpansionError) -> (text: [UInt8], words: [WordRange]) {
        var result: [UInt8] = []
        var words = Words()
        let escape = options.escape
        let output = options.producesOutput
        while let byte = peek() {
            if let stop, byte == stop {
                position += 1
                return (result, words.finish(at: position - 1))
            }
            let constructStart = position
            if byte == UInt8(ascii: "$") {
                let value = try processDollar()
                if output {
                    result.append(contentsOf: value)
                    words.addString(value, from: constructStart, to: position)
                }
            } else if byte == UInt8(ascii: "'") {
                let value = try processSingleQuote()
                if output {
                    result.append(contentsOf: value)
                    words.addRaw(value, at: constructStart)
                }
            } else if byte == UInt8(ascii: "\"") {
                let value = try processDoubleQuote()
                if output {
                    result.append(contentsOf: value)
                    words.addRaw(value, at: constructStart)
                }
            } else if byte == escape {
                position += 1
                if options.rawEscapes && output {
                    words.addRaw(CollectionOfOne(byte), at: constructStart)
                    result.append(byte)
                }
                guard position < end else { break }
                let (_, width) = GoText.decode(input, at: position, end: end)
                let char = input[position..<position + width]
                position += width
                if output {
                    words.addRaw(char, at: constructStart)
                    result.append(contentsOf: char)
                }
            } else {
                let (scalar, width) = GoText.decode(input, at: position, end: end)
                if output {
                    let char = input[position..<position + width]
                    words.addChar(scalar, bytes: char, at: constructStart)
                    result.append(contentsOf: char)
                }
                position += width
            }
        }
        if let stop {
            let name = stop == UInt8(ascii: "}") ? "}" : String(UnicodeScalar(stop))
            throw ShellExpansionError("unexpected end of statement while looking for matching \(name)", at: position)
        }
        return (result, words.finish(at: position))
    }

    private mutating func processSingleQuote() throws(ShellExpansionError) -> [UInt8] {
        let start = position
        var result: [UInt8] = []
        position += 1
        if options.rawQuotes { result.append(UInt8(ascii: "'")) }
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "'") {
                if options.rawQuotes { result.append(byte) }
                return result
            }
            result.append(byte)
        }
        throw ShellExpansionError("unexpected end of statement while looking for matching single-quote", at: start)
    }

    private mutating func processDoubleQuote() throws(ShellExpansionError) -> [UInt8] {
        let start = position
        var result: [UInt8] = []
        position += 1
        if options.rawQuotes { result.append(UInt8(ascii: "\"")) }
        while let byte = peek() {
            if byte == UInt8(ascii: "\"") {
                position += 1
                if options.rawQuotes { result.append(byte) }
                return result
            }
            if byte == UInt8(ascii: "$") {
                result.append(contentsOf: try processDollar())
                continue
            }
            position += 1
            if byte == options.escape {
                guard let next = peek() else { continue }
                if next == UInt8(ascii: "\"") || next == UInt8(ascii: "$") || next == options.escape {
                    if options.rawEscapes { result.append(byte) }
                    position += 1
                    result.append(next)
                    continue
                }
            }
            result.append(byte)
        }
        throw ShellExpansionError("unexpected end of statement while looking for matching double-quote", at: start)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSpecialParameter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "-"),
             UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "0"):
            return true
        default:
            return false
        }
    }

    private mutating func processName() -> String {
        let start = position
        if let first = peek() {
            if Self.isDigit(first) {
                while let byte = peek(), Self.isDigit(byte) { position += 1 }
                return String(decoding: input[start..<position], as: UTF8.self)
            }
            if Self.isSpecialParameter(first) {
                position += 1
                return String(decoding: input[start..<position], as: UTF8.self)
            }
        }
        while let byte = peek(), Self.isNameByte(byte) { position += 1 }
        return String(decoding: input[start..<position], as: UTF8.self)
    }

    private mutating func lookup(_ name: String) -> String? { environment(name) }

    private mutating func processDollar() throws(ShellExpansionError) -> [UInt8] {
        let dollar = position
        position += 1
        if peek() != UInt8(ascii: "{") {
            let name = processName()
            if name.isEmpty { return [UInt8(ascii: "$")] }
            references.append(VariableReference(name: name, isBraced: false, modifier: nil, byteRange: dollar..<position))
            guard let value = lookup(name) else {
                return options.skipUnsetEnv ? Array(input[dollar..<position]) : []
            }
            return Array(value.utf8)
        }
        position += 1
        guard let first = peek() else { throw ShellExpansionError("syntax error: missing '}'", at: dollar) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "}") || first == UInt8(ascii: ":") {
            throw ShellExpansionError("syntax error: bad substitution", at: dollar)
        }
        let name = processName()
        guard let modifierByte = peek() else { throw ShellExpansionError("syntax error: missing '}'", at: dollar) }
        position += 1
        let referenceIndex = references.count
        references.append(VariableReference(name: name, isBraced: true, modifier: nil, byteRange: dollar..<position))
        defer { references[referenceIndex].byteRange = dollar..<position }
        let value = lookup(name)
        func verbatim(_ self: ShellLexer) -> [UInt8] { Array(self.input[dollar..<self.position]) }
        switch modifierByte {
        case UInt8(ascii: "}"):
            if value == nil && options.skipUnsetEnv { return verbatim(self) }
            return Array((value ?? "").utf8)
        case UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "?"):
            var modifier = String(UnicodeScalar(modifierByte))
            if modifierByte == UInt8(ascii: ":") {
                guard let next = peek() else { throw ShellExpansionError("syntax error: missing '}'", at: dollar) }
                position += 1
                modifier += String(UnicodeScalar(next))
                guard next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == UInt8(ascii: "?") else {
                    throw ShellExpansionError("unsupported modifier (\(UnicodeScalar(next))) in substitution", at: dollar)
                }
            }
            references[referenceIndex].modifier = modifier
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maxNesting else {
                throw ShellExpansionError("syntax error: substitutions nested more than \(Self.maxNesting) deep", at: dollar)
            }
            let word: [UInt8]
            do {
                word = try processStopOn(UInt8(ascii: "}")).text
            } catch {
                throw position >= end ? ShellExpansionError("syntax error: missing '}'", at: dollar) : error
            }
            if value == nil && options.skipUnsetEnv { return verbatim(self) }
            let current = value ?? ""
            switch modifier {
            case ":-": return current.isEmpty ? word : Array(current.utf8)
            case "-": return value == nil ? word : Array(current.utf8)
            case ":+": return current.isEmpty ? [] : word
            case "+": return value == nil ? [] : word
            default:
                let unset = value == nil
                if (unset || (modifier == ":?" && current.isEmpty)) && !options.lenientRequired {
                    let fallback = unset ? "is not allowed to be unset" : "is not allowed to be empty"
                    let message = word.isEmpty ? fallback : word.utf8String
                    throw ShellExpansionError("\(name): \(message)", at: dollar)
                }
                return Array(current.utf8)
            }
        default:
            throw ShellExpansionError("unsupported modifier (\(UnicodeScalar(modifierByte))) in substitution", at: dollar)
        }
    }
}
