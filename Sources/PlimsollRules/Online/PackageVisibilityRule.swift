import PlimsollCore
import RepositoryModel

/// The package's visibility is a GitHub setting; the policy says which one the organisation wants.
struct PackageVisibilityRule: Rule {
    static let description = RuleDescription(
        id: "PL703",
        name: "package-visibility",
        title: "Container Package Visibility",
        family: .online,
        defaultSeverity: .warning,
        summary: "GitHub says the container package a workflow pushes is `public`, `private` or `internal` other "
            + "than the policy's `package-visibility`.",
        rationale: """
            A package's visibility is set in its settings, not in any file: a new organisation package starts \
            private (or inherits the repository's visibility when the workflow's push links it), and a public \
            one can be pulled by anyone. Deployments that pull anonymously break on a private package; an \
            internal image published as public leaks. With `package-visibility` in the policy, `--online` \
            compares it with the package's `visibility` (`GET /orgs/{org}/packages/container/{name}`). Without \
            the setting the rule says nothing.
            """,
        fix: "Change the visibility in the package's settings (\"Danger Zone\"), or the policy's "
            + "`package-visibility` if the policy is what is wrong.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(marker: "↓"),
                caption: "the policy wants public",
                github: [OnlineExamples.repository, OnlineExamples.package(visibility: "private")])
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml", OnlineExamples.publish(), caption: "public, as the policy wants",
                github: [OnlineExamples.repository, OnlineExamples.package(visibility: "public")])
        ],
        examplePolicy: "package-visibility: public"
    )

    func check(repository: Repository, emitter: inout FindingEmitter) {
        guard let online = repository.online, let wanted = repository.policy.packageVisibility else { return }
        for package in PushedPackage.all(in: repository, remote: online.repository) {
            guard let found = online.packages[package.name]?.value, let visibility = found.visibility,
                visibility != wanted.rawValue
            else { continue }
            emitter.emit(
                "package 'ghcr.io/\(online.repository.owner.lowercased())/\(package.name)' is \(visibility) on "
                    + "GitHub; the policy wants \(wanted.rawValue)",
                path: package.path, span: package.span)
        }
    }
}
