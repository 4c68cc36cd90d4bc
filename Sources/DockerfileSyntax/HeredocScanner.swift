/// Finds heredoc openers (`[n]<<[-]NAME`) on an instruction line, as BuildKit's `heredocsFromLine` and
/// `ParseHeredoc` do: the line is split into shell words (quotes and escapes kept), then each word is matched
/// against `^(\d*)<<(-?)([^<]*)$`.
enum HeredocScanner {
    struct Opener {
        var name: [UInt8]
        var fileDescriptor: Int
        var chomp: Bool
        var expand: Bool
        /// Logical byte range of the opener word.
        var range: Range<Int>
    }

    struct Failure: Error {
        var message: String
        var range: Range<Int>
    }

    static func openers(in line: [UInt8]) -> Result<[Opener], Failure> {
        var options = ShellLexer.Options()
        options.rawQuotes = true
        options.rawEscapes = true
        var lexer = ShellLexer(line, options: options, environment: { _ in nil })
        // BuildKit ignores errors here: an unbalanced quote anywhere means no heredocs at all.
        guard let words = try? lexer.process().words else { return .success([]) }
        var result: [Opener] = []
        for word in words {
            let bytes = word.bytes
            var index = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            let digits = bytes[..<index]
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "<")
            else { continue }
            index += 2
            var chomp = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                chomp = true
                index += 1
            }
            let rest = Array(bytes[index...])
            guard !rest.contains(UInt8(ascii: "<")), !rest.isEmpty else { continue }
            do {
                var plain = ShellLexer.Options()
                plain.skipUnsetEnv = true
                var unquotedLexer = ShellLexer(rest, options: plain, environment: { _ in nil })
                let unquoted = try unquotedLexer.process().words
                guard unquoted.count == 1 else { continue }
                plain.rawQuotes = true
                var rawLexer = ShellLexer(rest, options: plain, environment: { _ in nil })
                let raw = try rawLexer.process().words
                guard raw.count == 1 else {
                    return .failure(Failure(message: "internal lexing of heredoc produced inconsistent results: \(rest.utf8String)", range: word.range))
                }
                func quotes(_ b: [UInt8]) -> Int { b.reduce(0) { $0 + ($1 == 0x27 || $1 == 0x22 ? 1 : 0) } }
                let fd = Int(String(decoding: digits, as: UTF8.self)) ?? 0
                result.append(Opener(name: unquoted[0].bytes, fileDescriptor: fd, chomp: chomp,
                                     expand: quotes(unquoted[0].bytes) == quotes(raw[0].bytes), range: word.range))
            } catch {
                return .failure(Failure(message: error.message, range: word.range))
            }
        }
        return .success(result)
    }
}
