import PlimsollCore

/// Parses one logical line into an `Instruction`, following BuildKit's `newNodeFromLine` and its dispatch table.
struct InstructionParser {
    let locator: Locator
    let line: LogicalLine
    let escape: UInt8
    var diagnostics: [Diagnostic] = []

    /// The parts of an instruction that depend on its kind, filled in before the `Instruction` is built once
    /// (building it first and assigning into it cost a copy of the whole value per instruction).
    private struct Body {
        var arguments: [Argument] = []
        var isJSONForm = false
        var keyValuePairs: [KeyValuePair] = []
        var words: [Word] = []
        var trigger: [Instruction] = []
    }

    /// The `=` argument of every `key=value` pair, shared.
    private static let equalsSign: ArraySlice<UInt8> = [UInt8(ascii: "=")][...]

    private func span(_ logical: Range<Int>) -> SourceSpan { locator.span(line.place(logical)) }

    /// The file span and file byte range of a logical range, from one piece lookup.
    private func located(_ logical: Range<Int>) -> (span: SourceSpan, byteRange: Range<Int>) {
        let place = line.place(logical)
        return (locator.span(place), place.range)
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: line.bytes[range], as: UTF8.self) }

    mutating func parse(_ range: Range<Int>) -> Instruction {
        let bytes = line.bytes
        let trimmed = GoText.trimSpace(bytes, range)
        var keywordEnd = trimmed.lowerBound
        while keywordEnd < trimmed.upperBound, !GoText.isSplitBlank(bytes[keywordEnd]) { keywordEnd += 1 }
        let keywordRange = trimmed.lowerBound..<keywordEnd
        // The keyword as written: the usual upper-case spelling is a constant, not a String built per line.
        let kind: InstructionKind
        let keyword: String
        if let upper = InstructionKind.upperCase(bytes[keywordRange]) {
            kind = upper
            keyword = upper.upperCaseSpelling
        } else {
            kind = InstructionKind(keyword: bytes[keywordRange])
            keyword = text(keywordRange)
        }

        var flagsStart = keywordEnd
        while flagsStart < trimmed.upperBound, GoText.isSplitBlank(bytes[flagsStart]) { flagsStart += 1 }
        var flags: [Flag] = []
        var restRange = trimmed.upperBound..<trimmed.upperBound
        if flagsStart < trimmed.upperBound {
            let (found, restStart) = BuilderFlags.extract(bytes, flagsStart..<trimmed.upperBound)
            if !found.isEmpty {
                flags.reserveCapacity(found.count)
                for raw in found { flags.append(makeFlag(raw)) }
            }
            restRange = GoText.trimSpace(bytes, restStart..<trimmed.upperBound)
        }
        let whole = located(trimmed)
        let keywordSpan = span(keywordRange)

        var body = Body()
        switch kind {
        case .run, .cmd, .entrypoint, .shell:
            maybeJSON(restRange, into: &body, fallbackSplits: false)
        case .add, .copy, .volume:
            maybeJSON(restRange, into: &body, fallbackSplits: true)
        case .from, .expose:
            body.arguments = splitOnBlanks(restRange)
        case .maintainer, .user, .workdir, .stopsignal:
            if !restRange.isEmpty { body.arguments = [argument(restRange)] }
        case .env, .label:
            keyValues(restRange, kind: kind, into: &body)
        case .arg:
            let words = WordSplitter.split(bytes, restRange, escape: escape)
            body.words.reserveCapacity(words.count)
            body.arguments.reserveCapacity(words.count)
            for word in words {
                let place = located(word.range)
                body.words.append(Word(bytes: word.text, span: place.span, byteRange: place.byteRange))
                body.arguments.append(Argument(bytes: word.text, span: place.span, byteRange: place.byteRange))
            }
        case .healthcheck:
            healthcheck(restRange, into: &body)
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
                body.trigger = [trigger]
            }
        case .unknown:
            // BuildKit's `parseIgnore` gives unknown instructions one empty argument node.
            body.arguments = [argument(restRange.lowerBound..<restRange.lowerBound)]
            if keyword.isEmpty {
                diagnostics.append(.emptyInstruction(at: whole.span))
            } else {
                diagnostics.append(.unknownInstruction(keyword.uppercased(), at: keywordSpan))
            }
        }
        FlagRules.check(kind: kind, flags: flags, into: &diagnostics)
        // BuildKit's `parseCopy`/`parseAdd` (instructions/parse.go): a source and a destination at least.
        if kind == .copy || kind == .add, body.arguments.count < 2 {
            diagnostics.append(.noDestination(kind.description, at: whole.span))
        }
        return Instruction(
            keyword: keyword, kind: kind, keywordSpan: keywordSpan, span: whole.span, byteRange: whole.byteRange,
            startLine: line.startLine, endLine: line.endLine, flags: flags, restSpan: span(restRange),
            arguments: body.arguments, isJSONForm: body.isJSONForm, heredocs: [], keyValuePairs: body.keyValuePairs,
            words: body.words, triggerStorage: body.trigger, line: line, restRange: restRange,
            escapeForReferences: escape)
    }

    private func makeFlag(_ raw: BuilderFlags.RawFlag) -> Flag {
        let whole = located(raw.range)
        var nameStart = raw.range.lowerBound
        // Skip the leading `--` as written.
        if raw.range.count >= 2 { nameStart += 2 }
        let textName: ArraySlice<UInt8>
        let value: String?
        var valueSpan: SourceSpan?
        let nameSpan: SourceSpan
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
        return Flag(name: name, value: value, span: whole.span, byteRange: whole.byteRange,
                    nameSpan: nameSpan, valueSpan: valueSpan, text: raw.text)
    }

    private func makeWord(_ raw: WordSplitter.RawWord) -> Word {
        let place = located(raw.range)
        return Word(bytes: raw.text, span: place.span, byteRange: place.byteRange)
    }

    private func argument(_ range: Range<Int>) -> Argument {
        let place = located(range)
        return Argument(bytes: line.bytes[range], span: place.span, byteRange: place.byteRange)
    }

    /// `reWhitespace.Split(rest, -1)` on an already trimmed range.
    private func splitOnBlanks(_ range: Range<Int>) -> [Argument] {
        guard !range.isEmpty else { return [] }
        let bytes = line.bytes
        // Count first, so the array is allocated once rather than grown argument by argument.
        var count = 1
        var scan = range.lowerBound
        while scan < range.upperBound {
            if GoText.isSplitBlank(bytes[scan]) {
                count += 1
                while scan < range.upperBound, GoText.isSplitBlank(bytes[scan]) { scan += 1 }
            } else {
                scan += 1
            }
        }
        var result: [Argument] = []
        result.reserveCapacity(count)
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

    private mutating func maybeJSON(_ range: Range<Int>, into body: inout Body, fallbackSplits: Bool) {
        guard !range.isEmpty else { return }
        switch JSONArrayParser.parse(line.bytes, range) {
        case .strings(let items):
            body.isJSONForm = true
            body.arguments.reserveCapacity(items.count)
            for item in items {
                let place = located(item.range)
                body.arguments.append(Argument(bytes: item.bytes, span: place.span, byteRange: place.byteRange))
            }
        case .notStringArray:
            diagnostics.append(.notStringArray(at: span(range)))
        case .invalid:
            body.arguments = fallbackSplits ? splitOnBlanks(range) : [argument(range)]
        }
    }

    private mutating func keyValues(_ range: Range<Int>, kind: InstructionKind, into body: inout Body) {
        let bytes = line.bytes
        let words = WordSplitter.split(bytes, range, escape: escape)
        guard let first = words.first else { return }
        body.words.reserveCapacity(words.count)
        for word in words { body.words.append(makeWord(word)) }
        if first.equalsIndex == nil {
            var keyEnd = range.lowerBound
            while keyEnd < range.upperBound, !GoText.isSplitBlank(bytes[keyEnd]) { keyEnd += 1 }
            var valueStart = keyEnd
            while valueStart < range.upperBound, GoText.isSplitBlank(bytes[valueStart]) { valueStart += 1 }
            guard keyEnd < range.upperBound else {
                diagnostics.append(.mustHaveTwoArguments(kind.description, at: span(range)))
                return
            }
            let keyRange = range.lowerBound..<keyEnd
            let keyPlace = located(keyRange)
            let key = Word(bytes: bytes[keyRange], span: keyPlace.span, byteRange: keyPlace.byteRange)
            let valueRange = valueStart..<range.upperBound
            let valuePlace = located(valueRange)
            let value = Word(bytes: bytes[valueRange], span: valuePlace.span, byteRange: valuePlace.byteRange)
            body.keyValuePairs = [KeyValuePair(key: key, value: value, form: .legacy, span: span(range))]
            let endPlace = located(valueRange.upperBound..<valueRange.upperBound)
            body.arguments = [Argument(bytes: bytes[keyRange], span: keyPlace.span, byteRange: keyPlace.byteRange),
                              Argument(bytes: bytes[valueRange], span: valuePlace.span, byteRange: valuePlace.byteRange),
                              Argument(bytes: [], span: endPlace.span, byteRange: endPlace.byteRange)]
            return
        }
        var pairs: [KeyValuePair] = []
        var arguments: [Argument] = []
        pairs.reserveCapacity(words.count)
        arguments.reserveCapacity(words.count * 3)
        for word in words {
            guard let equalsIndex = word.equalsIndex, let equalsOffset = word.equalsOffset else {
                diagnostics.append(.missingEquals(String(decoding: word.text, as: UTF8.self), at: span(word.range)))
                body.keyValuePairs = []
                body.arguments = []
                return
            }
            let keyRange = word.range.lowerBound..<equalsOffset
            let valueRange = (equalsOffset + 1)..<max(equalsOffset + 1, word.range.upperBound)
            // Slices of the word's buffer: no copies.
            let keyBytes = word.text[..<equalsIndex]
            let valueBytes = word.text[(equalsIndex + 1)...]
            let keyPlace = located(keyRange)
            let valuePlace = located(valueRange)
            let key = Word(bytes: keyBytes, span: keyPlace.span, byteRange: keyPlace.byteRange)
            let value = Word(bytes: valueBytes, span: valuePlace.span, byteRange: valuePlace.byteRange)
            pairs.append(KeyValuePair(key: key, value: value, form: .equals, span: span(word.range)))
            arguments.append(Argument(bytes: keyBytes, span: key.span, byteRange: key.byteRange))
            arguments.append(Argument(bytes: valueBytes, span: value.span, byteRange: value.byteRange))
            let equalsPlace = located(equalsOffset..<equalsOffset + 1)
            arguments.append(Argument(bytes: Self.equalsSign, span: equalsPlace.span, byteRange: equalsPlace.byteRange))
        }
        body.keyValuePairs = pairs
        body.arguments = arguments
    }

    private mutating func healthcheck(_ range: Range<Int>, into body: inout Body) {
        let bytes = line.bytes
        var separator = range.lowerBound
        while separator < range.upperBound, !GoText.isSpaceByte(bytes[separator]) { separator += 1 }
        var next = separator
        while next < range.upperBound, GoText.isSpaceByte(bytes[next]) { next += 1 }
        guard separator > range.lowerBound else { return }
        var command = Body()
        maybeJSON(next..<range.upperBound, into: &command, fallbackSplits: false)
        body.isJSONForm = command.isJSONForm
        body.arguments = [argument(range.lowerBound..<separator)] + command.arguments
    }
}
