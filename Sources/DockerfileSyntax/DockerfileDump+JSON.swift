extension DockerfileDump {
    /// A compact JSON rendering of the parse for differential testing and tools.
    ///
    /// Shape: `{"instructions":[{"keyword","start","end","json","flags":[hex],"args":[hex],"heredocs":[…],
    /// "trigger":{…}|null}],"diagnostics":[{"message","line","column","severity"}]}`. Byte strings (flags,
    /// arguments, heredoc bodies) are lower-case hex of their UTF-8 bytes, so invalid UTF-8 survives; flags are
    /// given as BuildKit holds them (bytes >= 0x80 widened to two-byte runes). Lines are 1-based, columns are
    /// 1-based Unicode scalars.
    public static func json(_ dockerfile: Dockerfile) -> String {
        var out = "{\"instructions\":["
        for (index, instruction) in dockerfile.instructions.enumerated() {
            if index > 0 { out += "," }
            out += object(instruction)
        }
        out += "],\"diagnostics\":["
        for (index, diagnostic) in dockerfile.diagnostics.enumerated() {
            if index > 0 { out += "," }
            out += "{\"message\":\(string(diagnostic.message)),\"line\":\(diagnostic.span.lowerBound.line),"
            out += "\"column\":\(diagnostic.span.lowerBound.column),\"severity\":\"\(diagnostic.severity.rawValue)\"}"
        }
        return out + "]}"
    }

    private static func object(_ instruction: Instruction) -> String {
        var out = "{\"keyword\":\(string(instruction.keyword)),\"start\":\(instruction.startLine),"
        out += "\"end\":\(instruction.endLine),\"json\":\(instruction.isJSONForm),"
        out += "\"flags\":[" + instruction.flags.map { "\"\(hex(GoQuote.widenBytes($0.text)))\"" }.joined(separator: ",") + "],"
        out += "\"args\":[" + instruction.arguments.map { "\"\(hex(Array($0.bytes)))\"" }.joined(separator: ",") + "],"
        out += "\"heredocs\":[" + instruction.heredocs.map {
            "{\"name\":\(string($0.name)),\"fd\":\($0.fileDescriptor),\"expand\":\($0.expand),\"chomp\":\($0.chomp),\"content\":\"\(hex($0.content))\"}"
        }.joined(separator: ",") + "],"
        out += "\"trigger\":" + (instruction.trigger.map(object) ?? "null") + "}"
        return out
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let code = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - code.count) + code
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
