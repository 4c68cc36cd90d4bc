import Foundation
import PlimsollCore

/// `plimsoll org --github-org ORG`: the organisation's repositories from `GET /orgs/{org}/repos`, every page,
/// as the same list a manifest gives the org scan.
public enum OrgDiscovery {
    /// The repositories to scan, and a note for each listed one that is not scanned and why.
    public struct Discovered: Sendable {
        public var repositories: [OrgRepository]
        public var notes: [String]
    }

    public static func repositories(
        org: String, client: GitHubClient, includeArchived: Bool = false, includeForks: Bool = false
    ) -> Result<Discovered, GitHubError> {
        let path = "/orgs/\(GitHubFactsCollector.segment(org))/repos?type=all&per_page=100"
        return client.getAll(path, maxPages: 1000).map { items in
            var notes: [String] = []
            var byName: [String: OrgRepository] = [:]
            var stems: Set<String> = []
            for item in items {
                guard let fullName = item["full_name"] as? String, let cloneURL = item["clone_url"] as? String else {
                    continue
                }
                if item["archived"] as? Bool == true, !includeArchived { continue }
                if item["fork"] as? Bool == true, !includeForks { continue }
                let parts = fullName.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                guard isTrustedCloneURL(cloneURL, api: client.apiURL) else {
                    notes.append("\(fullName): not scanned: its clone_url '\(OrgRepository.redacted(cloneURL))' is not https")
                    continue
                }
                var repository = OrgRepository(
                    name: item["name"] as? String ?? parts[1], location: .remote(url: cloneURL, ref: nil))
                // The checkout's origin is the clone URL, which need not be on github.com (Enterprise Server, a
                // mirror): the API said which repository this is.
                repository.gitHub = GitHubRepository(owner: parts[0], name: parts[1])
                // A name (or the file name made from it) listed twice would make two repositories share their
                // outputs: the first is scanned, the others noted, and the run goes on.
                guard byName[repository.name] == nil, stems.insert(repository.fileStem).inserted else {
                    notes.append("\(fullName): not scanned: another listed repository has the name '\(repository.name)'")
                    continue
                }
                byName[repository.name] = repository
            }
            return Discovered(repositories: byName.values.sorted { $0.name < $1.name }, notes: notes)
        }
    }

    /// Whether the org scan may fetch `url`, which the API answer names: https (the same rule as the API's own
    /// requests, `GitHubClient.isPermitted`, so plain http only on loopback). A local path or `file://` URL
    /// would make the scan copy and publish a folder of this machine; it is accepted only from an API on this
    /// machine (a test server or a local mirror), which the user runs.
    static func isTrustedCloneURL(_ url: String, api: URL) -> Bool {
        if let parsed = URL(string: url), parsed.host != nil, GitHubClient.isPermitted(parsed) { return true }
        let apiIsLocal = GitHubClient.isPermitted(api) && api.scheme?.lowercased() == "http"
        return apiIsLocal && url.hasPrefix("file:///")
    }
}
