import PlimsollCore

/// `plimsoll org --github-org ORG`: the organisation's repositories from `GET /orgs/{org}/repos`, every page,
/// as the same list a manifest gives the org scan.
public enum OrgDiscovery {
    public static func repositories(
        org: String, client: GitHubClient, includeArchived: Bool = false, includeForks: Bool = false
    ) -> Result<[OrgRepository], GitHubError> {
        let path = "/orgs/\(GitHubFactsCollector.segment(org))/repos?type=all&per_page=100"
        return client.getAll(path, maxPages: 1000).map { items in
            items.compactMap { item -> OrgRepository? in
                guard let fullName = item["full_name"] as? String, let cloneURL = item["clone_url"] as? String else {
                    return nil
                }
                if item["archived"] as? Bool == true, !includeArchived { return nil }
                if item["fork"] as? Bool == true, !includeForks { return nil }
                let parts = fullName.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return nil }
                var repository = OrgRepository(
                    name: item["name"] as? String ?? parts[1], location: .remote(url: cloneURL, ref: nil))
                // The checkout's origin is the clone URL, which need not be on github.com (Enterprise Server, a
                // mirror): the API said which repository this is.
                repository.gitHub = GitHubRepository(owner: parts[0], name: parts[1])
                return repository
            }.sorted { $0.name < $1.name }
        }
    }
}
