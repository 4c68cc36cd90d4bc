import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Reports files Plimsoll listed but would not parse, so nothing is skipped silently.
struct SkippedFileRule: Rule {
    static let description = RuleDescription(
        id: "PL003",
        name: "skipped-file",
        title: "File Not Scanned",
        family: .syntax,
        defaultSeverity: .note,
        summary: "A Dockerfile, workflow or build script was not parsed: it is too large, binary, unreadable, "
            + "or a symbolic link that leaves the repository, or a template of such a file; or a workflow's env: "
            + "variable was not resolved, as its value grows past the resolution budget.",
        rationale: """
            Plimsoll reads only text files inside the scanned root. A file over the size limit (4 MiB) or with NUL \
            bytes is almost never a real Dockerfile or workflow, and a symbolic link that points outside the \
            repository is never followed, so a scan cannot be tricked into reading `/etc/passwd`. Each such file \
            gets this note, so a missing verdict is visible instead of silent. An `env:` variable whose value refers \
            to itself (`A: $A$A$A`) grows with each substitution; past 64 KiB it is left unresolved and noted, so \
            an 848-byte workflow cannot ask for gigabytes.

            A template is not the file it will become, and its blanks are expected: a Dockerfile named for a \
            template language (`Dockerfile.jinja2`, `.j2`, `.jinja`, `.tpl`, `.tmpl`, `.template`, `.gotmpl`, \
            `.erb`, `.mustache`, `.hbs`, `.in`), any file in a folder whose name contains `template`, a \
            Dockerfile whose first instruction line starts with `{{`, `{%` or `<%`, and the files a template \
            repository declares (the `templates:` list of `.stage0_template/process.yaml`, or the `templates:` \
            globs of `.plimsoll.yml`) get this one note and no other finding (no PL001 or PL106).
            """,
        fix: "Replace the file with the real text file, or move the link target into the repository; a template "
            + "needs nothing (its note says how it was recognised).",
        triggeringExamples: [
            RuleExample(
                "src/docker/Dockerfile", "↓FROM alpine\u{0}\u{0}\u{1}binary", caption: "a NUL byte marks a binary file"),
            RuleExample(
                "src/docker/Dockerfile.jinja2", "↓{% if cuda %}\nFROM nvidia/cuda:{{ cuda_version }}\n{% endif %}\n",
                caption: "a template"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\n")
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        for skipped in repository.skipped {
            emitter.emit(Self.message(for: skipped), path: skipped.path, span: .fileStart)
        }
        for file in repository.workflows {
            guard let workflow = file.workflow else { continue }
            for entry in Self.overBudgetEntries(in: workflow) {
                emitter.emit(
                    "env variable '\(entry.key)' was not resolved: its value grows past "
                        + "\(StepEnvironment.resolvedTextBudget / 1024) KiB when substituted (it refers to itself)",
                    path: file.path, span: entry.keyNode.span)
            }
        }
    }

    /// The `env:` entries, innermost scope first, whose variable cannot be resolved within the budget in some
    /// step; each entry once, in file order.
    static func overBudgetEntries(in workflow: Workflow) -> [Entry] {
        var found: [SourceSpan: Entry] = [:]
        for job in workflow.jobs {
            for step in job.steps {
                let names = StepEnvironment(workflow: workflow, job: job, step: step).overBudgetVariables()
                for name in names {
                    guard let entry = (step.env + job.env + workflow.env).first(where: { $0.key == name }) else { continue }
                    found[entry.keyNode.span] = entry
                }
            }
        }
        return found.values.sorted { $0.keyNode.span.lowerBound < $1.keyNode.span.lowerBound }
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
        case .template(let evidence):
            "'\(skipped.path)' is a template, not linted: \(evidence)"
        }
    }
}
