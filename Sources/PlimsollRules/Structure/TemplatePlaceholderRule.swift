import DockerfileSyntax
import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A repository created from a template still holds the template's blanks.
struct TemplatePlaceholderRule: Rule {
    static let description = RuleDescription(
        id: "PL106",
        name: "template-placeholder",
        title: "Unfilled Template Placeholder",
        family: .structure,
        defaultSeverity: .error,
        summary: "A Dockerfile instruction, a script or a workflow still holds a template placeholder where a "
            + "command, tag or value belongs: `TODO:`, `<<NAME>>`, or `{{…}}` outside `${{ }}`.",
        rationale: """
            The organisation's repository template ships blanks such as `TODO: Create Dockerfile here.` and \
            `<<IMAGE_NAME>>`. Left in place they fail late and obscurely: `<<` and spaces are not valid in an \
            image reference (docker/metadata-action README), and `{{ github.sha }}` without the `$` is passed literally. A `{{…}}` \
            that means something to the tool reading it does not fire: `{{defaultContext}}` and \
            metadata-action's `{{version}}`, `{{is_default_branch}}`, `{{branch}}`, `{{sha}}`, \
            `{{date '…'}}`… inside docker actions' inputs (docker/build-push-action README; docker/metadata-action README), \
            docker/github-builder's `{{meta.version}}`… in the `with:` of a job that calls its reusable workflow \
            (any action's inputs and any called workflow's `with:` are read by that action or workflow; there \
            only a GitHub expression without its `$` fires), and Go templates such as \
            `docker inspect -f '{{.Id}}'`. Comments are never read, so a `# TODO: pin` note is fine, and \
            templates are not read at all: files named for a template language (`*.template`, `*.tmpl`, \
            `*.j2`…), files in a folder whose name contains `template`, and the files a template repository \
            declares (`templates:` in `.plimsoll.yml`, `.stage0_template/process.yaml`) get one PL003 note.

            A Dockerfile whose placeholder stands where an instruction should be (`TODO: Create Dockerfile \
            here.`) is an unknown instruction: PL001 reports it already, with BuildKit's parse error, so PL106 \
            leaves those lines to PL001 and reports placeholders inside real instructions.
            """,
        fix: "Replace the placeholder with the real value, or delete the line.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM ↓<<BASE_IMAGE>>\nUSER 65532\n"),
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ghcr.io/example/↓{{app_name}}:local .\n",
                executable: true),
            RuleExample(
                "src/docker/docker-build.sh", "#!/bin/sh\ndocker build -t ↓TODO:image-name -f src/docker/Dockerfile .\n",
                executable: true, caption: "a blank as an option's value"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: echo ↓{{ github.sha }}\n      - run: docker build -t ↓<<IMAGE_NAME>> .\n"),
            RuleExample(
                ".github/workflows/build.yml",
                "on: push\njobs:\n  build:\n    uses: docker/github-builder/.github/workflows/build.yml@v1\n"
                    + "    with:\n      meta-images: ↓<<IMAGE_NAME>>\n      build-args: |\n"
                    + "        VERSION={{meta.version}}\n        REVISION=↓{{ github.sha }}\n      target: ↓TODO:target\n",
                caption: "a called workflow's `with:` still holds the organisation's blanks and `{{…}}` without `$`"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n"
                    + "          images: ghcr.io/${{ github.repository }}\n          tags: |\n"
                    + "            type=raw,value=latest,enable={{is_default_branch}}\n"
                    + "            type=semver,pattern={{version}}\n"
                    + "            type=raw,value={{date 'YYYYMMDD'}}\n"
                    + "      - uses: docker/build-push-action@v6\n        with:\n"
                    + "          context: \"{{defaultContext}}:src\"\n          tags: ${{ steps.meta.outputs.tags }}\n"),
            RuleExample(
                "src/docker/docker-build.sh",
                "#!/bin/sh\n# TODO: add a cache\ndocker build -t app .\ngit tag -m \"TODO: notes\" local\n"
                    + "docker inspect -f '{{.Id}}' app\n"
                    + "cat <<EOF >> log\nbuilt\nEOF\n",
                executable: true, caption: "a comment, prose after an option, a Go template, a heredoc"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                    + "        pattern: ['{{major}}.{{minor}}', '{{date \\'YYYYMMDD\\'}}']\n    steps:\n"
                    + "      - uses: ./\n        with:\n          tags: type=semver,pattern=${{ matrix.pattern }}\n"
                    + "          flavor: prefix={{branch}}-\n"
                    + "      - run: |\n          cat > prompt.md <<EOF\n          {{#if ready}}go{{/if}}\n          EOF\n",
                caption: "an action's own templates (here the action tests itself), a Handlebars block"),
            RuleExample(
                ".github/workflows/build.yml",
                "on: push\njobs:\n  build:\n    uses: docker/github-builder/.github/workflows/build.yml@v1\n"
                    + "    with:\n      output: image\n      meta-images: ghcr.io/acme/app\n      build-args: |\n"
                    + "        VERSION={{meta.version}}\n      labels: |\n        org.example.version={{ meta.version }}\n",
                caption: "docker/github-builder's metadata templates in the `with:` of its reusable workflow"),
            RuleExample("src/docker/Dockerfile.template", "FROM <<BASE_IMAGE>>\n", caption: "a template file"),
            RuleExample("src/docker/Dockerfile", "TODO: Create Dockerfile here.\n", caption: "PL001 reports this one"),
        ]
    )

    /// Placeholders docker's actions expand themselves (metadata-action README, build-push-action README).
    static let actionPlaceholders: Set<String> = [
        "defaultContext", "version", "major", "minor", "patch", "raw", "is_default_branch", "is_not_default_branch",
        "branch", "tag", "sha", "base_ref", "date", "commit_date", "ref", "pr",
    ]
    static let goTemplateWords: Set<String> = [
        "json", "index", "range", "if", "else", "end", "with", "printf", "len", "define", "template", "block", "print",
        "println", "join", "upper", "lower", "title", "split", "pad", "truncate",
    ]

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard !Self.isTemplate(dockerfile.path) else { return }
        let bytes = dockerfile.source.bytes
        let instructions = dockerfile.dockerfile.instructions
        for index in instructions.indices where instructions[index].kind.isKnown {
            // A range without `TODO:`, `<<` or `{{` has no placeholder on any of its lines: one pass over it
            // instead of the line-by-line scan (most instructions).
            let range = instructions[index].byteRange
            if Self.mayHoldPlaceholder(bytes, range) {
                scan(dockerfile.source, range: range, emitter: &emitter)
            }
            for heredoc in instructions[index].heredocs where Self.mayHoldPlaceholder(bytes, heredoc.bodyByteRange) {
                scan(dockerfile.source, range: heredoc.bodyByteRange, emitter: &emitter)
            }
        }
    }

    func check(script: ScriptFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard !Self.isTemplate(script.path) else { return }
        scan(script.source, range: 0..<script.source.bytes.count, emitter: &emitter)
    }

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard !Self.isTemplate(workflow.path) else { return }
        var inputs: [Range<Int>] = []
        // An action's inputs are that action's to read, and many template them (metadata-action's `{{version}}`,
        // goreleaser's `{{ .Tag }}`, a local action tested with `uses: ./`): a `{{…}}` there is reported only when
        // it is a GitHub expression without its `$`. A called reusable workflow's `with:` is that workflow's to
        // read in the same way (docker/github-builder's `{{meta.version}}`).
        for job in workflow.workflow?.jobs ?? [] {
            if job.uses != nil {
                inputs += job.with.map { $0.value.span.lowerBound.offset..<$0.value.span.upperBound.offset }
            }
            for step in job.steps where step.uses != nil {
                inputs += step.with.map { $0.value.span.lowerBound.offset..<$0.value.span.upperBound.offset }
            }
        }
        scan(workflow.source, range: 0..<workflow.source.bytes.count, actionInputs: inputs, emitter: &emitter)
    }

    /// A template by its name or folder (`TemplateFiles`). The loader does not parse those, so this guards a
    /// repository built by hand (an embedding program's `Repository`).
    static func isTemplate(_ path: String) -> Bool { TemplateFiles.evidence(path: path) != nil }

    /// Scans the lines of `range` outside comments for placeholders. In a workflow (`actionInputs` given),
    /// metadata-action's and build-push-action's own `{{…}}` are never blanks, wherever they stand (a matrix value
    /// can carry `{{version}}` to a `pattern=`), and inside an action's inputs only a GitHub expression without
    /// its `$` is.
    private func scan(
        _ file: SourceFile, range: Range<Int>, actionInputs: [Range<Int>]? = nil, emitter: inout FindingEmitter
    ) {
        let bytes = file.bytes
        let candidates = bytes.withUnsafeBufferPointer { Self.candidateLines($0, range) }
        for line in candidates {
            let codeEnd = Self.codeEnd(bytes, line)
            for (offset, text) in Self.placeholders(bytes, line.lowerBound..<codeEnd) {
                if let actionInputs, text.hasPrefix("{{") {
                    if Self.isActionPlaceholder(text) { continue }
                    if actionInputs.contains(where: { $0.contains(offset) }), !Self.looksLikeExpression(text) { continue }
                }
                let hint = text.hasPrefix("{{") && Self.looksLikeExpression(text)
                emitter.emit(
                    .placeholder(text), in: file, bytes: offset..<(offset + text.utf8.count),
                    notes: hint ? ["a GitHub expression needs a '$': '$\(text)'"] : [])
            }
        }
    }

    /// Where the code of a line ends: at a `#` that starts a word outside quotes.
    static func codeEnd(_ bytes: [UInt8], _ line: Range<Int>) -> Int {
        var quote: UInt8?
        for index in line {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "#"), index == line.lowerBound || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[index - 1]) {
                return index
            }
        }
        return line.upperBound
    }

    /// Placeholders in one line of code, with their byte offsets.
    static func placeholders(_ bytes: [UInt8], _ line: Range<Int>) -> [(Int, String)] {
        // Every placeholder holds `TODO:`, `<<` or `{{`, all ASCII, which U+FFFD repair can neither make nor
        // break: a line with none of them has no placeholder, and most lines have none.
        guard mayHoldPlaceholder(bytes, line) else { return [] }
        let text = String(decoding: bytes[line], as: UTF8.self)
        let utf8 = Array(text.utf8)
        var found: [(Int, String)] = []
        var index = 0
        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
        while index < utf8.count {
            // Every placeholder starts with `T`, `<` or `{`: test that byte before the slower prefix matches.
            let byte = utf8[index]
            guard byte == UInt8(ascii: "T") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let rest = utf8[index...]
            if rest.starts(with: "TODO:".utf8), index == 0 || !isAlnum(utf8[index - 1]), todoIsValue(utf8, at: index) {
                // `TODO:image` is one blank, shown whole; `TODO: text` is shown as `TODO:`.
                var end = index + 5
                while end < utf8.count, ![0x20, 0x09, 0x22, 0x27, 0x0A, 0x0D].contains(utf8[end]) { end += 1 }
                found.append((line.lowerBound + index, String(decoding: utf8[index..<end], as: UTF8.self)))
                index = end
                continue
            }
            if rest.starts(with: "<<".utf8), let end = closing(utf8, from: index + 2, ">>") {
                let inner = utf8[(index + 2)..<end]
                if let first = inner.first, isAlnum(first), let last = inner.last, last != 0x20,
                   inner.allSatisfy({ isAlnum($0) || [0x20, 0x2D, 0x2E, 0x3A, 0x2F].contains($0) }) {
                    found.append((line.lowerBound + index, String(decoding: utf8[index..<(end + 2)], as: UTF8.self)))
                    index = end + 2
                    continue
                }
            }
            if rest.starts(with: "{{".utf8), let end = closing(utf8, from: index + 2, "}}") {
                let whole = String(decoding: utf8[index..<(end + 2)], as: UTF8.self)
                if index > 0, utf8[index - 1] == UInt8(ascii: "$") {
                    index = end + 2
                    continue
                }
                let inner = String(decoding: utf8[(index + 2)..<end], as: UTF8.self).trimmingWhitespace()
                let word = inner.split(separator: " ").first.map(String.init) ?? ""
                // A blank is a name: `{{app_name}}`, `{{ cookiecutter.name }}`. Anything else is another
                // language's syntax: Go templates (`{{.Id}}`, `{{- …}}`, `{{$x}}`, `{{ range … }}`), Handlebars and
                // Mustache blocks (`{{#if x}}`, `{{/if}}`, `{{^x}}`, `{{> partial}}`), or a regular expression.
                if let first = inner.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
                    !goTemplateWords.contains(word), word != "else"
                {
                    found.append((line.lowerBound + index, whole))
                }
                index = end + 2
                continue
            }
            index += 1
        }
        return found
    }

    /// The lines of `range` (split at `\n`) that hold `<<`, `TODO:` or a `{{` not right after `$`, in order: every
    /// placeholder `placeholders` finds holds one, and most lines hold none.
    static func candidateLines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        // Positions before this are on lines already taken.
        var next = range.lowerBound
        func takeLine(at position: Int) {
            var start = position
            while start > range.lowerBound, buffer[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            var end = position
            while end < range.upperBound, buffer[end] != UInt8(ascii: "\n") { end += 1 }
            lines.append(start..<end)
            next = end + 1
        }
        func startsMarker(_ position: Int) -> Bool {
            Self.startsMarker(buffer, position, start: range.lowerBound, end: range.upperBound)
        }
        var index = range.lowerBound
        while index < range.upperBound {
            if index >= next, startsMarker(index) { takeLine(at: index) }
            index = max(index + 1, next)
        }
        return lines
    }

    /// Whether `<<`, `TODO:` or a `{{` not right after `$` starts at `position` (within `start..<end`).
    private static func startsMarker(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: Int, start: Int, end: Int
    ) -> Bool {
        let byte = buffer[position]
        if byte == UInt8(ascii: "<") {
            return position + 1 < end && buffer[position + 1] == byte
        }
        if byte == UInt8(ascii: "{") {
            // `${{` opens a GitHub expression, which `placeholders` passes over: a line whose only `{{` are
            // those (most lines with an expression) holds no placeholder from them.
            return position + 1 < end && buffer[position + 1] == byte
                && !(position > start && buffer[position - 1] == UInt8(ascii: "$"))
        }
        return byte == UInt8(ascii: "T") && position + 5 <= end && buffer[position + 1] == UInt8(ascii: "O")
            && buffer[position + 2] == UInt8(ascii: "D") && buffer[position + 3] == UInt8(ascii: "O")
            && buffer[position + 4] == UInt8(ascii: ":")
    }

    static func mayHoldPlaceholder(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { mayHoldPlaceholder($0, line) }
    }

    static func mayHoldPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        var index = line.lowerBound
        while index + 1 < line.upperBound {
            let byte = bytes[index]
            if (byte == UInt8(ascii: "<") || byte == UInt8(ascii: "{")) && bytes[index + 1] == byte { return true }
            if byte == UInt8(ascii: "T"), index + 5 <= line.upperBound, bytes[index + 1] == UInt8(ascii: "O"),
               bytes[index + 2] == UInt8(ascii: "D"), bytes[index + 3] == UInt8(ascii: "O"),
               bytes[index + 4] == UInt8(ascii: ":") { return true }
            index += 1
        }
        return false
    }

    /// `TODO:` where a command or value belongs: first on the line, after `=`, `:` or a single keyword, or as
    /// an option's value written as one word (`-t TODO:image`); not as text an `echo` prints, and not as prose
    /// (`-m "TODO: fix"`, where a space follows).
    static func todoIsValue(_ utf8: [UInt8], at index: Int) -> Bool {
        var before = String(decoding: utf8[..<index], as: UTF8.self).trimmingWhitespace()
        if before.hasSuffix("\"") || before.hasSuffix("'") { before = String(before.dropLast()).trimmingWhitespace() }
        if before.isEmpty || before.hasSuffix("=") || before.hasSuffix(":") || before == "-" { return true }
        let words = before.split(separator: " ")
        if words.count == 1 { return !["echo", "printf", "log", "warn"].contains(String(words[0])) }
        let after = index + 5 < utf8.count ? utf8[index + 5] : UInt8(ascii: " ")
        let joined = after != UInt8(ascii: " ") && after != UInt8(ascii: "\t") && after != UInt8(ascii: "\n")
        return joined && words.last?.hasPrefix("-") == true && !["echo", "printf", "log", "warn"].contains(String(words[0]))
    }

    /// True when text holds a template's blank in the markers that never mean anything else (`TODO:`, `<<…>>`);
    /// unlike `holdsPlaceholder`, `{{…}}` is not one, as metadata-action's tag lines use it
    /// (`enable={{is_default_branch}}`).
    static func holdsBlank(_ text: String) -> Bool {
        text.containsText("TODO:") || text.containsText("<<")
    }

    /// True when `text` holds one of the blanks this rule reports (`TODO:`, `<<`, or `{{` not after `$`).
    static func holdsPlaceholder(_ text: String) -> Bool {
        if holdsBlank(text) { return true }
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{"), beforePrevious != UInt8(ascii: "$") { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    static func closing(_ utf8: [UInt8], from start: Int, _ marker: String) -> Int? {
        let needle = Array(marker.utf8)
        var index = start
        while index + needle.count <= utf8.count {
            if utf8[index] == needle[0], utf8[index + 1] == needle[1] { return index }
            index += 1
        }
        return nil
    }

    static func isActionPlaceholder(_ text: String) -> Bool {
        guard text.hasPrefix("{{") else { return false }
        let inner = text.dropFirst(2).dropLast(2).trimmingWhitespace()
        let word = inner.split(separator: " ").first.map(String.init) ?? ""
        return actionPlaceholders.contains(word)
    }

    static func looksLikeExpression(_ text: String) -> Bool {
        let inner = text.dropFirst(2).trimmingWhitespace()
        return ["github.", "inputs.", "secrets.", "env.", "steps.", "matrix.", "needs.", "vars.", "runner."]
            .contains { inner.hasPrefix($0) }
    }
}

extension String {
    fileprivate static func placeholder(_ text: String) -> String {
        "unfilled template placeholder '\(text)'"
    }
}
