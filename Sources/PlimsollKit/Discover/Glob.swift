/// A path glob as `ignore-paths` uses it: `*` matches within one path segment, `**` across segments,
/// `?` one character; a pattern ending in `/` matches everything below that folder.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let tokens: [Token]

    private enum Token: Sendable, Hashable {
        case literal(Character)
        case any  // ?
        case star  // *
        case globstar  // **
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var source = Array(pattern.hasSuffix("/") ? pattern + "**" : pattern)
        if source.first == "/" { source.removeFirst() }
        var tokens: [Token] = []
        var index = 0
        while index < source.count {
            let character = source[index]
            if character == "*" {
                // A run of stars matches what its widest member matches: kept as one token, so a line of `*`s
                // costs one step per path position, not one per star.
                if let last = tokens.last, last == .star || last == .globstar {
                    let isGlobstar = index + 1 < source.count && source[index + 1] == "*"
                    if isGlobstar { tokens[tokens.count - 1] = .globstar }
                    index += isGlobstar ? 2 : 1
                    if isGlobstar, index < source.count, source[index] == "/" { index += 1 }
                    continue
                }
                if index + 1 < source.count, source[index + 1] == "*" {
                    tokens.append(.globstar)
                    index += 2
                    // `**/` also matches zero folders.
                    if index < source.count, source[index] == "/" { index += 1 }
                    continue
                }
                tokens.append(.star)
            } else if character == "?" {
                tokens.append(.any)
            } else {
                tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    /// Walks the tokens once, keeping the set of path positions the pattern so far can end at: O(tokens × path)
    /// time, O(path) memory and no recursion, so a long pattern in `.plimsoll.yml` (a line of `*`s, say) cannot
    /// exhaust the stack.
    public func matches(_ path: String) -> Bool {
        let characters = Array(path)
        let count = characters.count
        // reachable[p]: the tokens so far can match exactly characters[0..<p].
        var reachable = [Bool](repeating: false, count: count + 1)
        reachable[0] = true
        var next = [Bool](repeating: false, count: count + 1)
        for token in tokens {
            var any = false
            switch token {
            case .literal, .any:
                next[0] = false
                for p in 0..<count {
                    let step: Bool
                    if case .literal(let character) = token { step = characters[p] == character } else { step = characters[p] != "/" }
                    next[p + 1] = reachable[p] && step
                    any = any || next[p + 1]
                }
            case .star, .globstar:
                // Zero characters, or one more than a reachable position (a star stops at `/`).
                for p in 0...count {
                    let extended = p > 0 && next[p - 1] && (token == .globstar || characters[p - 1] != "/")
                    next[p] = reachable[p] || extended
                    any = any || next[p]
                }
            }
            guard any else { return false }
            swap(&reachable, &next)
        }
        return reachable[count]
    }
}
