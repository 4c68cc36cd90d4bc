import PlimsollCore
import RepositoryModel

/// The repository keeps its Dockerfile at the path the layout names, in exact case.
struct LayoutDockerfileRule: Rule {
    static let description = RuleDescription(
        id: "PL101",
        name: "layout-dockerfile",
        title: "Dockerfile at the Layout Path",
        family: .structure,
        defaultSeverity: .error,
        summary: "The layout's Dockerfile (`src/docker/Dockerfile`, or `Dockerfile` with `layout: root`) is missing "
            + "or differs in case.",
        rationale: """
            The standard puts every repository's image definition at one known path, so CI templates, the local \
            build script and people find it without asking. Paths are case-sensitive on Linux runners: a \
            `src/docker/dockerfile` that works on a laptop with a case-insensitive disk fails in CI with \
            "failed to read dockerfile". Variants such as `Dockerfile.dev` are allowed next to it but do not \
            replace it. The organisation moved the Dockerfile to the repository root in December 2024, so the \
            path is a policy setting: `layout: src-docker` (default) or `layout: root` in `.plimsoll.yml`.
            """,
        fix: "Move or rename the file to the layout path (`git mv`), or set `layout:` in `.plimsoll.yml`.",
        triggeringExamples: [
            RuleExample(
                "src/docker/dockerfile", "↓FROM alpine:3.20\n", caption: "wrong case: Linux runners will not find it"),
            RuleExample(
                [("Dockerfile", "↓FROM alpine:3.20\n"), ("src/docker/docker-build.sh", "#!/bin/sh\ndocker build .\n")],
                executables: ["src/docker/docker-build.sh"],
                caption: "at the root, while the layout is `src-docker`"),
            RuleExample(
                [("src/docker/Dockerfile.dev", "FROM alpine:3.20\n")],
                caption: "a variant does not replace the layout Dockerfile (reported at the expected path)"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM alpine:3.20\n"),
            RuleExample(
                [(".plimsoll.yml", "layout: root\n"), ("Dockerfile", "FROM alpine:3.20\n")],
                caption: "`layout: root` expects the Dockerfile at the repository root"),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        let layout = repository.policy.layout
        let expected = layout.dockerfilePath
        if repository.entry(at: expected) != nil { return }
        if let variant = repository.caseVariants(of: expected).first {
            emitter.emit(
                .wrongCase(found: variant.path, expected: expected), path: variant.path, span: .fileStart,
                notes: ["paths are case-sensitive on Linux runners: run `git mv '\(variant.path)' '\(expected)'`"])
            return
        }
        let otherLayout = Layout.allCases.first { $0 != layout && repository.entry(at: $0.dockerfilePath) != nil }
        if let otherLayout {
            emitter.emit(
                .otherLayout(found: otherLayout.dockerfilePath, expected: expected, layout: layout),
                path: otherLayout.dockerfilePath, span: .fileStart,
                notes: ["move it with `git mv`, or set `layout: \(otherLayout.rawValue)` in .plimsoll.yml"])
            return
        }
        emitter.emit(.missing(expected: expected, layout: layout), path: expected, span: .fileStart)
    }
}

extension String {
    fileprivate static func wrongCase(found: String, expected: String) -> String {
        "Dockerfile is at '\(found)' but the layout path is '\(expected)' (case differs)"
    }

    fileprivate static func otherLayout(found: String, expected: String, layout: Layout) -> String {
        "Dockerfile is at '\(found)' but layout '\(layout.rawValue)' expects '\(expected)'"
    }

    fileprivate static func missing(expected: String, layout: Layout) -> String {
        "no Dockerfile at '\(expected)' (layout '\(layout.rawValue)')"
    }
}
