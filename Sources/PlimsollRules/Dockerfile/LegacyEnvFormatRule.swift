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
        fix: "Write `ENV key=value` (quote values with spaces: `ENV GREETING=\"hello world\"`).",
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
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        // The legacy form is one habit of the file's author (or of the template it is generated from): one
        // warning at its first use, with a note counting the others, is one edit to make, as PL307 does.
        var first: (keyword: String, span: SourceSpan, note: String)?
        var otherLines: [Int] = []
        for instruction in dockerfile.dockerfile.instructions where instruction.kind == .env || instruction.kind == .label {
            for pair in instruction.keyValuePairs where pair.form == .legacy {
                let keyword = instruction.kind.description
                if pair.value.text.hasPrefix("=") {
                    let offset = pair.value.byteRange.lowerBound
                    emitter.emit(
                        .spacedEquals(keyword, pair.key.text, value: pair.value.text), in: dockerfile.source,
                        bytes: offset..<(offset + 1), severity: .error,
                        notes: ["remove the spaces around '=': \(keyword) \(pair.key.text)=\(pair.value.text.dropFirst().trimmingWhitespace())"])
                } else if !dockerfile.checkDirective.skips(.legacyKeyValueFormat) {
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
            severity: dockerfile.checkDirective.severity(of: .legacyKeyValueFormat), notes: notes)
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
