import PlimsollCore
import RepositoryModel

/// The package CI pushes must exist under that name and be connected to this repository, or `GITHUB_TOKEN`
/// cannot write to it.
struct PackageLinkRule: Rule {
    static let description = RuleDescription(
        id: "PL702",
        name: "package-link",
        title: "Container Package Linked to the Repository",
        family: .online,
        defaultSeverity: .error,
        summary: "GitHub says the container package a workflow pushes is not linked to any repository (the push "
            + "will be denied), is linked to another one, or does not exist under that name while this "
            + "repository's package has a different one.",
        rationale: """
            A package pushed from a workflow with `GITHUB_TOKEN` is connected to the repository automatically and \
            inherits its access; a package pushed first from a laptop is connected to nothing, and \
            `GITHUB_TOKEN` cannot push to a package of that name afterwards (GitHub docs, "Connecting a repository to a package"): the "manually push \
            first" step of the access checklist walks into exactly this. A package connected to another \
            repository accepts this repository's token only if its "Manage Actions access" grants write, which \
            no API shows. And when the package GitHub links to this repository has another name than the one CI \
            pushes, the next push creates a second, unlinked-by-habit package instead of updating the one people \
            pull.

            Plimsoll asks `GET /orgs/{org}/packages/container/{name}` (`/users/{user}/…` for a personal \
            account) for each `ghcr.io/<owner>/<name>` a workflow pushes and points at the tag that names it. \
            GitHub answers 404 both for a package that does not exist and for one the token may not see: a \
            token without `read:packages` sees none, so that case is a note, not an error.
            """,
        fix: "In the package's settings, \"Connect repository\" to this one (or give the repository write access "
            + "under \"Manage Actions access\"); or delete the stale package and let the workflow's first push "
            + "create it. Add `LABEL org.opencontainers.image.source=https://github.com/OWNER/REPO` so pushes "
            + "stay connected. Make the pushed name and the package name agree.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(marker: "↓"),
                caption: "pushed from a laptop first, never connected: the push is denied",
                github: [OnlineExamples.repository, OnlineExamples.package(linkedTo: nil)]),
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(marker: "↓"),
                caption: "connected to another repository (a warning)",
                github: [OnlineExamples.repository, OnlineExamples.package(linkedTo: "acme/legacy-app")]),
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(marker: "↓"),
                caption: "CI pushes `app`, but the package linked to this repository is `acme-app` (a warning)",
                github: [OnlineExamples.repository, OnlineExamples.linkedPackages(["acme-app"])]),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on:
                  push:
                    branches: [main]
                permissions: {}
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v5
                        with:
                          images: ↓ghcr.io/${{ github.repository }}
                          tags: type=sha
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "the image named after the repository, through metadata-action",
                github: [OnlineExamples.repository, OnlineExamples.package(linkedTo: nil)]),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(),
                caption: "linked to this repository",
                github: [OnlineExamples.repository, OnlineExamples.package()]),
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(),
                caption: "never pushed, and no package is linked to this repository: the first push creates and "
                    + "links it",
                github: [OnlineExamples.repository, OnlineExamples.linkedPackages([])]),
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        guard let online = repository.online else { return }
        for package in PushedPackage.all(in: repository, remote: online.repository) {
            guard let lookup = online.packages[package.name] else { continue }
            let reference = "ghcr.io/\(online.repository.owner.lowercased())/\(package.name)"
            switch lookup {
            case .found(let found):
                guard let linked = found.linkedRepository else {
                    emitter.emit(
                        "package '\(reference)' exists on GitHub but is not linked to a repository, so "
                            + "GITHUB_TOKEN cannot push to it",
                        path: package.path, span: package.span, notes: [.connect(online.fullName)])
                    continue
                }
                if linked.lowercased() != online.fullName.lowercased() {
                    emitter.emit(
                        "package '\(reference)' is linked to '\(linked)', not '\(online.fullName)': the push works "
                            + "only if the package grants this repository write access",
                        path: package.path, span: package.span, severity: .warning,
                        notes: [.connect(online.fullName)])
                }
            case .notFound:
                switch online.linkedPackages {
                case let names?:
                    guard !names.isEmpty else { continue }
                    emitter.emit(
                        "'\(reference)' is not a package on GitHub, but this repository's package is "
                            + names.map { "'\($0)'" }.joined(separator: ", ")
                            + ": the names CI pushes and the package has disagree",
                        path: package.path, span: package.span, severity: .warning)
                case nil:
                    emitter.emit(
                        "GitHub shows no package '\(reference)' to this token: it was never pushed, or the token "
                            + "lacks the read:packages scope",
                        path: package.path, span: package.span, severity: .note)
                }
            case .unavailable: continue
            }
        }
    }
}

extension String {
    fileprivate static func connect(_ repository: String) -> String {
        "connect it to '\(repository)' in the package's settings, or delete it and let the workflow push it first"
    }
}
