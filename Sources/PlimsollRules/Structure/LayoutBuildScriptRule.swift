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

            `plimsoll fix` adds a missing script (mode 755) when the layout Dockerfile exists: it builds that \
            Dockerfile for the machine it runs on, tagged `ghcr.io/<owner>/<repository>` (lowercased) when the \
            checkout's `origin` is on GitHub, else with the folder's name, from the context a publishing \
            workflow builds it with (else the repository root). The fix is safe: it only adds a file that no \
            workflow runs, so nothing that is built or pushed changes; it is never written over an existing \
            file or through a symbolic link. A script in the wrong case or without its mode is left to you.
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
        ],
        fixExamples: [
            FixExample(
                before: RuleExample(
                    [("src/docker/Dockerfile", "FROM alpine:3.20\n")],
                    caption: "a checkout of github.com/Acme/Web-App: the script is created, executable",
                    checkout: GitHubRepository(owner: "Acme", name: "Web-App")),
                after: [
                    ("src/docker/docker-build.sh",
                     "#!/usr/bin/env bash\n# Builds the image for this machine's architecture: ./src/docker/docker-build.sh\n"
                        + "set -euo pipefail\ncd \"$(dirname \"$0\")/../..\"\n"
                        + "docker build -t ghcr.io/acme/web-app -f src/docker/Dockerfile .\n")
                ]),
            FixExample(
                before: RuleExample(
                    [
                        (".plimsoll.yml", "layout: root\n"),
                        ("Dockerfile", "FROM alpine:3.20\nCOPY app /app\n"),
                        (".github/workflows/publish.yml",
                         "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: actions/checkout@v5\n"
                            + "      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
                            + "          file: Dockerfile\n          push: true\n"
                            + "          tags: ghcr.io/acme/tools:latest\n"),
                    ],
                    caption: "`layout: root`: the script at the root, with the context the publishing build uses",
                    checkout: GitHubRepository(owner: "acme", name: "tools")),
                after: [
                    ("docker-build.sh",
                     "#!/usr/bin/env bash\n# Builds the image for this machine's architecture: ./docker-build.sh\n"
                        + "set -euo pipefail\ncd \"$(dirname \"$0\")\"\n"
                        + "docker build -t ghcr.io/acme/tools -f Dockerfile .\n")
                ]),
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
                emitter.emit(.missing(expected: expected, layout: layout), path: expected, span: .fileStart) {
                    guard let content = Self.script(for: repository) else { return [] }
                    return [
                        Fix(
                            title: "add '\(expected)', which builds the image for this machine's architecture",
                            safety: .safe, edits: [.creating(expected, content: content, mode: .executable)])
                    ]
                }
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

    /// The local build script the fix adds: it builds the layout Dockerfile for the machine it runs on (no
    /// `--platform`), tagged with the repository's image name, from the context a publishing build of that
    /// Dockerfile uses (the repository root when none does). Nil when the layout Dockerfile does not exist (PL101
    /// says so; a script building it would fail) or the repository has no name to give the image.
    static func script(for repository: Repository) -> String? {
        let layout = repository.policy.layout
        let dockerfile = layout.dockerfilePath
        guard repository.entry(at: dockerfile) != nil, let image = imageName(for: repository) else { return nil }
        let builds = repository.workflows.flatMap(\.imageBuilds).filter { $0.publishes && $0.dockerfilePath == dockerfile }
        let context = builds.lazy.compactMap(\.contextPath).first.map { $0.isEmpty ? "." : $0 } ?? "."
        // Only plain paths are written into the script (no quoting needed, nothing the shell expands).
        guard context.utf8.allSatisfy({ Self.isPlainPathByte($0) }) else { return nil }
        let up = layout.buildScriptPath.split(separator: "/").dropLast().map { _ in ".." }.joined(separator: "/")
        return """
            #!/usr/bin/env bash
            # Builds the image for this machine's architecture: ./\(layout.buildScriptPath)
            set -euo pipefail
            cd "$(dirname "$0")\(up.isEmpty ? "" : "/" + up)"
            docker build -t \(image) -f \(dockerfile) \(context)

            """
    }

    /// `ghcr.io/<owner>/<name>` of the GitHub repository, lowercased; else the folder's name, lowercased, with
    /// anything a Docker image name cannot hold made `-`; nil when neither is known.
    static func imageName(for repository: Repository) -> String? {
        if let remote = repository.remote {
            let name = "ghcr.io/\(remote.owner)/\(remote.name)".lowercased()
            return name.utf8.allSatisfy({ Self.isPlainPathByte($0) }) ? name : nil
        }
        guard let folder = repository.folderName?.lowercased() else { return nil }
        var name = String(folder.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") ? $0 : "-" })
        // A name starts and ends with a letter or digit.
        while let first = name.first, !(first.isLetter || first.isNumber) { name.removeFirst() }
        while let last = name.last, !(last.isLetter || last.isNumber) { name.removeLast() }
        return name.isEmpty ? nil : name
    }

    private static func isPlainPathByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
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
