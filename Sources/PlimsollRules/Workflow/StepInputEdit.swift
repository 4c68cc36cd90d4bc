import PlimsollCore
import RepositoryModel
import WorkflowModel
import YAMLSyntax

/// The edit that adds one line to a newline-separated input of a step (metadata-action's `tags:`,
/// build-push-action's `labels:`), for the fixes of the tag and label rules. Only the bytes needed change: a `|`
/// block gets one more line at its own indentation; a one-line plain value becomes a `|` block of itself and the
/// new line; an absent input is added as the first entry of the step's block `with:` (with `defaults`, the
/// lines the action uses when the input is absent, written out first so they are kept). The file's line ending
/// is used. Anything else (a folded or quoted value, a flow mapping, an indentation indicator, an empty value),
/// and a line that would copy a template's blank, gets no edit.
enum StepInputEdit {
    /// metadata-action's tags when `tags:` is empty (its README, "tags input").
    static let defaultTags = ["type=schedule", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr"]

    static func adding(
        _ tag: String, to input: String, of step: Step, in file: SourceFile, defaults: [String] = []
    ) -> FileEdit? {
        adding([tag], to: input, of: step, in: file, defaults: defaults)
    }

    /// Several lines, in one edit.
    static func adding(
        _ tags: [String], to input: String, of step: Step, in file: SourceFile, defaults: [String] = []
    ) -> FileEdit? {
        // A line built from a template's blank (`mentorhub-<<TODO:component>>:sha`) would copy the blank: PL106
        // is fixed by filling it in, by hand.
        guard !tags.isEmpty, !tags.contains(where: TemplatePlaceholderRule.holdsBlank) else { return nil }
        let newline = file.lineEnding
        let bytes = file.bytes
        guard let entry = step.with[input] else {
            return addingEntry(input, lines: defaults + tags, to: step, in: file)
        }
        // The step must be in this file.
        guard entry.keyNode.span.upperBound.offset <= bytes.count,
            bytes[entry.keyNode.span.lowerBound.offset..<entry.keyNode.span.upperBound.offset].elementsEqual(input.utf8)
        else { return nil }
        let key = entry.keyNode
        let value = entry.value
        guard !key.isFlow, !value.isFlow, let scalar = value.scalar, key.span.upperBound.offset <= bytes.count,
            value.span.upperBound.offset <= bytes.count
        else { return nil }
        let keyLine = key.span.lowerBound.line
        guard keyLine >= 1, keyLine <= file.lineCount, file.lineStarts[keyLine - 1] <= key.span.lowerBound.offset
        else { return nil }
        let keyColumn = key.span.lowerBound.offset - file.lineStarts[keyLine - 1]
        switch scalar.style {
        case .literal:
            // The header (`|`, `|-`, `|+`) on the key's line, without an indentation indicator.
            guard value.span.lowerBound.line == keyLine else { return nil }
            let header = file.lineByteRange(keyLine)
            let afterKey = bytes[key.span.upperBound.offset..<header.upperBound]
            guard let bar = afterKey.firstIndex(of: UInt8(ascii: "|")),
                !bytes[bar..<header.upperBound].prefix(3).contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            else { return nil }
            // The block's lines: from the line after the key while blank or indented at least as its first line.
            var contentIndent: Int?
            var lastLine = keyLine
            var line = keyLine + 1
            while line <= file.lineCount {
                let range = file.lineByteRange(line)
                let indent = file.indentation(ofLine: line)
                if range.count == indent.utf8.count {
                    line += 1
                    continue
                }
                if let contentIndent {
                    if indent.utf8.count < contentIndent { break }
                } else {
                    guard indent.utf8.count > keyColumn, !indent.contains("\t") else { break }
                    contentIndent = indent.utf8.count
                }
                lastLine = line
                line += 1
            }
            guard let contentIndent, lastLine > keyLine else { return nil }
            let indent = String(repeating: " ", count: contentIndent)
            let end = file.lineByteRange(lastLine).upperBound
            // After the last line's own line end (or, at the end of a file without one, before it).
            if lastLine < file.lineCount {
                let text = tags.map { indent + $0 + newline }.joined()
                return FileEdit(path: file.path, range: file.lineStarts[lastLine]..<file.lineStarts[lastLine], replacement: text)
            }
            return FileEdit(path: file.path, range: end..<end, replacement: tags.map { newline + indent + $0 }.joined())
        case .plain:
            // One line, on the key's line: `tags: type=sha` becomes a block of the old line and the new one.
            guard value.span.lowerBound.line == keyLine, value.span.upperBound.line == keyLine,
                !scalar.value.contains("\n"), !scalar.value.isEmpty
            else { return nil }
            let range = value.span.lowerBound.offset..<value.span.upperBound.offset
            guard bytes[range].elementsEqual(scalar.value.utf8) else { return nil }
            let indent = String(repeating: " ", count: keyColumn + 2)
            let lineEnd = file.lineByteRange(keyLine).upperBound
            // The rest of the line (a comment) stays after the `|`; the lines follow it.
            let rest = String(decoding: bytes[range.upperBound..<lineEnd], as: UTF8.self)
            return FileEdit(
                path: file.path, range: range.lowerBound..<lineEnd,
                replacement: "|" + rest + newline + indent + scalar.value + tags.map { newline + indent + $0 }.joined())
        default:
            return nil
        }
    }

    /// The fix that adds `line` to the tags of the metadata-action step a publication's tags come from; nil when
    /// they do not come from one, or the step is not in `file`, or the step's `flavor:` gives every tag a prefix or
    /// suffix (`suffix=-${{ matrix.variant }}`): the added line would not make the tag the rule asks for, and the
    /// fix would be offered again after every run.
    static func tagFix(
        adding line: String, title: String, safety: FixSafety, for publication: Publication, in file: SourceFile
    ) -> [Fix] {
        guard let metadata = publication.tagsMetadata, metadata.flavor.prefix.isEmpty, metadata.flavor.suffix.isEmpty,
            let edit = adding(line, to: "tags", of: metadata.step, in: file, defaults: defaultTags)
        else { return [] }
        return [Fix(title: title, safety: safety, edits: [edit])]
    }

    /// The input with its lines (one line: on the key's line), as the first entry of a block `with:`.
    static func addingEntry(_ input: String, lines: [String], to step: Step, in file: SourceFile) -> FileEdit? {
        guard let first = step.with.first, !first.keyNode.isFlow, first.keyNode.span.upperBound.offset <= file.bytes.count
        else { return nil }
        let keyLine = first.keyNode.span.lowerBound.line
        guard keyLine >= 1, keyLine <= file.lineCount else { return nil }
        let lineStart = file.lineStarts[keyLine - 1]
        let column = first.keyNode.span.lowerBound.offset - lineStart
        let indent = file.indentation(ofLine: keyLine)
        // The first input must start its line (not `with: {…}` nor a key after `- `).
        guard indent.utf8.count == column, !indent.contains("\t") else { return nil }
        let newline = file.lineEnding
        // One line that YAML reads as a plain scalar goes on the key's line; anything else in a block.
        let plain = lines.count == 1 && !(lines.first ?? "").contains(": ") && !(lines.first ?? "").contains(" #")
            && !"{[&*!|>'\"%@`#-?:,]}".contains((lines.first ?? "-").first ?? "-")
        guard !plain else {
            return FileEdit(path: file.path, range: lineStart..<lineStart, replacement: indent + input + ": " + (lines.first ?? "") + newline)
        }
        let inner = indent + "  "
        var text = indent + input + ": |" + newline
        for line in lines { text += inner + line + newline }
        return FileEdit(path: file.path, range: lineStart..<lineStart, replacement: text)
    }
}
