import PlimsollCore
import RepositoryModel

/// The repository keeps an executable local build script, with a shebang, at the path the layout names.
struct LayoutBuildScriptRule: Rule {
    static let description = RuleDescription(
        id: "PL102",
        name: "layout-build-script",
        title: "Local Build Script Present and Executable",
        family: .structure,
        defaultSeverity: .error,
        summary: "The layout's local build script (`src/docker/docker-build.sh`) is missing, differs in case, is "
            + "not executable, or has no `#!` line.",
        rationale: """
            The standard gives every repository one command that builds its image locally for the developer's \
            own architecture: `src/docker/docker-build.sh`. It must run as `./src/docker/docker-build.sh`, so it \
            needs the executable bit in git (mode 100755) and a `#!` line that names its interpreter; without \
            them it fails with "Permission denied" or runs under whatever shell the caller has.

            With `layout: root` the script may live at `docker-build.sh`, or the local build may be a Makefile \
            target or a package.json script that runs `docker build` (the catalog's allowance for repositories \
            that already have a task runner).
            """,
        fix: """
            Add the script with a shebang (`#!/usr/bin/env bash`), then `chmod +x` it and commit the mode \
            (`git update-index --chmod=+x src/docker/docker-build.sh`).
            """,
        triggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh", "↓#!/usr/bin/env bash\ndocker build -t app src/docker\n",
                caption: "not executable"),
            RuleExample(
                "src/docker/docker-build.sh", "↓docker build -t app src/docker\n", executable: true,
                caption: "no shebang"),
            RuleExample(
                "src/docker/Docker-Build.sh", "↓#!/bin/sh\ndocker build -t app src/docker\n", executable: true,
                caption: "wrong case"),
            RuleExample([("src/docker/Dockerfile", "FROM alpine:3.20\n")], caption: "missing entirely"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "src/docker/docker-build.sh", "#!/usr/bin/env bash\ndocker build -t app src/docker\n",
                executable: true),
            RuleExample(
                [
                    (".plimsoll.yml", "layout: root\n"),
                    ("Makefile", "image:\n\tdocker build -t app .\n"),
                ],
                caption: "`layout: root` accepts a Makefile target that runs `docker build`"),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        let layout = repository.policy.layout
        let expected = layout.buildScriptPath
        guard let entry = repository.entry(at: expected) else {
            if let variant = repository.caseVariants(of: expected).first {
                emitter.emit(
                    .wrongCase(found: variant.path, expected: expected), path: variant.path, span: .fileStart,
                    notes: ["paths are case-sensitive on Linux runners: run `git mv '\(variant.path)' '\(expected)'`"])
            } else if layout == .root, Self.hasTaskRunnerBuild(repository) {
                return
            } else {
                emitter.emit(.missing(expected: expected, layout: layout), path: expected, span: .fileStart)
            }
            return
        }
        if !entry.isExecutable {
            emitter.emit(
                .notExecutable(expected), path: expected, span: .fileStart,
                notes: ["run `chmod +x \(expected) && git update-index --chmod=+x \(expected)`"])
        }
        if let script = repository.script(at: expected), !script.source.bytes.starts(with: Array("#!".utf8)) {
            let firstLine = script.source.lineByteRange(1)
            emitter.emit(
                .noShebang(expected), in: script.source, bytes: firstLine,
                notes: ["start the script with `#!/usr/bin/env bash` (or `#!/bin/sh`)"])
        }
    }

    /// A root-layout repository may build locally from a Makefile target or a package.json script.
    private static func hasTaskRunnerBuild(_ repository: Repository) -> Bool {
        repository.buildFiles.values.contains { file in
            // A Compose file builds with `docker compose`, not a task runner.
            guard !FileKind.isComposeFile(PerArchDockerfiles.split(file.path).name) else { return false }
            let text = file.text
            return text.contains("docker build") || text.contains("docker buildx build")
                || text.contains("docker image build")
        }
    }
}

extension String {
    fileprivate static func wrongCase(found: String, expected: String) -> String {
        "build script is at '\(found)' but the layout path is '\(expected)' (case differs)"
    }

    fileprivate static func missing(expected: String, layout: Layout) -> String {
        "no local build script at '\(expected)' (layout '\(layout.rawValue)')"
    }

    fileprivate static func notExecutable(_ path: String) -> String {
        "'\(path)' is not executable"
    }

    fileprivate static func noShebang(_ path: String) -> String {
        "'\(path)' has no '#!' line naming its interpreter"
    }
}
