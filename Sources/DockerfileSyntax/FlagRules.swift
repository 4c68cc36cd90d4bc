import PlimsollCore

/// Which flags each instruction accepts, as BuildKit's instruction parser (`BFlags`) checks them.
enum FlagRules {
    enum Kind { case string, bool, stringList }

    static let fromFlags: [String: Kind] = ["platform": .string]
    static let runFlags: [String: Kind] = [
        "mount": .stringList, "network": .string, "security": .string, "device": .stringList,
    ]
    static let copyFlags: [String: Kind] = [
        "from": .string, "chown": .string, "chmod": .string, "link": .bool, "parents": .bool, "exclude": .stringList,
    ]
    static let addFlags: [String: Kind] = [
        "chown": .string, "chmod": .string, "link": .bool, "keep-git-dir": .bool, "checksum": .string,
        "exclude": .stringList, "unpack": .bool,
    ]
    static let healthcheckFlags: [String: Kind] = [
        "interval": .string, "timeout": .string, "start-period": .string, "start-interval": .string,
        "retries": .string,
    ]
    static let noFlags: [String: Kind] = [:]

    static func allowed(for kind: InstructionKind) -> [String: Kind]? {
        switch kind {
        case .from: fromFlags
        case .run: runFlags
        case .copy: copyFlags
        case .add: addFlags
        case .healthcheck: healthcheckFlags
        case .unknown, .onbuild: nil
        default: noFlags
        }
    }

    static func check(kind: InstructionKind, flags: [Flag], into diagnostics: inout [Diagnostic]) {
        guard !flags.isEmpty, let allowed = allowed(for: kind) else { return }
        var seen: Set<String> = []
        for flag in flags {
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
