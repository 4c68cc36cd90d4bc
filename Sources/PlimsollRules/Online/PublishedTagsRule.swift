import PlimsollCore
import RepositoryModel

/// Declared is not done: the registry itself must carry the tags the standard promises.
struct PublishedTagsRule: Rule {
    static let description = RuleDescription(
        id: "PL704",
        name: "published-tags",
        title: "Promised Tags Present in the Registry",
        family: .online,
        defaultSeverity: .warning,
        summary: "GitHub says the container package a workflow pushes has no `latest` tag, no `dev` tag "
            + "(when the policy requires it or the workflow pushes it), or no tag for the default branch's "
            + "head commit.",
        rationale: """
            The other TAG rules read what a workflow declares; this one reads what the registry holds, through \
            `GET /orgs/{org}/packages/container/{name}/versions` (`metadata.container.tags`) and the default \
            branch's head, `GET /repos/{owner}/{repo}/branches/{branch}`. The standard promises `:latest`, the \
            `:dev` environment tag for default-branch builds (Backlog) and a per-commit tag so an image can be \
            found by its commit (`PL505`). A tag that is missing although the workflow declares it means the \
            workflow is failing, skipped by its triggers or path filters, or pushing elsewhere. Right after a \
            push the run may simply not have finished, so this is a warning. The finding points at the tag that \
            names the package.
            """,
        fix: "Look at the publishing workflow's recent runs on the default branch: a failing or skipped run is "
            + "the usual cause. Re-run it, or fix the trigger so every default-branch commit publishes.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(marker: "↓"),
                caption: "the head commit was never published: only an old `latest` is there",
                github: [
                    OnlineExamples.repository, OnlineExamples.branch, OnlineExamples.package(),
                    OnlineExamples.versions(["latest", "sha-0a1b2c3"]),
                ])
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(),
                caption: "`latest` and the head commit's tag are there",
                github: [
                    OnlineExamples.repository, OnlineExamples.branch, OnlineExamples.package(),
                    OnlineExamples.versions(["latest", "sha-6dcb09b"]),
                ])
        ]
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        guard let online = repository.online else { return }
        for package in PushedPackage.all(in: repository, remote: online.repository) {
            guard let tags = online.packages[package.name]?.value?.tags else { continue }
            var missing: [String] = []
            if !tags.contains("latest") { missing.append("tag 'latest'") }
            if repository.policy.devTag == .required || package.defaultBranchTags.contains("dev"),
                !tags.contains("dev")
            {
                missing.append("tag 'dev'")
            }
            if let head = online.headCommit?.lowercased(), head.count >= 7 {
                let short = String(head.prefix(7))
                if !tags.contains(where: { $0.lowercased().contains(short) }) {
                    missing.append("tag for the head commit \(short) of '\(online.defaultBranch ?? "the default branch")'")
                }
            }
            guard !missing.isEmpty else { continue }
            emitter.emit(
                "package 'ghcr.io/\(online.repository.owner.lowercased())/\(package.name)' on GitHub has no "
                    + Self.list(missing),
                path: package.path, span: package.span,
                notes: ["the publishing workflow's recent runs on the default branch say why"])
        }
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
