import PlimsollCore
import RepositoryModel

/// A `# plimsoll ignore=…` comment found in a scanned file.
///
/// - `# plimsoll ignore=PL208,PL206 reason`: the next instruction, command or YAML key (with everything under it).
/// - `# plimsoll stage ignore=PL201 reason`: the Dockerfile stage it sits in or directly precedes.
/// - `# plimsoll global ignore=PL101 reason`: the whole file.
public struct SuppressionDirective: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable {
        case next, stage, global
    }

    public let path: String
    public let scope: Scope
    /// Rule IDs as written (upper-cased).
    public let ruleIDs: [String]
    /// The justification after the IDs; nil when none was given.
    public let reason: String?
    /// The span of the whole comment.
    public let span: SourceSpan
    /// 1-based inclusive lines the directive covers.
    public let lines: ClosedRange<Int>

    public init(
        path: String, scope: Scope, ruleIDs: [String], reason: String?, span: SourceSpan, lines: ClosedRange<Int>
    ) {
        self.path = path
        self.scope = scope
        self.ruleIDs = ruleIDs
        self.reason = reason
        self.span = span
        self.lines = lines
    }

    /// Parses the text after `#` of a comment line; nil when it is not a Plimsoll directive.
    public static func parse(comment: Substring) -> (scope: Scope, ruleIDs: [String], reason: String?)? {
        var rest = comment.drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("plimsoll") else { return nil }
        rest = rest.dropFirst("plimsoll".count)
        guard rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        var scope = Scope.next
        for candidate in [Scope.global, Scope.stage] where rest.hasPrefix(candidate.rawValue + " ") {
            scope = candidate
            rest = rest.dropFirst(candidate.rawValue.count).drop { $0 == " " || $0 == "\t" }
        }
        guard rest.hasPrefix("ignore=") else { return nil }
        rest = rest.dropFirst("ignore=".count)
        let list = rest.prefix { $0 != " " && $0 != "\t" }
        let ids = list.split(separator: ",").map { $0.uppercased() }
        let reason = rest.dropFirst(list.count).trimmingCharacters(in: " \t")
        return (scope, ids, reason.isEmpty ? nil : reason)
    }
}

/// What suppression matching found, for the rules that review suppressions themselves.
public struct SuppressionReport: Sendable {
    public let directives: [SuppressionDirective]
    /// Indexes into `directives` of those that silenced at least one finding.
    public let used: Set<Int>
    /// Known rule IDs, to tell a typo from a rule that simply did not fire.
    public let knownRuleIDs: Set<String>

    public init(directives: [SuppressionDirective], used: Set<Int>, knownRuleIDs: Set<String>) {
        self.directives = directives
        self.used = used
        self.knownRuleIDs = knownRuleIDs
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
