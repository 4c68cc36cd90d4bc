import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// `ENV key value` is the deprecated form, and `ENV key = value` in it does not mean what it looks like.
struct LegacyEnvFormatRule: Rule {
    static let description = RuleDescription(
        id: "PL207",
        name: "legacy-env-format",
        title: "Legacy ENV key value Format",
        family: .dockerfile,
        defaultSeverity: .warning,
        summary: "An `ENV` or `LABEL` uses the whitespace-separated `key value` form (warning); written as "
            + "`ENV key = value` it sets `key` to `= value` (error).",
        rationale: """
            The legacy form takes the first word as the key and everything after it as the value, so it can \
            set only one variable and surprises readers; BuildKit reports it as `LegacyKeyValueFormat` (Docker docs, "Build checks"). \
            Worse, `ENV VERSION = 1.2` does not set `VERSION` to `1.2`: the parser (`parseNameVal`) sees one \
            key and the value `= 1.2`, and every later `$VERSION` carries the stray `= ` (Docker docs, "Build checks"). \
            The legacy form is reported once per file, at its first use, with a note listing the lines of the \
            others (one habit, often of a template the file is generated from); each stray `= ` is an error of \
            its own. `# check=skip=LegacyKeyValueFormat` turns the legacy-form warning off for a file and \
            `# check=error=true` makes it an error, as in `docker build --check`; the stray `= ` is reported \
            either way.
            """,
        fix: "Write `ENV key=value` (quote values with spaces: `ENV GREETING=\"hello world\"`). `plimsoll fix` "
            + "rewrites every legacy pair of the file (safe: the values stay the same); `ENV key = value` it "
            + "rewrites only with `--unsafe`, since that changes the value to what was meant.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nENV ↓NODE_ENV production\n"),
            RuleExample(
                "src/docker/Dockerfile", "FROM alpine:3.20\nENV VERSION ↓= 1.2.3\n",
                caption: "the value becomes '= 1.2.3' (error)"),
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\nLABEL ↓maintainer ops@example.com\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM debian:12\nENV ↓PG_MAJOR 17\nENV PATH $PATH:/usr/lib/postgresql/$PG_MAJOR/bin\n"
                    + "ENV PGDATA /var/lib/postgresql/data\n",
                caption: "one warning per file, at the first use; a note lists the others"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nENV NODE_ENV=production PORT=8080\n"),
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\nENV GREETING=\"hello world\"\nLABEL a=b\n"),
        ],
        fixExamples: [
            FixExample(
                "src/docker/Dockerfile",
                before: "FROM debian:12\n# the server's version\nENV PG_MAJOR 17\n"
                    + "ENV PATH $PATH:/usr/lib/postgresql/$PG_MAJOR/bin\nLABEL description  a small database\n",
                after: "FROM debian:12\n# the server's version\nENV PG_MAJOR=17\n"
                    + "ENV PATH=$PATH:/usr/lib/postgresql/$PG_MAJOR/bin\nLABEL description=\"a small database\"\n",
                caption: "every legacy pair of the file; a value of several words is quoted"),
            FixExample(
                "src/docker/Dockerfile",
                before: "FROM alpine:3.22\nENV LLVM_DEPS \\\n\t\tllvm19-dev \\\n\t\tclang19\nRUN apk add $LLVM_DEPS\n",
                after: "FROM alpine:3.22\nENV LLVM_DEPS=\"llvm19-dev \\\n\t\tclang19\"\nRUN apk add $LLVM_DEPS\n",
                caption: "line continuations stay, inside the quotes"),
            FixExample(
                "src/docker/Dockerfile", before: "FROM alpine:3.20\r\nENV VERSION = 1.2.3\r\n",
                after: "FROM alpine:3.20\r\nENV VERSION=1.2.3\r\n", safety: .unsafe,
                caption: "the value becomes '1.2.3' instead of '= 1.2.3' (CRLF stays)"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        // The legacy form is one habit of the file's author (or of the template it is generated from): one
        // warning at its first use, with a note counting the others, is one edit to make, as PL307 does.
        var first: (keyword: String, span: SourceSpan, note: String)?
        var otherLines: [Int] = []
        // Every legacy pair of the warning (not the stray `= ` ones): its fix rewrites them all.
        var legacyPairs: [KeyValuePair] = []
        for instruction in dockerfile.dockerfile.instructions where instruction.kind == .env || instruction.kind == .label {
            for pair in instruction.keyValuePairs where pair.form == .legacy {
                let keyword = instruction.kind.description
                if pair.value.text.hasPrefix("=") {
                    let offset = pair.value.byteRange.lowerBound
                    emitter.emit(
                        .spacedEquals(keyword, pair.key.text, value: pair.value.text), in: dockerfile.source,
                        bytes: offset..<(offset + 1), severity: .error,
                        notes: ["remove the spaces around '=': \(keyword) \(pair.key.text)=\(pair.value.text.dropFirst().trimmingWhitespace())"]
                    ) {
                        // What the author meant, not what the build does today: unsafe.
                        Self.edit(pair, in: dockerfile.source, spacedEquals: true, escape: dockerfile.dockerfile.escapeCharacter).map {
                            [Fix(title: "remove the spaces around '='", safety: .unsafe, edits: [$0])]
                        } ?? []
                    }
                } else if !dockerfile.checkDirective.skips(.legacyKeyValueFormat) {
                    legacyPairs.append(pair)
                    if first == nil {
                        let value = pair.value.text.contains(" ") ? "\"\(pair.value.text)\"" : pair.value.text
                        first = (keyword, pair.key.span, "write \(keyword) \(pair.key.text)=\(value)")
                    } else {
                        otherLines.append(pair.key.span.lowerBound.line)
                    }
                }
            }
        }
        guard let first else { return }
        var notes = [first.note]
        if !otherLines.isEmpty {
            let lines = otherLines.map(String.init).joined(separator: ", ")
            notes.append(
                "the legacy form is used \(otherLines.count) more time\(otherLines.count == 1 ? "" : "s") in this file "
                    + "(line\(otherLines.count == 1 ? "" : "s") \(lines))")
        }
        emitter.emit(
            .legacy(first.keyword), path: dockerfile.path, span: first.span,
            severity: dockerfile.checkDirective.severity(of: .legacyKeyValueFormat), notes: notes
        ) {
            let edits = legacyPairs.compactMap {
                Self.edit($0, in: dockerfile.source, spacedEquals: false, escape: dockerfile.dockerfile.escapeCharacter)
            }
            guard !edits.isEmpty else { return [] }
            return [Fix(title: "write 'key=value'", safety: .safe, edits: edits)]
        }
    }

    /// The edit that turns a legacy pair into `key=value`: the blanks between key and value become `=` (for
    /// `key = value`, the blanks, the `=` and the blanks after it), and a value of several words is quoted. Line
    /// continuations (`\` at the end of a line) may stand between the key and the value and inside the value:
    /// they stay, inside the quotes, where BuildKit joins the lines before it reads the words. Nil when the pair
    /// is not plainly in the source (quotes or escapes inside a value of several words, whose meaning quoting
    /// would change; a comment or blank line inside a continuation; another escape character).
    static func edit(_ pair: KeyValuePair, in file: SourceFile, spacedEquals: Bool, escape: Character = "\\") -> FileEdit? {
        guard escape == "\\" else { return nil }
        let bytes = file.bytes
        let gapStart = pair.key.byteRange.upperBound
        var valueStart = pair.value.byteRange.lowerBound
        let valueEnd = pair.value.byteRange.upperBound
        guard gapStart < valueStart, valueEnd <= bytes.count, valueStart < valueEnd else { return nil }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let gap = joined(bytes, gapStart..<valueStart), gap.allSatisfy(isBlank) else { return nil }
        // The value as BuildKit reads it: the source with its continuations joined must be the parsed value.
        guard let logical = joined(bytes, valueStart..<valueEnd), logical.elementsEqual(pair.value.text.utf8) else {
            return nil
        }
        if spacedEquals {
            guard bytes[valueStart] == UInt8(ascii: "="), logical.count == valueEnd - valueStart else { return nil }
            valueStart += 1
            while valueStart < valueEnd, isBlank(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < valueEnd else { return nil }
        }
        let value = bytes[valueStart..<valueEnd]
        let words = spacedEquals ? Array(value) : logical
        guard words.contains(where: isBlank) else {
            return FileEdit(path: file.path, range: gapStart..<valueStart, replacement: "=")
        }
        let special: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "`")]
        guard !words.contains(where: special.contains) else { return nil }
        return FileEdit(path: file.path, range: gapStart..<valueEnd, replacement: Array("=\"".utf8) + value + [UInt8(ascii: "\"")])
    }

    /// The bytes with each line continuation (`\`, blanks, a line end) removed, as BuildKit joins a logical
    /// line; nil for any other backslash or line end, or a continuation followed by a blank or comment line
    /// (which BuildKit skips).
    static func joined(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        var result: [UInt8] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { return nil }
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                index += 1
                continue
            }
            var next = index + 1
            while next < range.upperBound, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            if next < range.upperBound, bytes[next] == 0x0D { next += 1 }
            guard next < range.upperBound, bytes[next] == 0x0A else {
                // A backslash that is not a continuation: kept, for the caller's checks.
                result.append(byte)
                index += 1
                continue
            }
            next += 1
            // The next line (read past the range) must hold more of the instruction.
            var first = next
            while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            guard first < bytes.count, bytes[first] != 0x0A, bytes[first] != 0x0D, bytes[first] != UInt8(ascii: "#")
            else { return nil }
            index = next
        }
        return result
    }
}

extension String {
    fileprivate static func legacy(_ keyword: String) -> String {
        "'\(keyword) key=value' should be used instead of legacy '\(keyword) key value' format (LegacyKeyValueFormat)"
    }

    fileprivate static func spacedEquals(_ keyword: String, _ key: String, value: String) -> String {
        "'\(keyword) \(key) \(value)' sets '\(key)' to '\(value)', not to the text after '='"
    }
}
