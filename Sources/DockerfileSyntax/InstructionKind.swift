/// The normalized instruction keyword. Unknown keywords keep their upper-cased text.
public enum InstructionKind: Sendable, Hashable, CustomStringConvertible {
    case add, arg, cmd, copy, entrypoint, env, expose, from, healthcheck, label, maintainer
    case onbuild, run, shell, stopsignal, user, volume, workdir
    case unknown(String)

    static let table: [String: InstructionKind] = [
        "add": .add, "arg": .arg, "cmd": .cmd, "copy": .copy, "entrypoint": .entrypoint, "env": .env,
        "expose": .expose, "from": .from, "healthcheck": .healthcheck, "label": .label,
        "maintainer": .maintainer, "onbuild": .onbuild, "run": .run, "shell": .shell,
        "stopsignal": .stopsignal, "user": .user, "volume": .volume, "workdir": .workdir,
    ]

    /// Looks up a lower-cased keyword.
    init(lowercased keyword: String) {
        self = Self.table[keyword] ?? .unknown(keyword.uppercased())
    }

    /// The known keywords as ASCII bytes, by length, for `init(keyword:)`.
    private static let byLength: [[([UInt8], InstructionKind)]] = {
        var result = [[([UInt8], InstructionKind)]](repeating: [], count: 12)
        for (word, kind) in table { result[word.utf8.count].append((Array(word.utf8), kind)) }
        return result
    }()

    /// Looks up a keyword as written (any case), without building a String for the known ones. Same result as
    /// `init(lowercased: GoText.lowercased(keyword))`.
    init(keyword: ArraySlice<UInt8>) {
        if keyword.count < Self.byLength.count {
            for (word, kind) in Self.byLength[keyword.count] {
                var equal = true
                var index = keyword.startIndex
                for expected in word {
                    let byte = keyword[index]
                    let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                    if lower != expected { equal = false; break }
                    index += 1
                }
                if equal {
                    self = kind
                    return
                }
            }
        }
        self.init(lowercased: GoText.lowercased(keyword))
    }

    /// The upper-case keyword (`RUN`), or the unknown word upper-cased.
    public var description: String {
        switch self {
        case .unknown(let word): word
        default: "\(Self.name(of: self))".uppercased()
        }
    }

    private static func name(of kind: InstructionKind) -> String {
        switch kind {
        case .add: "add"
        case .arg: "arg"
        case .cmd: "cmd"
        case .copy: "copy"
        case .entrypoint: "entrypoint"
        case .env: "env"
        case .expose: "expose"
        case .from: "from"
        case .healthcheck: "healthcheck"
        case .label: "label"
        case .maintainer: "maintainer"
        case .onbuild: "onbuild"
        case .run: "run"
        case .shell: "shell"
        case .stopsignal: "stopsignal"
        case .user: "user"
        case .volume: "volume"
        case .workdir: "workdir"
        case .unknown(let word): word
        }
    }

    public var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }

    /// RUN, COPY and ADD read heredocs.
    var canContainHeredoc: Bool {
        // A switch, not `==`: comparing with the payload-carrying enum's `==` costs a call per test.
        switch self {
        case .run, .copy, .add: true
        default: false
        }
    }
}
