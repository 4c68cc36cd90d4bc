import PlimsollCore
import Synchronization
import WorkflowModel

/// The runs a workflow's `on:` leads to, as the tag rules need them: does it publish on a push to the default
/// branch, on a release tag, on pull requests?
public struct WorkflowTriggers: Sendable {
    public var defaultBranch = "main"
    public var defaultBranchPush = false
    var tagPush = false
    /// A tag the `tags:` filter accepts (`v1.2.3` when a release-like tag passes).
    public var exampleTag = "v1.2.3"
    public var release = false
    public var pullRequest = false
    var dispatch = false
    var schedule = false
    /// Where the workflow says it runs for releases: a `tags:` filter item or the `release` event name.
    public var releaseTriggerSpan: SourceSpan?
    public var releaseTriggerText: String?

    init(_ workflow: Workflow) {
        for event in workflow.events {
            switch event.name {
            case "push":
                let branches = event.branches
                let tags = event.tags
                if branches?.contains(where: { $0.value == "master" }) == true,
                    branches?.contains(where: { $0.value == "main" }) != true
                {
                    defaultBranch = "master"
                }
                let branchFilter = branches != nil || event.branchesIgnore != nil
                let tagFilter = tags != nil || event.tagsIgnore != nil
                // No filter at all: every branch and every tag. One kind of filter only: that kind only.
                if branchFilter || !tagFilter {
                    let included = branches.map { Self.matches($0.map(\.value), defaultBranch) } ?? true
                    let ignored = event.branchesIgnore.map { Self.anyMatches($0.map(\.value), defaultBranch) } ?? false
                    if included, !ignored { defaultBranchPush = true }
                }
                if tagFilter || !branchFilter {
                    let ignoredTags = event.tagsIgnore.map { Self.anyMatches($0.map(\.value), exampleTag) } ?? false
                    tagPush = tags != nil || !ignoredTags
                    if let tags, !tags.isEmpty {
                        let values = tags.map(\.value)
                        if let release = ["v1.2.3", "1.2.3"].first(where: { Self.matches(values, $0) }) {
                            exampleTag = release
                        } else if let first = values.first(where: { !$0.hasPrefix("!") }) {
                            exampleTag = first.filter { !"*?[]+".contains($0) }
                        }
                    }
                    if releaseTriggerSpan == nil, ["v1.2.3", "1.2.3"].contains(exampleTag),
                        let item = tags?.first(where: { Self.matches([$0.value], exampleTag) }) {
                        releaseTriggerSpan = item.span
                        releaseTriggerText = "tags: \(item.value)"
                    }
                }
            case "release":
                release = true
                if releaseTriggerSpan == nil || releaseTriggerText?.hasPrefix("tags") == true {
                    releaseTriggerSpan = event.nameNode.span
                    releaseTriggerText = "release"
                }
            case "pull_request", "pull_request_target":
                pullRequest = true
            case "workflow_dispatch", "workflow_call", "workflow_run", "repository_dispatch":
                dispatch = true
            case "schedule":
                schedule = true
            default: break
            }
        }
        publishingEvents = makePublishingEvents()
        allEvents = publishingEvents + (pullRequest ? [pullRequestEvent] : [])
    }

    public var defaultBranchEvent: RunEvent { .defaultBranchPush(defaultBranch) }
    public var tagEvent: RunEvent { .tagPush(exampleTag, defaultBranch: defaultBranch) }
    public var pullRequestEvent: RunEvent { .pullRequest(defaultBranch: defaultBranch) }

    /// The runs that publish, most important first: a default-branch push, then a tag push or release, then a
    /// manual or scheduled run (both on the default branch). Built once, at the end of `init`: a dozen rules ask
    /// for them per workflow.
    public private(set) var publishingEvents: [RunEvent] = []

    /// Every run the workflow has, publishing or not.
    public private(set) var allEvents: [RunEvent] = []

    private func makePublishingEvents() -> [RunEvent] {
        var events: [RunEvent] = []
        if defaultBranchPush { events.append(defaultBranchEvent) }
        if tagPush { events.append(tagEvent) }
        if release { events.append(.release(exampleTag, defaultBranch: defaultBranch)) }
        if dispatch { events.append(.workflowDispatch(defaultBranch: defaultBranch)) }
        if schedule { events.append(.schedule(defaultBranch: defaultBranch)) }
        return events
    }


    /// True when the positive patterns of a GitHub filter accept `name` and the last matching pattern is not
    /// a `!` exclusion.
    static func matches(_ patterns: [String], _ name: String) -> Bool {
        var accepted = false
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                if glob(String(pattern.dropFirst()), name) { accepted = false }
            } else if glob(pattern, name) {
                accepted = true
            }
        }
        return accepted
    }

    static func anyMatches(_ patterns: [String], _ name: String) -> Bool {
        patterns.contains { glob($0, name) }
    }

    /// GitHub's filter pattern syntax: `*` (not `/`), `**`, `?` and `+` (on the previous character), `[…]`.
    static func glob(_ pattern: String, _ name: String) -> Bool {
        // Starter workflows say `$default-branch`; GitHub fills it in when the template is used.
        if pattern == "$default-branch" { return name == "main" || name == "master" }
        let (hasStar, hasOther) = patternCharacters(pattern)
        // Most filters are plain branch or tag names: no pattern character, so the name must be the same text.
        if !hasStar, !hasOther { return pattern == name }
        // Most of the others use only `*` and `**`: those are matched on bytes, without compiling a Regex per
        // call; `?`, `+` and `[…]` go through one.
        if !hasOther {
            return starMatch(
                Array(pattern.utf8), Array(name.utf8), star: UInt8(ascii: "*"), slash: UInt8(ascii: "/"),
                isNewline: { $0 >= 0x0A && $0 <= 0x0D })
        }
        return regexGlob(pattern, name)
    }

    /// Whether the pattern's bytes hold `*`, and whether they hold `?`, `+`, `[` or `]` (all ASCII, so a
    /// Character equal to one of them is that byte).
    private static func patternCharacters(_ pattern: String) -> (star: Bool, other: Bool) {
        func scan(_ bytes: some Sequence<UInt8>) -> (star: Bool, other: Bool) {
            var star = false
            var other = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "*"): star = true
                case UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "["), UInt8(ascii: "]"): other = true
                default: break
                }
            }
            return (star, other)
        }
        return pattern.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(pattern.utf8)
    }

    /// The pattern translated to a Regex: the definition `starMatch` agrees with.
    static func regexGlob(_ pattern: String, _ name: String) -> Bool {
        var regex = "^"
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            if pattern[index...].hasPrefix("**") {
                regex += ".*"
                index = pattern.index(index, offsetBy: 2)
                continue
            }
            switch character {
            case "*": regex += "[^/]*"
            case "?", "+", "[", "]": regex.append(character)
            case ".", "(", ")", "{", "}", "^", "$", "|", "\\": regex += "\\\(character)"
            default: regex.append(character)
            }
            index = pattern.index(after: index)
        }
        regex += "$"
        guard let compiled = compiledPatterns.withLock({ cache in
            if let known = cache[regex] { return known }
            let made = try? Regex(regex)
            cache[regex] = made
            return made
        }) else { return pattern == name }
        return (try? compiled.wholeMatch(in: name)) != nil
    }

    /// Each Regex translation compiled once per process: compiling one is costly, and the same
    /// filter is matched against several example refs per workflow, and recurs across a repository's workflows.
    private static let compiledPatterns = Mutex<[String: Regex<AnyRegexOutput>?]>([:])

    /// What the Regex translation of a pattern made only of literals, `*` (`[^/]*`) and `**` (`.*`, which
    /// stops at newlines) matches, Character by Character as Regex compares. Backtracking over the last star.
    static func starMatch<Element: Equatable>(
        _ pattern: [Element], _ name: [Element], star: Element, slash: Element, isNewline: (Element) -> Bool
    ) -> Bool {
        var tokens: [GlobToken<Element>] = []
        var index = 0
        while index < pattern.count {
            if pattern[index] == star {
                if index + 1 < pattern.count, pattern[index + 1] == star {
                    tokens.append(.doubleStar)
                    index += 2
                } else {
                    tokens.append(.star)
                    index += 1
                }
            } else {
                tokens.append(.literal(pattern[index]))
                index += 1
            }
        }
        // matches[i][j]: tokens[i...] match name[j...]. Names and patterns are short; O(tokens × name), in two
        // rows reused for every token.
        var next = [Bool](repeating: false, count: name.count + 1)
        next[name.count] = true
        var current = next
        for token in tokens.reversed() {
            for j in stride(from: name.count, through: 0, by: -1) {
                switch token {
                case .literal(let character):
                    current[j] = j < name.count && name[j] == character && next[j + 1]
                case .star:
                    current[j] = next[j] || (j < name.count && name[j] != slash && current[j + 1])
                case .doubleStar:
                    current[j] = next[j] || (j < name.count && !isNewline(name[j]) && current[j + 1])
                }
            }
            swap(&next, &current)
        }
        return next[0]
    }
}

/// One piece of a `*`/`**` filter pattern (`WorkflowTriggers.starMatch`).
private enum GlobToken<Element> {
    case literal(Element), star, doubleStar
}
