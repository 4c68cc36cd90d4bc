import PlimsollCore
import RepositoryModel
import WorkflowModel

/// A container package a workflow pushes to the policy's registry in the repository owner's namespace: what the
/// online rules ask GitHub about, and where they point when the answer is wrong.
public struct PushedPackage: Sendable {
    /// The package name as GitHub's packages API spells it: the reference's path after the owner, lowercase
    /// (`ghcr.io/acme/tools/app` → `tools/app`).
    public let name: String
    public let path: String
    /// The tag entry (or metadata-action `images:` entry) that names the package.
    public let span: SourceSpan
    /// The tags this publication pushes on a default-branch push, as far as the files show.
    let defaultBranchTags: Set<String>

    /// Every package the repository's workflows push to `policy.registry/<owner>/…`, first occurrence of each
    /// name. Names written with `${{ github.repository }}` or `${{ github.repository_owner }}` are resolved with
    /// `remote`; names that stay dynamic are left out, as nothing can be asked about them.
    public static func all(in repository: Repository, remote: GitHubRepository) -> [PushedPackage] {
        var result: [PushedPackage] = []
        var seen: Set<String> = []
        for file in repository.workflows {
            guard let scope = file.publicationScope else { continue }
            let defaultEvent = scope.triggers.defaultBranchEvent
            for publication in scope.publications {
                let tags = Set(publication.items(for: defaultEvent).compactMap(\.effectiveTag))
                for item in publication.itemsInAnyRun(scope.triggers) where !item.isOpaque {
                    guard
                        let name = packageName(
                            ImageReferenceText.split(item.resolved).name, registry: repository.policy.registry,
                            remote: remote),
                        seen.insert(name).inserted
                    else { continue }
                    result.append(
                        PushedPackage(
                            name: name, path: file.path, span: item.metadata?.image?.span ?? item.span,
                            defaultBranchTags: tags))
                }
            }
        }
        return result
    }

    /// The package name of an image reference's repository part, or nil when it is elsewhere or dynamic.
    static func packageName(_ reference: String, registry: String, remote: GitHubRepository) -> String? {
        var text = reference
        // metadata-action and the standard's workflows name the image after the repository.
        for (expression, value) in [
            ("github.repository_owner", remote.owner), ("github.repository", "\(remote.owner)/\(remote.name)"),
            ("github.event.repository.name", remote.name),
        ] {
            for spelling in ["${{ \(expression) }}", "${{\(expression)}}"] {
                text = text.replacing(spelling, with: value)
            }
        }
        text = text.lowercased()
        guard !text.contains("$"), !text.contains("{") else { return nil }
        let components = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count >= 3, components[0] == registry.lowercased(),
            components[1] == remote.owner.lowercased(), !components.dropFirst(2).contains(where: \.isEmpty)
        else { return nil }
        return components.dropFirst(2).joined(separator: "/")
    }
}
