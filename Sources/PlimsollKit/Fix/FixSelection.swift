import PlimsollCore

/// Which fixes `plimsoll fix` applies.
public struct FixOptions: Sendable, Hashable {
    /// `--unsafe`: unsafe fixes too (otherwise only safe ones).
    public var includeUnsafe: Bool
    /// `--rule`: only these rules' fixes; nil for every rule.
    public var ruleIDs: Set<String>?
    /// Scan-and-fix rounds at most: a fix that makes another finding fixable is applied in a later round.
    public var maxRounds: Int

    public init(includeUnsafe: Bool = false, ruleIDs: Set<String>? = nil, maxRounds: Int = 5) {
        self.includeUnsafe = includeUnsafe
        self.ruleIDs = ruleIDs
        self.maxRounds = max(1, maxRounds)
    }

    /// The fix of a finding that these options apply: the first (safest) allowed one; nil for a suppressed
    /// finding, a rule not asked for, or no allowed fix.
    public func fix(for finding: Finding) -> Fix? {
        guard finding.suppression == nil else { return nil }
        if let ruleIDs, !ruleIDs.contains(finding.ruleID) { return nil }
        return finding.fixes.first { includeUnsafe || $0.safety == .safe }
    }
}

/// A fix chosen for a round, with the finding it fixes.
public struct SelectedFix: Sendable, Hashable {
    public var ruleID: String
    /// Where the finding is, for the summary.
    public var path: String
    public var line: Int
    public var fix: Fix
}

/// Chooses the fixes of one round, deterministically: candidates in report order (file, position, rule), each
/// taken whole when none of its edits conflicts with an edit already taken; a conflicting one waits for the
/// next round, when the scan will say whether it is still needed. A file that moves is claimed whole, at both
/// of its paths. A fix whose edits leave their file (it was
/// computed from other bytes) or overlap each other is never taken.
public enum FixSelection {
    public static func select(
        _ findings: [Finding], options: FixOptions, sizes: (String) -> Int?
    ) -> (selected: [SelectedFix], deferred: Int) {
        var candidates: [(finding: Finding, fix: Fix, first: FileEdit)] = []
        for finding in findings {
            if let fix = options.fix(for: finding), fix.isWellFormed(sizes: sizes),
                let first = fix.claims.min(by: Self.editOrder)
            {
                candidates.append((finding, fix, first))
            }
        }
        candidates.sort { lhs, rhs in
            let left = lhs.first
            let right = rhs.first
            if left.path != right.path { return left.path < right.path }
            if left.range.lowerBound != right.range.lowerBound { return left.range.lowerBound < right.range.lowerBound }
            return Finding.reportOrder(lhs.finding, rhs.finding)
        }
        var taken: [String: [FileEdit]] = [:]
        var selected: [SelectedFix] = []
        var deferred = 0
        var seen = Set<[FileEdit]>()
        for candidate in candidates {
            // Two findings with the very same edits (one fix clears both) are one fix.
            guard seen.insert(candidate.fix.claims).inserted else { continue }
            let conflicts = candidate.fix.claims.contains { edit in
                taken[edit.path, default: []].contains { $0.conflicts(with: edit) }
            }
            if conflicts {
                deferred += 1
                continue
            }
            for edit in candidate.fix.claims { taken[edit.path, default: []].append(edit) }
            selected.append(
                SelectedFix(
                    ruleID: candidate.finding.ruleID, path: candidate.finding.path,
                    line: candidate.finding.span.lowerBound.line, fix: candidate.fix))
        }
        return (selected, deferred)
    }

    private static func editOrder(_ lhs: FileEdit, _ rhs: FileEdit) -> Bool {
        lhs.path != rhs.path ? lhs.path < rhs.path : lhs.range.lowerBound < rhs.range.lowerBound
    }

    /// The bytes with non-overlapping edits of this file applied (edits of other files are ignored).
    public static func apply(_ edits: [FileEdit], to bytes: [UInt8], path: String) -> [UInt8] {
        var result = bytes
        // From the end, so each edit's offsets still hold when it is applied.
        for edit in edits.filter({ $0.path == path }).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.replacement)
        }
        return result
    }
}
