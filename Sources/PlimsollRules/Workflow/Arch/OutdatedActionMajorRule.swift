import PlimsollCore
import RepositoryModel
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
            today and stops working then. The current majors are checkout@v7, setup-qemu@v4, setup-buildx@v4, \
            login@v4, metadata@v6 and build-push@v7 (each action's releases). Plimsoll keeps what it knows of \
            actions as data with a source per entry; `scan --online` reads each action's latest release, and \
            `actions:` in `.plimsoll.yml` sets the current major an organisation has chosen. A major newer than \
            the current one, or one whose runtime is not known, is never reported. A ref pinned to a commit SHA is \
            judged by its version comment (`@<sha> # v4.1.0`), as Dependabot writes it; branches and SHAs without \
            a comment are not judged.
            """,
        fix: "Bump the ref to the current major and check the action's release notes for changed inputs. "
            + "`plimsoll fix` does the bump (safe fix) for every use of that major in the file. A ref pinned to a "
            + "commit needs the new release's commit, which only GitHub knows: `plimsoll fix --online` asks for the "
            + "action's latest release and the commit of its tag (`GET /repos/{owner}/{repo}/releases/latest`, then "
            + "`/commits/{tag}`), and writes that commit with the tag as its version comment, so the pin stays a pin. "
            + "Offline, the pinned ref is left to Dependabot or to you.",
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
            RuleExample(
                [
                    (
                        ".github/workflows/ci.yml",
                        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: actions/checkout@↓v4\n"
                    ),
                    (".plimsoll.yml", "actions:\n  actions/checkout: 6\n"),
                ], caption: "the organisation's current major, set in .plimsoll.yml"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/login-action@↓v3\n",
                caption: "online: the action's latest release is newer than Plimsoll's data",
                github: [
                    GitHubAnswer("/repos/acme/app", #"{"default_branch": "main", "owner": {"type": "Organization"}}"#),
                    GitHubAnswer("/repos/docker/login-action/releases/latest", #"{"tag_name": "v5.0.0"}"#),
                ]),
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
        ],
        fixExamples: [
            FixExample(
                before: RuleExample(
                    ".github/workflows/publish.yml",
                    "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
                        + "  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  #  v4.2.2 (pinned)\n",
                    caption: "online: a pinned ref gets the latest release's commit, and its tag as the comment",
                    github: [
                        GitHubAnswer(
                            "/repos/actions/checkout/releases/latest",
                            #"{"tag_name": "v7.0.0", "name": "v7.0.0", "draft": false, "prerelease": false}"#),
                        GitHubAnswer(
                            "/repos/actions/checkout/commits/v7.0.0",
                            #"{"sha": "8edcb1bdb4e267140fa742c62e395cd74f332709", "commit": {"message": "v7.0.0"}}"#),
                    ]),
                after: [
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@8edcb1bdb4e267140fa742c62e395cd74f332709 # v7.0.0\n"
                        + "  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: actions/checkout@8edcb1bdb4e267140fa742c62e395cd74f332709  #  v7.0.0 (pinned)\n")
                ]),
            FixExample(
                ".github/workflows/publish.yml",
                before: "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v3  # fetch the sources\n"
                    + "      - uses: \"docker/build-push-action@v6.9.0\"\n        with:\n          push: true\n"
                    + "  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v3\n",
                after: "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: actions/checkout@v7  # fetch the sources\n"
                    + "      - uses: \"docker/build-push-action@v7\"\n        with:\n          push: true\n"
                    + "  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v7\n",
                caption: "every use of the outdated major; comments and quoting stay"),
            FixExample(
                ".github/workflows/ci.yml",
                before: "on: push\r\njobs:\r\n  test:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n"
                    + "      - uses: actions/checkout@v4\r\n",
                after: "on: push\r\njobs:\r\n  test:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n"
                    + "      - uses: actions/checkout@v7\r\n",
                caption: "a CRLF file stays CRLF"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        check((workflow.workflow?.jobs ?? []).flatMap(\.steps), file: workflow.source, in: repository, emitter: &emitter)
    }

    func check(action: ActionFile, in repository: Repository, emitter: inout FindingEmitter) {
        check(action.action?.runs?.steps ?? [], file: action.source, in: repository, emitter: &emitter)
    }

    /// The current major of an action for this repository: the policy's, else the newer of Plimsoll's data and
    /// the latest release online mode read.
    static func currentMajor(of name: String, in repository: Repository) -> Int? {
        if let pinned = repository.policy.actionMajors[name] { return pinned }
        guard let known = KnownActions.currentMajor(of: name) else { return nil }
        return max(known, repository.online?.actionMajors[name] ?? 0)
    }

    /// One finding per outdated action and major in a file, at its first use: the same `@v4` in twenty jobs is
    /// one edit to make, and the note counts the other uses. Its fix bumps every use of that major in the file.
    private func check(_ steps: [Step], file: SourceFile, in repository: Repository, emitter: inout FindingEmitter) {
        var outdated: [(use: OutdatedUse, count: Int, refs: [Range<Int>], comments: [Range<Int>])] = []
        for step in steps {
            guard let use = outdatedUse(step, file: file, in: repository) else { continue }
            if let index = outdated.firstIndex(where: { $0.use.key == use.key }) {
                outdated[index].count += 1
                if let ref = use.refBytes { outdated[index].refs.append(ref) }
                if let comment = use.commentBytes { outdated[index].comments.append(comment) }
            } else {
                outdated.append((use, 1, use.refBytes.map { [$0] } ?? [], use.commentBytes.map { [$0] } ?? []))
            }
        }
        for entry in outdated {
            let use = entry.use
            var notes = [use.note]
            if entry.count > 1 { notes.append("'\(use.key)' is used \(entry.count - 1) more time\(entry.count == 2 ? "" : "s") in this file") }
            emitter.emit(use.message, path: file.path, span: use.span, notes: notes) {
                guard entry.refs.count == entry.count else { return [] }
                if use.byComment {
                    // A ref pinned to a commit needs the new release's commit, which only the network knows: with
                    // `--online`, the commit of the latest release's tag, and the tag in the version comment.
                    guard let release = repository.online?.actionReleases[use.name], Self.isPlainTag(release.tag),
                        ActionReference.leadingMajor(of: release.tag) == use.current, entry.comments.count == entry.count
                    else { return [] }
                    return [
                        Fix(
                            title: "pin '\(use.name)' to \(release.tag) (\(release.commit.prefix(7)))", safety: .safe,
                            edits: entry.refs.map { FileEdit(path: file.path, range: $0, replacement: release.commit) }
                                + entry.comments.map { FileEdit(path: file.path, range: $0, replacement: release.tag) })
                    ]
                }
                let replacement = "v\(use.current)"
                return [
                    Fix(
                        title: "bump '\(use.name)' to \(replacement)", safety: .safe,
                        edits: entry.refs.map { FileEdit(path: file.path, range: $0, replacement: replacement) })
                ]
            }
        }
    }

    /// One use of an action at an outdated major.
    private struct OutdatedUse {
        /// `name@vN`: the uses that are one finding.
        var key: String
        var name: String
        var current: Int
        var span: SourceSpan
        /// The ref after `@` in the source, when found there.
        var refBytes: Range<Int>?
        /// True when the major is read from the version comment of a ref pinned to a commit.
        var byComment: Bool
        /// The version in that comment (`v4.1.0`), when the major is read from it.
        var commentBytes: Range<Int>?
        var message: String
        var note: String
    }

    private func outdatedUse(_ step: Step, file: SourceFile, in repository: Repository) -> OutdatedUse? {
        guard let uses = step.uses, let reference = step.action, reference.path == nil,
            let name = reference.fullName?.lowercased(), let ref = reference.ref,
            let current = Self.currentMajor(of: name, in: repository)
        else { return nil }
        let line = uses.span.lowerBound.line
        let byComment = reference.majorVersion == nil && reference.isPinnedToCommit
        // A major at or past the current one is never outdated, and neither is one whose runtime is not known
        // to be deprecated.
        let comment = byComment ? Self.commentVersion(onLine: line, of: file) : nil
        guard let major = reference.majorVersion
            ?? comment.flatMap({ ActionReference.leadingMajor(of: String(decoding: file.bytes[$0], as: UTF8.self)) }),
            major < current, let runtime = KnownActions.runtime(ofAction: name, major: major),
            KnownActions.data.deprecatedRuntimes.contains(runtime)
        else { return nil }
        let deprecation = KnownActions.data.deprecationSource
        var message = "'\(name)@v\(major)' runs on \(runtime), which GitHub has deprecated; the current major is v\(current)"
        var note = "use \(name)@v\(current) (\(deprecation))"
        if byComment {
            // Only the comment says which version the commit is; a stale comment misleads reviewers and
            // Dependabot alike, so the message says where the version comes from.
            message = "'\(name)@\(ref.prefix(7))…' is v\(major) by its version comment, and that major runs on "
                + "\(runtime), which GitHub has deprecated; the current major is v\(current)"
            note += "; if the commit is a newer release than its comment says, correct the comment instead"
        }
        // Point at the ref after `@`, found in the source so quoting does not matter.
        let range = uses.span.lowerBound.offset..<min(uses.span.upperBound.offset, file.bytes.count)
        var refBytes: Range<Int>?
        let span: SourceSpan
        if let at = file.bytes[range].lastIndex(of: UInt8(ascii: "@")) {
            let end = at + 1 + ref.utf8.count
            span = file.span((at + 1)..<min(end, range.upperBound))
            // The fix edits these bytes: only when they are the ref itself (no escape in the way).
            if end <= range.upperBound, file.bytes[(at + 1)..<end].elementsEqual(ref.utf8) { refBytes = (at + 1)..<end }
        } else {
            span = uses.span
        }
        return OutdatedUse(
            key: "\(name)@v\(major)", name: name, current: current, span: span, refBytes: refBytes,
            byComment: byComment, commentBytes: comment, message: message, note: note)
    }

    /// The bytes of the version in a line's comment (`# v4.1.0` → `v4.1.0`): the word after the last `#`.
    static func commentVersion(onLine line: Int, of file: SourceFile) -> Range<Int>? {
        let range = file.lineByteRange(line)
        guard let hash = file.bytes[range].lastIndex(of: UInt8(ascii: "#")) else { return nil }
        var start = hash + 1
        while start < range.upperBound, file.bytes[start] == UInt8(ascii: " ") { start += 1 }
        var end = start
        while end < range.upperBound, ![0x20, 0x09, 0x0D, 0x0A].contains(file.bytes[end]) { end += 1 }
        return start < end ? start..<end : nil
    }

    /// A tag that can be written into a workflow's comment as it is: letters, digits, `.`, `-`, `_`, `+`.
    static func isPlainTag(_ tag: String) -> Bool {
        !tag.isEmpty && tag.utf8.count <= 64 && tag.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
        }
    }
}
