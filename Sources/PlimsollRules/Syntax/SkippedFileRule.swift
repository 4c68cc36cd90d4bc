import PlimsollCore

/// Reports files Plimsoll listed but would not parse, so nothing is skipped silently.
struct SkippedFileRule: Rule {
    static let description = RuleDescription(
        id: "PL003",
        name: "skipped-file",
        title: "File Not Scanned",
        family: .syntax,
        defaultSeverity: .note,
        summary: "A Dockerfile, workflow or build script was not parsed: it is too large, binary, unreadable, "
            + "or a symbolic link that leaves the repository.",
        rationale: """
            Plimsoll reads only text files inside the scanned root. A file over the size limit (4 MiB) or with NUL \
            bytes is almost never a real Dockerfile or workflow, and a symbolic link that points outside the \
            repository is never followed, so a scan cannot be tricked into reading `/etc/passwd`. Each such file \
            gets this note, so a missing verdict is visible instead of silent.
            """,
        fix: "Replace the file with the real text file, or move the link target into the repository.",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile", "↓FROM alpine\u{0}\u{0}\u{1}binary", caption: "a NUL byte marks a binary file")
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\n")
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        for skipped in repository.skipped {
            emitter.emit(Self.message(for: skipped), path: skipped.path, span: .fileStart)
        }
    }

    private static func message(for skipped: SkippedFile) -> String {
        switch skipped.reason {
        case .tooLarge(let size, let limit):
            "'\(skipped.path)' was not scanned: \(size) bytes is over the \(limit)-byte limit"
        case .binary(let offset):
            "'\(skipped.path)' was not scanned: it holds a NUL byte at offset \(offset), so it is not text"
        case .symlinkOutsideRoot(let target):
            "'\(skipped.path)' was not scanned: it is a symbolic link to '\(target)', outside the repository"
        case .unreadable(let reason):
            "'\(skipped.path)' was not scanned: \(reason)"
        }
    }
}
