import PlimsollCore
import WorkflowModel

/// Docker actions and `actions/checkout` are used at a major whose runtime GitHub still supports.
struct OutdatedActionMajorRule: Rule {
    static let description = RuleDescription(
        id: "PL307",
        name: "outdated-action-major",
        title: "Outdated Action Major Version",
        family: .workflowArch,
        defaultSeverity: .warning,
        summary: "A docker action or `actions/checkout` is used at a major version older than the current one, "
            + "whose runtime (node12, node16, node20) GitHub has deprecated.",
        rationale: """
            An action major runs on one Node.js runtime (`runs.using` in its `action.yml`). GitHub removed node12 \
            and node16 from its runners and deprecated node20, with removal scheduled for 2026-09-23 \
            (github.blog changelog 2025-09-19): a job still on `docker/build-push-action@v6` or `actions/checkout@v4` warns \
            today and stops working then, usually on a Friday. The current majors are checkout@v7, \
            setup-qemu@v4, setup-buildx@v4, login@v4, metadata@v6 and build-push@v7 (each action's releases); \
            they are kept as data next to the rule, and a newer major than the data knows is never reported. A ref pinned to a commit SHA is judged by its version comment \
            (`@<sha> # v4.1.0`), as Dependabot writes it; branches and SHAs without a comment are not judged.
            """,
        fix: "Bump the ref to the current major and check the action's release notes for changed inputs.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@↓v3\n      - uses: docker/build-push-action@↓v6\n"
                    + "        with:\n          push: true\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/login-action@↓9780b0c442fbb1117ed29e0efdff1e18412f7567 # v3.3.0\n",
                caption: "a pinned SHA judged by its version comment"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@↓v4\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v4\n",
                caption: "one finding for every use of the same outdated major in a file"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v5\n      - uses: docker/setup-qemu-action@v4\n"
                    + "      - uses: docker/setup-buildx-action@v4\n      - uses: docker/metadata-action@v6\n"
                    + "        with:\n          images: ghcr.io/o/r\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@master\n"
                    + "      - uses: actions/setup-node@v3\n",
                caption: "a branch ref, and an action without data"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        check((workflow.workflow?.jobs ?? []).flatMap(\.steps), file: workflow.source, emitter: &emitter)
    }

    func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter) {
        check(action.action?.runs?.steps ?? [], file: action.source, emitter: &emitter)
    }

    /// One finding per outdated action and major in a file, at its first use: the same `@v4` in twenty jobs is
    /// one edit to make, and the note counts the other uses.
    private func check(_ steps: [Step], file: SourceFile, emitter: inout FindingEmitter) {
        var outdated: [(key: String, span: SourceSpan, text: (message: String, note: String), count: Int)] = []
        for step in steps {
            guard let (key, span, text) = outdatedUse(step, file: file) else { continue }
            if let index = outdated.firstIndex(where: { $0.key == key }) {
                outdated[index].count += 1
            } else {
                outdated.append((key, span, text, 1))
            }
        }
        for use in outdated {
            var notes = [use.text.note]
            if use.count > 1 { notes.append("'\(use.key)' is used \(use.count - 1) more time\(use.count == 2 ? "" : "s") in this file") }
            emitter.emit(use.text.message, path: file.path, span: use.span, notes: notes)
        }
    }

    private func outdatedUse(_ step: Step, file: SourceFile) -> (String, SourceSpan, (message: String, note: String))? {
        guard let uses = step.uses, let reference = step.action, reference.path == nil, let name = reference.fullName,
            let texts = Self.texts[name], let ref = reference.ref
        else { return nil }
        let line = uses.span.lowerBound.line
        let byComment = reference.majorVersion == nil && reference.isPinnedToCommit
        guard let major = reference.majorVersion ?? (byComment ? Self.commentMajor(file.lineText(line)) : nil),
            major < texts.count, var text = texts[major]
        else { return nil }
        if byComment {
            // Only the comment says which version the commit is; a stale comment misleads reviewers and
            // Dependabot alike, so the message says where the version comes from.
            text.message = .byComment(name, commit: String(ref.prefix(7)), major: major, rest: text.message)
            text.note += "; if the commit is a newer release than its comment says, correct the comment instead"
        }
        // Point at the ref after `@`, found in the source so quoting does not matter.
        let range = uses.span.lowerBound.offset..<min(uses.span.upperBound.offset, file.bytes.count)
        let span: SourceSpan
        if let at = file.bytes[range].lastIndex(of: UInt8(ascii: "@")) {
            span = file.span((at + 1)..<min(at + 1 + ref.utf8.count, range.upperBound))
        } else {
            span = uses.span
        }
        return ("\(name)@v\(major)", span, text)
    }

    /// The message and note for each major below the current one of each action with data, indexed by major;
    /// nil where that major's runtime is one GitHub still supports. Made once: the same few texts are most of
    /// this rule's findings in an organisation's repositories.
    static let texts: [String: [(message: String, note: String)?]] = Dictionary(
        uniqueKeysWithValues: ArchActionData.currentMajors.map { name, current in
            let texts = (0..<current).map { major -> (message: String, note: String)? in
                let runtime = ArchActionData.runtime(ofAction: name, major: major)
                if let runtime, !KnownActions.deprecatedRuntimes.contains(runtime) { return nil }
                return (
                    String.outdated("\(name)@v\(major)", runtime: runtime, current: current),
                    "use \(name)@v\(current) (\(ArchActionData.deprecationSource))"
                )
            }
            return (name, texts)
        })

    static func commentMajor(_ line: String) -> Int? {
        guard let hash = line.lastIndex(of: "#") else { return nil }
        var text = line[line.index(after: hash)...].drop { $0 == " " }
        if text.first == "v" || text.first == "V" { text = text.dropFirst() }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }
}

extension String {
    fileprivate static func byComment(_ name: String, commit: String, major: Int, rest: String) -> String {
        let after = rest.firstRange(of: "' ").map { String(rest[$0.upperBound...]) } ?? rest
        return "'\(name)@\(commit)…' is v\(major) by its version comment, and that major \(after)"
    }

    fileprivate static func outdated(_ action: String, runtime: String?, current: Int) -> String {
        if let runtime {
            return "'\(action)' runs on \(runtime), which GitHub has deprecated; the current major is v\(current)"
        }
        return "'\(action)' is outdated; the current major is v\(current)"
    }
}
