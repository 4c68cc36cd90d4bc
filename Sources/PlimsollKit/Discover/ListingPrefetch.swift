import Foundation
import Synchronization

/// A repository's file listing started before the command line is parsed.
///
/// Listing is `git ls-files` in a child process (1.5–4 ms on the bench corpora), and parsing the command line
/// is ArgumentParser's first use of the Swift runtime's type metadata (about 2 ms). Neither needs the other's
/// result, except that git needs the root, which only the parsed command line names for sure. So the entry
/// point guesses the root from the raw words and starts git for it; the scanner takes that listing when it asks
/// for the same resolved root, and any other root gets its own git run, as always, while the guess is
/// cancelled. A guess never changes what is listed: it is the same command, for a root the user named.
public final class ListingPrefetch: Sendable {
    /// The one the scanner consults (`GitFileLister.list(root:)`).
    public static let shared = ListingPrefetch()

    private let pending = Mutex<(root: String, git: GitFileLister.RunningGit)?>(nil)

    init() {}

    /// Starts listing the one repository that `words` (a `scan` command line after its subcommand) name, when
    /// they name exactly one; does nothing otherwise. At most one listing is pending: a new one replaces it.
    public func start(scanWords words: [String], currentDirectory: String) {
        guard let root = Self.root(scanWords: words, currentDirectory: currentDirectory),
            let git = GitFileLister.spawn(GitFileLister.listingArguments(root: root))
        else { return }
        let replaced = pending.withLock { slot in
            defer { slot = (root, git) }
            return slot?.git
        }
        replaced?.cancel()
    }

    /// The pending listing when it is for `root` (resolved); a pending listing for another root is cancelled.
    func take(root: String) -> GitFileLister.RunningGit? {
        guard let taken = pending.withLock({ slot in defer { slot = nil }; return slot }) else { return nil }
        if taken.root == root { return taken.git }
        taken.git.cancel()
        return nil
    }

    /// Stops the pending listing, if any: for a command line that turned out to need none.
    public func cancel() {
        pending.withLock { slot in defer { slot = nil }; return slot }?.git.cancel()
    }

    /// The words after the subcommand when `words` (a command line without the program) run `scanCommand`,
    /// which is also the default subcommand: words that begin with none of `otherCommands` scan too.
    public static func scanWords(_ words: [String], scanCommand: String, otherCommands: [String]) -> [String]? {
        guard let first = words.first else { return [] }
        if first == scanCommand { return Array(words.dropFirst()) }
        return otherCommands.contains(first) ? nil : words
    }

    /// The resolved root `words` name: the words that are paths on disk (not options, nor option values such as
    /// `never`, which name nothing) become scan targets as `ScanTarget.resolve` makes them, and when they all
    /// share one root, that root with every symbolic link resolved. With no such word, the current directory,
    /// `scan`'s default. Nil when the words name several roots.
    static func root(scanWords words: [String], currentDirectory: String) -> String? {
        var paths: [String] = []
        for word in words where !word.isEmpty && !word.hasPrefix("-") {
            let absolute = ScanTarget.absolutePath(word, from: currentDirectory)
            if FileManager.default.fileExists(atPath: absolute) { paths.append(word) }
        }
        guard let targets = try? ScanTarget.resolve(paths, currentDirectory: currentDirectory) else { return nil }
        let roots = Set(targets.compactMap {
            DiskRepositorySource.realPath(ScanTarget.absolutePath($0.root, from: currentDirectory))
        })
        return roots.count == 1 ? roots.first : nil
    }
}
