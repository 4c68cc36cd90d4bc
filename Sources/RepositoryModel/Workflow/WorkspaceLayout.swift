import PlimsollCore
import WorkflowModel

/// Where a job's `actions/checkout` steps put repositories in the workspace, and so which workspace paths are
/// this repository's files. A path context and `file:` are read from the workspace (build-push-action README,
/// "Path context"), and actions/checkout puts the repository at `path:` below it (actions/checkout README,
/// input `path`; another repository with `repository:`).
struct WorkspaceLayout: Sendable {
    /// Each checkout before the build: its folder in the workspace ("" for the root) and whether it holds this
    /// repository (no `repository:`, or `${{ github.repository }}`).
    private let checkouts: [(folder: String, isThisRepository: Bool)]

    init(job: Job, before step: Step) {
        var checkouts: [(String, Bool)] = []
        for earlier in job.steps where earlier.index < step.index && StepFacts.isCheckout(earlier) {
            let written = earlier.input("path")?.string?.trimmingWhitespace() ?? ""
            // A folder the workflow decides at run time could be anywhere: nothing below any folder is known.
            let folder = written.containsByte(UInt8(ascii: "$")) ? nil : RepositoryPath.normalize(written)
            let repository = earlier.input("repository")?.string?.trimmingWhitespace() ?? ""
            let isThisRepository = repository.isEmpty || repository.wholeExpression?.trimmingWhitespace() == "github.repository"
            checkouts.append((folder ?? "\u{0}unknown", isThisRepository))
        }
        self.checkouts = checkouts
    }

    /// The repository path of a normalised workspace path; nil when the path is not one of this repository's
    /// files as far as the job shows (under another repository's checkout, or only such checkouts exist).
    func repositoryPath(ofWorkspacePath path: String) -> String? {
        // The last checkout into the deepest matching folder decides, as later checkouts overwrite earlier ones.
        let matching = checkouts.enumerated().filter { _, checkout in
            checkout.folder.isEmpty || path == checkout.folder || path.hasPrefix(checkout.folder + "/")
        }
        guard let (_, checkout) = matching.max(by: { lhs, rhs in
            (lhs.element.folder.utf8.count, lhs.offset) < (rhs.element.folder.utf8.count, rhs.offset)
        }) else {
            // No checkout at all: the job's steps put the files there some other way; read them as the
            // repository's, as without layout (the common `docker build .` after a download is rare).
            return checkouts.isEmpty ? path : nil
        }
        guard checkout.isThisRepository else { return nil }
        if checkout.folder.isEmpty { return path }
        return path == checkout.folder ? "" : String(path.dropFirst(checkout.folder.utf8.count + 1))
    }
}
