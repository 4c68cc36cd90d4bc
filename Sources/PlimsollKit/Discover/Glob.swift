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

    public func matches(_ path: String) -> Bool {
        let characters = Array(path)
        // Iterative matching with memoisation keeps pathological patterns linear-ish in practice.
        var memo = [Int: Bool]()
        func match(_ t: Int, _ p: Int) -> Bool {
            let key = t * (characters.count + 1) + p
            if let known = memo[key] { return known }
            let result: Bool
            if t == tokens.count {
                result = p == characters.count
            } else {
                switch tokens[t] {
                case .literal(let character):
                    result = p < characters.count && characters[p] == character && match(t + 1, p + 1)
                case .any:
                    result = p < characters.count && characters[p] != "/" && match(t + 1, p + 1)
                case .star:
                    var q = p
                    var found = match(t + 1, q)
                    while !found, q < characters.count, characters[q] != "/" {
                        q += 1
                        found = match(t + 1, q)
                    }
                    result = found
                case .globstar:
                    var q = p
                    var found = match(t + 1, q)
                    while !found, q < characters.count {
                        q += 1
                        found = match(t + 1, q)
                    }
                    result = found
                }
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}
