import PlimsollCore

/// `ARG name[=default]`.
public struct ArgDeclaration: Sendable, Hashable {
    public var name: String
    /// The raw default (quotes kept); nil for `ARG name`.
    public var defaultValue: String?
    public var nameSpan: SourceSpan
    public var defaultValueSpan: SourceSpan?
    /// The whole word.
    public var span: SourceSpan
}

/// `FROM [--platform=…] image [AS name]`.
public struct FromInstruction: Sendable, Hashable {
    public var image: Argument
    public var platform: Flag?
    /// The `AS` keyword as written.
    public var asKeyword: Argument?
    public var stageName: Argument?
}

/// The command of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK CMD.
public enum CommandForm: Sendable, Hashable {
    /// JSON array: `["executable", "arg"]`.
    case exec([Argument])
    /// One shell string, verbatim.
    case shell(Argument)
}

/// `COPY`/`ADD` sources, destination and flags.
public struct CopyInstruction: Sendable, Hashable {
    public var sources: [Argument]
    public var destination: Argument?
    public var from: Flag?
    public var chown: Flag?
    public var chmod: Flag?
    public var link: Flag?
    public var parents: Flag?
    public var exclude: [Flag]
    public var checksum: Flag?
    public var keepGitDir: Flag?
}

/// `RUN` flags and command.
public struct RunInstruction: Sendable, Hashable {
    public var mounts: [Flag]
    public var network: Flag?
    public var security: Flag?
    public var command: CommandForm?
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD command`.
public struct HealthcheckInstruction: Sendable, Hashable {
    /// `CMD` or `NONE` as written (nil for a bare HEALTHCHECK).
    public var type: Argument?
    public var command: CommandForm?
    public var interval: Flag?
    public var timeout: Flag?
    public var startPeriod: Flag?
    public var startInterval: Flag?
    public var retries: Flag?
}

extension Instruction {
    /// FROM parts, or nil when this is not a well-formed FROM (one argument, or three with `AS`).
    public var from: FromInstruction? {
        guard kind == .from, let image = arguments.first else { return nil }
        if arguments.count == 1 { return FromInstruction(image: image, platform: flag("platform")) }
        guard arguments.count == 3, Self.isAsKeyword(arguments[1].bytes) else { return nil }
        return FromInstruction(image: image, platform: flag("platform"), asKeyword: arguments[1], stageName: arguments[2])
    }

    /// `AS` in any case (no other text lowercases to `as`).
    static func isAsKeyword(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 2 && bytes.first! | 0x20 == UInt8(ascii: "a") && bytes.last! | 0x20 == UInt8(ascii: "s")
    }

    /// ARG declarations (`ARG a b=c` declares two).
    public var argDeclarations: [ArgDeclaration] {
        guard kind == .arg else { return [] }
        return words.map { word in
            guard let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")) else {
                return ArgDeclaration(name: word.text, defaultValue: nil, nameSpan: word.span, defaultValueSpan: nil,
                                      span: word.span)
            }
            let name = word.bytes[..<equals]
            // Columns count Unicode scalars: every byte that is not a UTF-8 continuation byte starts one.
            let nameColumns = name.count { $0 & 0xC0 != 0x80 }
            let start = word.span.lowerBound
            let equalsLocation = SourceLocation(line: start.line, column: start.column + nameColumns,
                                                offset: start.offset + name.count)
            let valueStart = SourceLocation(line: equalsLocation.line, column: equalsLocation.column + 1,
                                            offset: equalsLocation.offset + 1)
            return ArgDeclaration(
                name: String(decoding: name, as: UTF8.self),
                defaultValue: String(decoding: word.bytes[(equals + 1)...], as: UTF8.self),
                nameSpan: start..<equalsLocation, defaultValueSpan: valueStart..<max(valueStart, word.span.upperBound),
                span: word.span)
        }
    }

    /// The command of RUN, CMD, ENTRYPOINT and SHELL, in exec or shell form.
    public var command: CommandForm? {
        switch kind {
        case .run, .cmd, .entrypoint, .shell:
            return Self.commandForm(arguments, json: isJSONForm)
        case .healthcheck:
            return healthcheck?.command
        default:
            return nil
        }
    }

    static func commandForm(_ arguments: [Argument], json: Bool) -> CommandForm? {
        if json { return .exec(arguments) }
        return arguments.first.map(CommandForm.shell)
    }

    /// COPY and ADD parts.
    public var copy: CopyInstruction? {
        guard kind == .copy || kind == .add else { return nil }
        return CopyInstruction(
            sources: Array(arguments.dropLast()), destination: arguments.last, from: flag("from"),
            chown: flag("chown"), chmod: flag("chmod"), link: flag("link"), parents: flag("parents"),
            exclude: flags(named: "exclude"), checksum: flag("checksum"), keepGitDir: flag("keep-git-dir"))
    }

    /// RUN parts.
    public var run: RunInstruction? {
        guard kind == .run else { return nil }
        return RunInstruction(mounts: flags(named: "mount"), network: flag("network"), security: flag("security"),
                              command: command)
    }

    /// HEALTHCHECK parts.
    public var healthcheck: HealthcheckInstruction? {
        guard kind == .healthcheck else { return nil }
        let type = arguments.first
        return HealthcheckInstruction(
            type: type, command: Self.commandForm(Array(arguments.dropFirst()), json: isJSONForm),
            interval: flag("interval"), timeout: flag("timeout"), startPeriod: flag("start-period"),
            startInterval: flag("start-interval"), retries: flag("retries"))
    }

    /// USER, WORKDIR, STOPSIGNAL and MAINTAINER: the single verbatim argument.
    public var singleArgument: Argument? {
        switch kind {
        case .user, .workdir, .stopsignal, .maintainer: arguments.first
        default: nil
        }
    }

    /// EXPOSE ports (`80`, `443/tcp`), verbatim.
    public var exposedPorts: [Argument] { kind == .expose ? arguments : [] }
}
