/// The syntax tree of one `${{ … }}` expression. Ranges are UTF-8 byte offsets within the expression text
/// (the part between `${{` and `}}`).
public struct ExpressionNode: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        /// A bare name at the start of a property chain: a context (`github`, `secrets`, `matrix` …).
        case context(String)
        /// `base.name` or `base['name']`.
        case property(ExpressionNode, String)
        /// `base[expr]` with a non-literal index.
        case index(ExpressionNode, ExpressionNode)
        /// `base.*` (object filter).
        case wildcard(ExpressionNode)
        case call(String, [ExpressionNode])
        case not(ExpressionNode)
        case binary(String, ExpressionNode, ExpressionNode)
    }

    public let kind: Kind
    public let range: Range<Int>
}

/// A token of the expression language.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case punctuation(String)
        case end
    }

    var kind: Kind
    var range: Range<Int>
}

/// Splits an expression into tokens. Errors are returned as a message and byte offset.
struct ExpressionLexer {
    static func tokenize(_ bytes: [UInt8]) -> Result<[ExpressionToken], ExpressionError> {
        var tokens: [ExpressionToken] = []
        var i = 0
        let n = bytes.count
        func isIdentStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
        func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D }
        while i < n {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                i += 1
                continue
            }
            let start = i
            if isIdentStart(c) {
                while i < n, isIdentPart(bytes[i]) { i += 1 }
                tokens.append(.init(kind: .identifier(String(decoding: bytes[start..<i], as: UTF8.self)), range: start..<i))
            } else if c == 0x27 {  // '
                var value: [UInt8] = []
                i += 1
                var closed = false
                while i < n {
                    if bytes[i] == 0x27 {
                        if i + 1 < n, bytes[i + 1] == 0x27 {
                            value.append(0x27)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    value.append(bytes[i])
                    i += 1
                }
                guard closed else { return .failure(ExpressionError(message: "unterminated string literal", offset: start)) }
                tokens.append(.init(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<i))
            } else if (c >= 0x30 && c <= 0x39) || (c == 0x2D && i + 1 < n && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39)
                || (c == 0x2E && i + 1 < n && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 && !(tokens.last.map(isOperand) ?? false))
            {
                i += 1
                while i < n, isIdentPart(bytes[i]) || bytes[i] == 0x2E || ((bytes[i] == 0x2B || bytes[i] == 0x2D) && (bytes[i - 1] | 0x20) == 0x65) { i += 1 }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                let value: Double?
                if text.hasPrefix("0x") || text.hasPrefix("-0x") {
                    let negative = text.hasPrefix("-")
                    value = Int(text.dropFirst(negative ? 3 : 2), radix: 16).map { Double(negative ? -$0 : $0) }
                } else {
                    value = Double(text)
                }
                guard let value else { return .failure(ExpressionError(message: "invalid number '\(text)'", offset: start)) }
                tokens.append(.init(kind: .number(value), range: start..<i))
            } else {
                let two = i + 1 < n ? String(decoding: bytes[i...i + 1], as: UTF8.self) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append(.init(kind: .punctuation(two), range: i..<i + 2))
                    i += 2
                } else if "()[].,!<>*".utf8.contains(c) {
                    tokens.append(.init(kind: .punctuation(String(UnicodeScalar(c))), range: i..<i + 1))
                    i += 1
                } else {
                    return .failure(ExpressionError(message: "unexpected character in expression", offset: i))
                }
            }
        }
        tokens.append(.init(kind: .end, range: n..<n))
        return .success(tokens)
    }

    private static func isOperand(_ token: ExpressionToken) -> Bool {
        switch token.kind {
        case .identifier, .string, .number: return true
        case .punctuation(let p): return p == ")" || p == "]" || p == "*"
        case .end: return false
        }
    }
}

/// A syntax error in an expression, at a UTF-8 byte offset within the expression text.
public struct ExpressionError: Error, Sendable, Hashable {
    public let message: String
    public let offset: Int
}

/// Recursive-descent parser: `||` < `&&` < `==`/`!=` < `<`/`<=`/`>`/`>=` < `!` < postfix (`.x`, `['x']`, `.*`).
/// Nesting is limited, so hostile input cannot exhaust the stack.
struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 64

    static func parse(_ bytes: [UInt8]) -> Result<ExpressionNode, ExpressionError> {
        switch ExpressionLexer.tokenize(bytes) {
        case .failure(let error): return .failure(error)
        case .success(let tokens):
            // Chains and operator sequences nest the tree; a token cap bounds its depth for every recursive walk.
            guard tokens.count <= 1024 else {
                return .failure(ExpressionError(message: "expression is too long", offset: 0))
            }
            var parser = ExpressionParser(tokens: tokens)
            do {
                let node = try parser.parseOr()
                guard case .end = parser.current.kind else {
                    throw ExpressionError(message: "unexpected token after expression", offset: parser.current.range.lowerBound)
                }
                return .success(node)
            } catch let error as ExpressionError {
                return .failure(error)
            } catch {
                return .failure(ExpressionError(message: "invalid expression", offset: 0))
            }
        }
    }

    private init(tokens: [ExpressionToken]) { self.tokens = tokens }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isPunctuation(_ p: String) -> Bool { current.kind == .punctuation(p) }

    private mutating func expect(_ p: String) throws(ExpressionError) -> ExpressionToken {
        guard isPunctuation(p) else { throw ExpressionError(message: "expected '\(p)'", offset: current.range.lowerBound) }
        return advance()
    }

    private mutating func binary(_ ops: [String], next: (inout ExpressionParser) throws(ExpressionError) -> ExpressionNode) throws(ExpressionError) -> ExpressionNode {
        var lhs = try next(&self)
        while case .punctuation(let p) = current.kind, ops.contains(p) {
            _ = advance()
            let rhs = try next(&self)
            lhs = ExpressionNode(kind: .binary(p, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    mutating func parseOr() throws(ExpressionError) -> ExpressionNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw ExpressionError(message: "expression nested too deeply", offset: current.range.lowerBound) }
        return try binary(["||"]) { (p) throws(ExpressionError) in try p.parseAnd() }
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExpressionNode {
        try binary(["&&"]) { (p) throws(ExpressionError) in try p.parseEquality() }
    }

    private mutating func parseEquality() throws(ExpressionError) -> ExpressionNode {
        try binary(["==", "!="]) { (p) throws(ExpressionError) in try p.parseComparison() }
    }

    private mutating func parseComparison() throws(ExpressionError) -> ExpressionNode {
        try binary(["<", "<=", ">", ">="]) { (p) throws(ExpressionError) in try p.parseUnary() }
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExpressionNode {
        if isPunctuation("!") {
            let bang = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw ExpressionError(message: "expression nested too deeply", offset: bang.range.lowerBound) }
            let operand = try parseUnary()
            return ExpressionNode(kind: .not(operand), range: bang.range.lowerBound..<operand.range.upperBound)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionError) -> ExpressionNode {
        var node = try parsePrimary()
        while true {
            if isPunctuation(".") {
                _ = advance()
                let token = advance()
                switch token.kind {
                case .identifier(let name):
                    node = ExpressionNode(kind: .property(node, name), range: node.range.lowerBound..<token.range.upperBound)
                case .punctuation("*"):
                    node = ExpressionNode(kind: .wildcard(node), range: node.range.lowerBound..<token.range.upperBound)
                default:
                    throw ExpressionError(message: "expected a property name after '.'", offset: token.range.lowerBound)
                }
            } else if isPunctuation("[") {
                _ = advance()
                if isPunctuation("*") {
                    _ = advance()
                    let close = try expect("]")
                    node = ExpressionNode(kind: .wildcard(node), range: node.range.lowerBound..<close.range.upperBound)
                    continue
                }
                let index = try parseOr()
                let close = try expect("]")
                let range = node.range.lowerBound..<close.range.upperBound
                if case .string(let name) = index.kind {
                    node = ExpressionNode(kind: .property(node, name), range: range)
                } else {
                    node = ExpressionNode(kind: .index(node, index), range: range)
                }
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> ExpressionNode {
        let token = advance()
        switch token.kind {
        case .string(let value): return ExpressionNode(kind: .string(value), range: token.range)
        case .number(let value): return ExpressionNode(kind: .number(value), range: token.range)
        case .identifier(let name):
            switch name {
            case "null": return ExpressionNode(kind: .null, range: token.range)
            case "true": return ExpressionNode(kind: .bool(true), range: token.range)
            case "false": return ExpressionNode(kind: .bool(false), range: token.range)
            default: break
            }
            if isPunctuation("(") {
                _ = advance()
                var arguments: [ExpressionNode] = []
                if !isPunctuation(")") {
                    arguments.append(try parseOr())
                    while isPunctuation(",") {
                        _ = advance()
                        arguments.append(try parseOr())
                    }
                }
                let close = try expect(")")
                return ExpressionNode(kind: .call(name, arguments), range: token.range.lowerBound..<close.range.upperBound)
            }
            return ExpressionNode(kind: .context(name), range: token.range)
        case .punctuation("("):
            let inner = try parseOr()
            _ = try expect(")")
            return inner
        case .end:
            throw ExpressionError(message: "unexpected end of expression", offset: token.range.lowerBound)
        default:
            throw ExpressionError(message: "unexpected token in expression", offset: token.range.lowerBound)
        }
    }
}
