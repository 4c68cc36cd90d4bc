import PlimsollCore

/// Which flags each instruction accepts, as BuildKit's instruction parser (`BFlags`) checks them.
enum FlagRules {
    enum Kind { case string, bool, stringList }

    static func allowed(for kind: InstructionKind) -> [String: Kind]? {
        switch kind {
        case .from: ["platform": .string]
        case .run: ["mount": .stringList, "network": .string, "security": .string, "device": .stringList]
        case .copy:
            ["from": .string, "chown": .string, "chmod": .string, "link": .bool, "parents": .bool,
             "exclude": .stringList]
        case .add:
            ["chown": .string, "chmod": .string, "link": .bool, "keep-git-dir": .bool, "checksum": .string,
             "exclude": .stringList, "unpack": .bool]
        case .healthcheck:
            ["interval": .string, "timeout": .string, "start-period": .string, "start-interval": .string,
             "retries": .string]
        case .unknown, .onbuild: nil
        default: [:]
        }
    }

    static func check(_ instruction: Instruction, into diagnostics: inout [Diagnostic]) {
        guard let allowed = allowed(for: instruction.kind) else { return }
        var seen: Set<String> = []
        for flag in instruction.flags {
            if flag.name.isEmpty {
                diagnostics.append(.malformedFlag(flag.text.utf8String, at: flag.span))
                continue
            }
            guard let kind = allowed[flag.name] else {
                diagnostics.append(.unknownFlag(flag.name, at: flag.nameSpan))
                continue
            }
            switch kind {
            case .string:
                if !seen.insert(flag.name).inserted {
                    diagnostics.append(.duplicateFlag(flag.name, at: flag.nameSpan))
                }
                if flag.value == nil { diagnostics.append(.missingFlagValue(flag.name, at: flag.span)) }
            case .stringList:
                if flag.value == nil { diagnostics.append(.missingFlagValue(flag.name, at: flag.span)) }
            case .bool:
                if let value = flag.value, value.lowercased() != "true", value.lowercased() != "false" {
                    diagnostics.append(.invalidBooleanFlag(flag.name, value: value, at: flag.valueSpan ?? flag.span))
                }
            }
        }
    }
}
