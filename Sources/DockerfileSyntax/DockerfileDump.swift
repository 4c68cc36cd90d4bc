/// Prints a parse in the text format of BuildKit's parser test `result` files.
public enum DockerfileDump {
    /// One s-expression line per instruction, each ending in `\n`, exactly like BuildKit's `Node.Dump()` plus
    /// the trailing newline its tests append. With `lines: true` each line is prefixed with the instruction's
    /// 1-based inclusive line range: `5-5 (from "alpine")`.
    public static func dump(_ dockerfile: Dockerfile, lines: Bool = false) -> String {
        var out: [UInt8] = []
        for instruction in dockerfile.instructions {
            if lines { out.append(contentsOf: Array("\(instruction.startLine)-\(instruction.endLine) ".utf8)) }
            out.append(UInt8(ascii: "("))
            node(instruction, into: &out)
            out.append(UInt8(ascii: ")"))
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The dump as raw bytes (the text can hold bytes that are not valid UTF-8 only through `\x` escapes, so
    /// this equals `Array(dump(...).utf8)`; kept for byte-exact comparisons).
    public static func dumpBytes(_ dockerfile: Dockerfile, lines: Bool = false) -> [UInt8] {
        Array(dump(dockerfile, lines: lines).utf8)
    }

    static func keyword(_ instruction: Instruction) -> [UInt8] {
        Array(GoText.lowercased(Array(instruction.keyword.utf8)[...]).utf8)
    }

    private static func node(_ instruction: Instruction, into out: inout [UInt8]) {
        out.append(contentsOf: keyword(instruction))
        if !instruction.flags.isEmpty {
            out.append(contentsOf: Array(" [".utf8))
            for (index, flag) in instruction.flags.enumerated() {
                if index > 0 { out.append(UInt8(ascii: " ")) }
                GoQuote.quote(GoQuote.widenBytes(flag.text), into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if instruction.kind == .onbuild, let trigger = instruction.trigger {
            out.append(contentsOf: Array(" (".utf8))
            node(trigger, into: &out)
            out.append(UInt8(ascii: ")"))
            return
        }
        for argument in instruction.arguments {
            out.append(UInt8(ascii: " "))
            GoQuote.quote(Array(argument.bytes), into: &out)
        }
    }
}
