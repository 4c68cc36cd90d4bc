import PlimsollCore

/// What `plimsoll fix` did to one repository, in memory: the files as they were and as the fixes left them.
/// Writing them (or printing a diff) is the caller's side effect.
public struct FixOutcome: Sendable {
    /// Path → the file's bytes before the first round, for every file a fix edited.
    public var original: [String: [UInt8]]
    /// Path → the file's bytes after the last round, for every file a fix edited.
    public var final: [String: [UInt8]]
    /// The files a fix created (their `original` is empty), with their mode.
    public var created: [String: FileCreation] = [:]
    /// The files a fix moved: `original` holds each at `from`, `final` at `to`.
    public var moves: [FileMove] = []
    /// Every fix applied, round by round.
    public var applied: [SelectedFix]
    /// Rounds that applied at least one fix.
    public var rounds: Int
    /// False when the last allowed round still applied fixes (a further run may find more to do).
    public var converged: Bool
    /// Things the user should know: files a fix would have edited but that cannot be (a symbolic link).
    public var notes: [String]
    /// Active (unsuppressed) findings of every rule in the first scan and in the last (after the fixes).
    public var activeBefore: Int = 0
    public var activeAfter: Int = 0

    /// The paths whose bytes changed, sorted; a moved file's new path is one of them.
    public var changedPaths: [String] {
        final.keys.filter { final[$0] != original[$0] }.sorted()
    }

    /// The move that put a file at `path`, if one did.
    public func move(to path: String) -> FileMove? { moves.first { $0.to == path } }

    /// Fixes applied per rule ID.
    public var countsByRule: [(ruleID: String, count: Int)] {
        Dictionary(grouping: applied, by: \.ruleID).map { ($0.key, $0.value.count) }.sorted { $0.ruleID < $1.ruleID }
    }
}

/// Applies the fixes of a repository's findings: scan, apply the selected fixes in memory, scan the result
/// again, until a round has nothing to apply or `maxRounds` have run. Pure in-memory work over a
/// `RepositorySource`; nothing is written.
public struct Fixer: Sendable {
    public var scanner: Scanner
    public var options: FixOptions

    public init(scanner: Scanner, options: FixOptions) {
        var scanner = scanner
        scanner.computesFixes = true
        // Each round scans again: GitHub is asked once.
        scanner.online = scanner.online.map { MemoizedFactsSource($0) }
        self.scanner = scanner
        self.options = options
    }

    public func run(_ source: any RepositorySource, root: String) throws(ScanError) -> FixOutcome {
        var original: [String: [UInt8]] = [:]
        var edited: [String: [UInt8]] = [:]
        var created: [String: FileCreation] = [:]
        var removed = Set<String>()
        var moves: [FileMove] = []
        var applied: [SelectedFix] = []
        var notes: [String] = []
        var refused = Set<String>()
        var rounds = 0
        var converged = false
        var activeBefore = 0
        var activeAfter = 0
        // One scan more than rounds: the last one says whether the fixes converged.
        for round in 0...options.maxRounds {
            let current = OverlaySource(base: source, edited: edited, created: created, removed: removed)
            let result = try scanner.scan(current, root: root)
            if round == 0 {
                activeBefore = result.activeFindings.count
                // What online mode could not learn, said once.
                notes += result.notes
            }
            activeAfter = result.activeFindings.count
            // Sizes and bytes of the files fixes edit, read once each (a symbolic link is never edited).
            var sizes: [String: Int] = [:]
            // Files a fix would create, by path: only while nothing is there (they then have size 0).
            var creating: [String: FileCreation] = [:]
            let wantedFixes = result.findings.compactMap { options.fix(for: $0) }
            let wanted = wantedFixes.flatMap(\.edits)
            let wantedMoves = wantedFixes.flatMap(\.moves)
            for edit in wanted { if let mode = edit.creates { creating[edit.path] = mode } }
            // A move's target must be free: where something is, its size says so and the fix is not taken.
            for move in wantedMoves where sizes[move.to] == nil {
                if let occupant = current.describe(move.to) {
                    sizes[move.to] = occupant.size
                    if refused.insert(move.to).inserted { notes.append("'\(move.to)' already exists: '\(move.from)' was not moved") }
                } else if let blocker = Self.creationBlocker(move.to, in: current) {
                    sizes[move.to] = 0
                    if refused.insert(move.to).inserted { notes.append("'\(move.from)' was not moved to '\(move.to)': \(blocker)") }
                }
            }
            // A file that moved away, or that a fix created, is not moved (again).
            let moving = Set(wantedMoves.map(\.from)).filter { !removed.contains($0) && created[$0] == nil }
            for path in Set(wanted.map(\.path)).union(moving) {
                if removed.contains(path) { continue }
                if let bytes = edited[path] {
                    // A file created or edited in an earlier round is there now: it is not created again.
                    if creating[path] == nil { sizes[path] = bytes.count }
                    continue
                }
                guard let (file, read) = source.describeAndRead(path, limit: RepositoryLoader.sizeLimit) else {
                    if creating[path] != nil {
                        if let blocker = Self.creationBlocker(path, in: source) {
                            if refused.insert(path).inserted { notes.append("'\(path)' was not created: \(blocker)") }
                        } else {
                            sizes[path] = 0
                        }
                    }
                    continue
                }
                guard creating[path] == nil else {
                    if refused.insert(path).inserted { notes.append("'\(path)' already exists: it was not created") }
                    continue
                }
                guard file.link == nil else {
                    if refused.insert(path).inserted {
                        notes.append("'\(path)' is a symbolic link: its fixes were not applied")
                    }
                    continue
                }
                guard case .success(let bytes) = read else { continue }
                original[path] = bytes
                edited[path] = bytes
                sizes[path] = bytes.count
            }
            let (selected, _) = FixSelection.select(result.findings, options: options, sizes: { sizes[$0] })
            if selected.isEmpty {
                converged = true
                break
            }
            if round == options.maxRounds { break }
            rounds += 1
            let edits = selected.flatMap(\.fix.edits)
            for edit in edits where edit.creates != nil && edited[edit.path] == nil {
                original[edit.path] = []
                edited[edit.path] = []
                created[edit.path] = edit.creates
            }
            for path in Set(edits.map(\.path)) {
                guard let bytes = edited[path] else { continue }
                edited[path] = FixSelection.apply(edits, to: bytes, path: path)
            }
            // Then the moves: the file, as its edits left it, goes to its new path with its mode.
            for move in selected.flatMap(\.fix.moves) {
                guard let bytes = edited.removeValue(forKey: move.from) else { continue }
                edited[move.to] = bytes
                created[move.to] = source.describe(move.from)?.isExecutable == true ? .executable : .regular
                removed.insert(move.from)
                moves.append(move)
            }
            applied += selected
        }
        // Only files that were edited count (a file read for sizes but whose fix was deferred is not).
        let movedTo = Set(moves.map(\.to))
        let touched = Set(applied.flatMap { $0.fix.edits.map(\.path) }).union(moves.map(\.from)).union(movedTo)
        var outcome = FixOutcome(
            original: original.filter { touched.contains($0.key) }, final: edited.filter { touched.contains($0.key) },
            applied: applied, rounds: rounds, converged: converged, notes: notes)
        outcome.created = created.filter { touched.contains($0.key) && !movedTo.contains($0.key) }
        outcome.moves = moves
        outcome.activeBefore = activeBefore
        outcome.activeAfter = activeAfter
        return outcome
    }

    /// Why a file cannot be created at `path`: something other than a folder (a file, a symbolic link) is
    /// where one of its folders would be. Nil when it can be (its folders exist or will be made).
    static func creationBlocker(_ path: String, in source: any RepositorySource) -> String? {
        let components = path.split(separator: "/").map(String.init)
        guard components.count > 1 else { return nil }
        for end in 1..<components.count {
            let folder = components[0..<end].joined(separator: "/")
            if let file = source.describe(folder) {
                return file.link != nil ? "'\(folder)' is a symbolic link" : "'\(folder)' is not a folder"
            }
        }
        return nil
    }
}
