import PlimsollCore

/// Asks another facts source once per question and answers repeats from memory. `plimsoll fix --online` scans
/// a repository up to six times; GitHub is asked about it once.
final class MemoizedFactsSource: OnlineFactsSource {
    private struct Question: Hashable {
        var repository: GitHubRepository
        var packages: [String]
        var actions: [String]
        var pinnedActions: Set<String>
    }

    private let source: any OnlineFactsSource
    private let answers = Locked([Question: OnlineFacts]())

    init(_ source: any OnlineFactsSource) {
        self.source = source
    }

    func facts(
        for repository: GitHubRepository, packages: [String], actions: [String], pinnedActions: Set<String>
    ) -> OnlineFacts {
        let question = Question(repository: repository, packages: packages, actions: actions, pinnedActions: pinnedActions)
        if let known = answers.withLock({ $0[question] }) { return known }
        let facts = source.facts(for: repository, packages: packages, actions: actions, pinnedActions: pinnedActions)
        answers.withLock { $0[question] = facts }
        return facts
    }
}
