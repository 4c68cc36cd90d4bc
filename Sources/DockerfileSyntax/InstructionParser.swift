import PlimsollCore

/// Parses one logical line into an `Instruction`, following BuildKit's `newNodeFromLine` and its dispatch table.
struct InstructionParser {
    let file: SourceFile
    let locator: Locator
    let line: LogicalLine
    let escape: UInt8
    var diagnostics: [Diagnostic] = []

    /// The `=` argument of every `key=value` pair, shared.
    private static let equalsSign: ArraySlice<UInt8> = [UInt8(ascii: "=")][...]

    private func span(_ logical: Range<Int>) -> SourceSpan { locator.span(line.sourceRange(logical)) }

    private func text(_ range: Range<Int>) -> String { String(decoding: line.bytes[range], as: UTF8.self) }

    mutating func parse(_ range: Range<Int>) -> Instruction {
        let bytes = line.bytes
        let trimmed = GoText.trimSpace(bytes, range)
        var keywordEnd = trimmed.lowerBound
        while keywordEnd < trimmed.upperBound, !GoText.isSplitBlank(bytes[keywordEnd]) { keywordEnd += 1 }
        let keywordRange = trimmed.lowerBound..<keywordEnd
        let keyword = text(keywordRange)
        let kind = InstructionKind(keyword: bytes[keywordRange])

        var flagsStart = keywordEnd
        while flagsStart < trimmed.upperBound, GoText.isSplitBlank(bytes[flagsStart]) { flagsStart += 1 }
        var rawFlags: [BuilderFlags.RawFlag] = []
        var restRange = trimmed.upperBound..<trimmed.upperBound
        if flagsStart < trimmed.upperBound {
            let (found, restStart) = BuilderFlags.extract(bytes, flagsStart..<trimmed.upperBound)
            rawFlags = found
            restRange = GoText.trimSpace(bytes, restStart..<trimmed.upperBound)
        }
        let flags = rawFlags.map(makeFlag)
        let instructionSpan = span(trimmed)
        var instruction = Instruction(
            keyword: keyword, kind: kind, keywordSpan: span(keywordRange), span: instructionSpan,
            byteRange: line.sourceRange(trimmed), startLine: line.startLine, endLine: line.endLine,
            flags: flags, restSpan: span(restRange),
            arguments: [], isJSONForm: false, heredocs: [], keyValuePairs: [], words: [], triggerStorage: [],
            line: line, restRange: restRange, escapeForReferences: escape)

        switch kind {
        case .run, .cmd, .entrypoint, .shell:
            maybeJSON(restRange, into: &instruction, fallbackSplits: false)
        case .add, .copy, .volume:
            maybeJSON(restRange, into: &instruction, fallbackSplits: true)
        case .from, .expose:
            instruction.arguments = splitOnBlanks(restRange)
        case .maintainer, .user, .workdir, .stopsignal:
            if !restRange.isEmpty { instruction.arguments = [argument(restRange)] }
        case .env, .label:
            keyValues(restRange, kind: kind, into: &instruction)
        case .arg:
            let words = WordSplitter.split(bytes, restRange, escape: escape)
            instruction.words = words.map(makeWord)
            instruction.arguments = words.map { Argument(bytes: $0.text, span: span($0.range), byteRange: line.sourceRange($0.range)) }
        case .healthcheck:
            healthcheck(restRange, into: &instruction)
        case .onbuild:
            if !restRange.isEmpty {
                var nested = self
                nested.diagnostics = []
                let trigger = nested.parse(restRange)
                diagnostics.append(contentsOf: nested.diagnostics)
                switch trigger.kind {
                case .onbuild: diagnostics.append(.onbuildChaining(at: trigger.keywordSpan))
                case .from, .maintainer: diagnostics.append(.onbuildForbidden(trigger.kind.description, at: trigger.keywordSpan))
                default: break
                }
                instruction.triggerStorage = [trigger]
            }
        case .unknown:
            // BuildKit's `parseIgnore` gives unknown instructions one empty argument node.
            instruction.arguments = [argument(restRange.lowerBound..<restRange.lowerBound)]
            if keyword.isEmpty {
                diagnostics.append(.emptyInstruction(at: instructionSpan))
            } else {
                diagnostics.append(.unknownInstruction(keyword.uppercased(), at: instruction.keywordSpan))
            }
        }
        FlagRules.check(kind: kind, flags: flags, into: &diagnostics)
        return instruction
    }

    private func makeFlag(_ raw: BuilderFlags.RawFlag) -> Flag {
        let whole = span(raw.range)
        var nameStart = raw.range.lowerBound
        // Skip the leading `--` as written.
        if raw.range.count >= 2 { nameStart += 2 }
        let textName: ArraySlice<UInt8>
        let value: String?
        var valueSpan: SourceSpan?
        var nameSpan = whole
        if let equalsIndex = raw.equalsIndex, let equalsOffset = raw.equalsOffset {
            textName = raw.text[..<equalsIndex]
            value = String(decoding: raw.text[(equalsIndex + 1)...], as: UTF8.self)
            nameSpan = span(nameStart..<max(nameStart, equalsOffset))
            valueSpan = span(min(equalsOffset + 1, raw.range.upperBound)..<raw.range.upperBound)
        } else {
            textName = raw.text[...]
            value = nil
            nameSpan = span(nameStart..<raw.range.upperBound)
        }
        let name = String(decoding: textName.starts(with: [0x2D, 0x2D]) ? textName.dropFirst(2) : textName, as: UTF8.self)
        return Flag(name: name, value: value, span: whole, byteRange: line.sourceRange(raw.range),
                    nameSpan: nameSpan, valueSpan: valueSpan, text: raw.text)
    }

    private func makeWord(_ raw: WordSplitter.RawWord) -> Word {
        Word(text: String(decoding: raw.text, as: UTF8.self), span: span(raw.range), byteRange: line.sourceRange(raw.range))
    }

    private func argument(_ range: Range<Int>) -> Argument {
        Argument(bytes: line.bytes[range], span: span(range), byteRange: line.sourceRange(range))
    }

    /// `reWhitespace.Split(rest, -1)` on an already trimmed range.
    private func splitOnBlanks(_ range: Range<Int>) -> [Argument] {
        guard !range.isEmpty else { return [] }
        let bytes = line.bytes
        var result: [Argument] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if GoText.isSplitBlank(bytes[index]) {
                result.append(argument(start..<index))
                while index < range.upperBound, GoText.isSplitBlank(bytes[index]) { index += 1 }
                start = index
            } else {
                index += 1
            }
        }
        result.append(argument(start..<range.upperBound))
        return result
    }

    private mutating func maybeJSON(_ range: Range<Int>, into instruction: inout Instruction, fallbackSplits: Bool) {
        guard !range.isEmpty else { return }
        switch JSONArrayParser.parse(line.bytes, range) {
        case .strings(let items):
            instruction.isJSONForm = true
            instruction.arguments = items.map {
                Argument(bytes: $0.bytes[...], span: span($0.range), byteRange: line.sourceRange($0.range))
            }
        case .notStringArray:
            diagnostics.append(.notStringArray(at: span(range)))
        case .invalid:
            instruction.arguments = fallbackSplits ? splitOnBlanks(range) : [argument(range)]
        }
    }

    private mutating func keyValues(_ range: Range<Int>, kind: InstructionKind, into instruction: inout Instruction) {
        let bytes = line.bytes
        let words = WordSplitter.split(bytes, range, escape: escape)
        guard let first = words.first else { return }
        instruction.words = words.map(makeWord)
        if first.equalsIndex == nil {
            var keyEnd = range.lowerBound
            while keyEnd < range.upperBound, !GoText.isSplitBlank(bytes[keyEnd]) { keyEnd += 1 }
            var valueStart = keyEnd
            while valueStart < range.upperBound, GoText.isSplitBlank(bytes[valueStart]) { valueStart += 1 }
            guard keyEnd < range.upperBound else {
                diagnostics.append(.mustHaveTwoArguments(kind.description, at: span(range)))
                return
            }
            let key = Word(text: text(range.lowerBound..<keyEnd), span: span(range.lowerBound..<keyEnd),
                           byteRange: line.sourceRange(range.lowerBound..<keyEnd))
            let valueRange = valueStart..<range.upperBound
            let value = Word(text: text(valueRange), span: span(valueRange), byteRange: line.sourceRange(valueRange))
            instruction.keyValuePairs = [KeyValuePair(key: key, value: value, form: .legacy, span: span(range))]
            instruction.arguments = [argument(range.lowerBound..<keyEnd), argument(valueRange),
                                     Argument(bytes: [], span: span(valueRange.upperBound..<valueRange.upperBound),
                                              byteRange: line.sourceRange(valueRange.upperBound..<valueRange.upperBound))]
            return
        }
        var pairs: [KeyValuePair] = []
        var arguments: [Argument] = []
        pairs.reserveCapacity(words.count)
        arguments.reserveCapacity(words.count * 3)
        for word in words {
            guard let equalsIndex = word.equalsIndex, let equalsOffset = word.equalsOffset else {
                diagnostics.append(.missingEquals(String(decoding: word.text, as: UTF8.self), at: span(word.range)))
                instruction.keyValuePairs = []
                instruction.arguments = []
                return
            }
            let keyRange = word.range.lowerBound..<equalsOffset
            let valueRange = (equalsOffset + 1)..<max(equalsOffset + 1, word.range.upperBound)
            // Slices of the word's buffer: no copies.
            let keyBytes = word.text[..<equalsIndex]
            let valueBytes = word.text[(equalsIndex + 1)...]
            let key = Word(text: String(decoding: keyBytes, as: UTF8.self), span: span(keyRange),
                           byteRange: line.sourceRange(keyRange))
            let value = Word(text: String(decoding: valueBytes, as: UTF8.self), span: span(valueRange),
                             byteRange: line.sourceRange(valueRange))
            pairs.append(KeyValuePair(key: key, value: value, form: .equals, span: span(word.range)))
            arguments.append(Argument(bytes: keyBytes, span: key.span, byteRange: key.byteRange))
            arguments.append(Argument(bytes: valueBytes, span: value.span, byteRange: value.byteRange))
            arguments.append(Argument(bytes: Self.equalsSign, span: span(equalsOffset..<equalsOffset + 1),
                                      byteRange: line.sourceRange(equalsOffset..<equalsOffset + 1)))
        }
        instruction.keyValuePairs = pairs
        instruction.arguments = arguments
    }

    private mutating func healthcheck(_ range: Range<Int>, into instruction: inout Instruction) {
        let bytes = line.bytes
        var separator = range.lowerBound
        while separator < range.upperBound, !GoText.isSpaceByte(bytes[separator]) { separator += 1 }
        var next = separator
        while next < range.upperBound, GoText.isSpaceByte(bytes[next]) { next += 1 }
        guard separator > range.lowerBound else { return }
        var command = instruction
        command.arguments = []
        maybeJSON(next..<range.upperBound, into: &command, fallbackSplits: false)
        instruction.isJSONForm = command.isJSONForm
        instruction.arguments = [argument(range.lowerBound..<separator)] + command.arguments
    }
}
