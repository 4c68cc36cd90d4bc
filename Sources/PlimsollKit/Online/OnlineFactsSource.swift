import PlimsollCore

/// Where a scan gets what GitHub knows about a repository: the API (`GitHubFactsCollector`), or a rule example's
/// fixture answers through the same collector.
public protocol OnlineFactsSource: Sendable {
    /// The facts about `repository` the online rules need, asking about the container `packages` CI pushes
    /// (names below the owner, lowercase) and the latest release of the well-known `actions` its workflows use
    /// (`owner/name`, lowercase), with the commit of that release for the `pinnedActions` among them (those the
    /// workflows pin to a commit). Never fails: what cannot be asked is a `Lookup` and a note.
    func facts(for repository: GitHubRepository, packages: [String], actions: [String], pinnedActions: Set<String>) -> OnlineFacts
}
