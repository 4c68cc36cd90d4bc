/// A rule's automatic fix shown and tested: the files before, and what `plimsoll fix` makes of them. The docs
/// generator prints the pair and the test suite runs the fix on `before` and compares the result with `after`,
/// so a fix cannot drift from its documentation.
public struct FixExample: Sendable, Hashable {
    /// The repository before the fix (no `↓` markers).
    public var before: RuleExample
    /// Path → content after `plimsoll fix` (with `--unsafe` when `safety` is `.unsafe`); files not listed are
    /// unchanged.
    public var after: [(path: String, content: String)]
    /// The fix's safety: an unsafe fix is applied only with `--unsafe`.
    public var safety: FixSafety
    /// Files the fix moves: each is gone from `from`, and `after` lists it at `to` when its bytes change.
    public var moves: [FileMove]

    public init(
        before: RuleExample, after: [(path: String, content: String)], safety: FixSafety = .safe, moves: [FileMove] = []
    ) {
        self.before = before
        self.after = after
        self.safety = safety
        self.moves = moves
    }

    /// The common case: one file.
    public init(
        _ path: String, before: String, after: String, safety: FixSafety = .safe, caption: String? = nil
    ) {
        self.init(before: RuleExample(path, before, caption: caption), after: [(path, after)], safety: safety)
    }

    public static func == (lhs: FixExample, rhs: FixExample) -> Bool {
        lhs.before == rhs.before && lhs.after.map(\.path) == rhs.after.map(\.path)
            && lhs.after.map(\.content) == rhs.after.map(\.content) && lhs.safety == rhs.safety && lhs.moves == rhs.moves
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(before)
        for file in after { hasher.combine(file.content) }
    }
}
