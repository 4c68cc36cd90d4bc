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
        fix: """
            Move or rename the file to the layout path (`git mv`), or set `layout:` in `.plimsoll.yml`.

            Where the Dockerfile is at the other layout's path, `plimsoll fix --unsafe` migrates the repository \
            (unsafe: files move, and every build must still be reviewed). It moves the Dockerfile, the \
            `<Dockerfile>.dockerignore` next to it and the local build script (`src/docker/docker-build.sh` ↔ \
            `docker-build.sh`), with `git mv` in a work tree so history follows them. It then rewrites every \
            reference so that each build reads the moved file from the same context:
            - build-push-action's `file:`, added where the build read `{context}/Dockerfile`;
            - `docker build -f` in workflow steps, scripts, the Makefile and the `container` script of \
            package.json or Pipfile, added where the build read `<context>/Dockerfile`;
            - the moved script's `$(dirname "$0")` paths, so it still changes to the folder it did;
            - the old path anywhere else in workflows, scripts and build files (a trigger's `paths:`, a \
            linter's input). A bare `Dockerfile` is rewritten only as a whole YAML value or script word.

            Per-architecture siblings (`Dockerfile.aarch64`) move with the Dockerfile; other variants \
            (`Dockerfile.dev`) stay. No fix is offered when something cannot be rewritten exactly: a Dockerfile \
            path or working folder given by a variable or by an expression other than the workflow's own matrix \
            and `env` values, a `cd` Plimsoll cannot follow, a script that finds its own folder another way \
            (`readlink -f "$0"`), a Compose file that builds from the Dockerfile's folder, a file already at a \
            new path, or a build Plimsoll does not read (another CI system, a Bake file, goreleaser's \
            `dockers:`, another image-building action, a Makefile that includes others). Other files that name \
            the Dockerfile (a README, dependabot.yml) are left to you.
            """,
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
        ],
        fixExamples: [
            FixExample(
                before: RuleExample(
                    [
                        (".plimsoll.yml", "layout: root\n"),
                        ("src/docker/Dockerfile", "FROM alpine:3.20\nCOPY app /app\n"),
                        ("src/docker/docker-build.sh",
                         "#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")/../..\"\n"
                            + "docker build -t ghcr.io/acme/app -f src/docker/Dockerfile .\n"),
                        (".github/workflows/publish.yml",
                         "on:\n  push:\n    branches: [main]\n    paths: [src/docker/Dockerfile, 'app/**']\n"
                            + "jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n"
                            + "          file: ./src/docker/Dockerfile  # the image\n          push: true\n"),
                    ],
                    executables: ["src/docker/docker-build.sh"],
                    caption: "to the root layout: the files move, and the script and workflow follow them"),
                after: [
                    ("docker-build.sh",
                     "#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\n"
                        + "docker build -t ghcr.io/acme/app -f Dockerfile .\n"),
                    (".github/workflows/publish.yml",
                     "on:\n  push:\n    branches: [main]\n    paths: [Dockerfile, 'app/**']\n"
                        + "jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n"
                        + "          file: ./Dockerfile  # the image\n          push: true\n"),
                ],
                safety: .unsafe,
                moves: [
                    FileMove(from: "src/docker/Dockerfile", to: "Dockerfile"),
                    FileMove(from: "src/docker/docker-build.sh", to: "docker-build.sh"),
                ]),
            FixExample(
                before: RuleExample(
                    [
                        ("Dockerfile", "FROM alpine:3.20\nCOPY app /app\n"),
                        ("docker-build.sh", "#!/bin/sh\ncd \"$(dirname \"$0\")\"\ndocker build -t ghcr.io/acme/app .\n"),
                        (".github/workflows/publish.yml",
                         "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                            + "      - uses: docker/build-push-action@v7\n        with:\n          context: .\n"
                            + "          push: true\n"),
                    ],
                    executables: ["docker-build.sh"],
                    caption: "back to `src/docker`: the script still builds from the root, and `file:` is added"),
                after: [
                    ("src/docker/docker-build.sh",
                     "#!/bin/sh\ncd \"$(dirname \"$0\")/../..\"\ndocker build -f src/docker/Dockerfile -t ghcr.io/acme/app .\n"),
                    (".github/workflows/publish.yml",
                     "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                        + "      - uses: docker/build-push-action@v7\n        with:\n          file: src/docker/Dockerfile\n"
                        + "          context: .\n          push: true\n"),
                ],
                safety: .unsafe,
                moves: [
                    FileMove(from: "Dockerfile", to: "src/docker/Dockerfile"),
                    FileMove(from: "docker-build.sh", to: "src/docker/docker-build.sh"),
                ]),
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
                notes: ["move it with `git mv`, or set `layout: \(otherLayout.rawValue)` in .plimsoll.yml"]
            ) {
                LayoutMigration.fix(to: layout, in: repository).map { [$0] } ?? []
            }
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
