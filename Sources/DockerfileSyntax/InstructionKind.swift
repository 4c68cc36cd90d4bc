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
        // Upper-case spellings (nearly every Dockerfile) by length and first letter, without the table walk.
        if let kind = Self.upperCase(keyword) {
            self = kind
            return
        }
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

    /// The kind whose upper-case spelling is exactly `keyword`, if any.
    static func upperCase(_ keyword: ArraySlice<UInt8>) -> InstructionKind? {
        guard let first = keyword.first else { return nil }
        let candidate: InstructionKind
        let spelling: StaticString
        switch (keyword.count, first) {
        case (3, UInt8(ascii: "R")): (candidate, spelling) = (.run, "RUN")
        case (3, UInt8(ascii: "E")): (candidate, spelling) = (.env, "ENV")
        case (3, UInt8(ascii: "C")): (candidate, spelling) = (.cmd, "CMD")
        case (3, UInt8(ascii: "A")):
            (candidate, spelling) = keyword[keyword.startIndex + 1] == UInt8(ascii: "D") ? (.add, "ADD") : (.arg, "ARG")
        case (4, UInt8(ascii: "C")): (candidate, spelling) = (.copy, "COPY")
        case (4, UInt8(ascii: "F")): (candidate, spelling) = (.from, "FROM")
        case (4, UInt8(ascii: "U")): (candidate, spelling) = (.user, "USER")
        case (5, UInt8(ascii: "L")): (candidate, spelling) = (.label, "LABEL")
        case (5, UInt8(ascii: "S")): (candidate, spelling) = (.shell, "SHELL")
        case (6, UInt8(ascii: "E")): (candidate, spelling) = (.expose, "EXPOSE")
        case (6, UInt8(ascii: "V")): (candidate, spelling) = (.volume, "VOLUME")
        case (7, UInt8(ascii: "O")): (candidate, spelling) = (.onbuild, "ONBUILD")
        case (7, UInt8(ascii: "W")): (candidate, spelling) = (.workdir, "WORKDIR")
        case (10, UInt8(ascii: "E")): (candidate, spelling) = (.entrypoint, "ENTRYPOINT")
        case (10, UInt8(ascii: "M")): (candidate, spelling) = (.maintainer, "MAINTAINER")
        case (10, UInt8(ascii: "S")): (candidate, spelling) = (.stopsignal, "STOPSIGNAL")
        case (11, UInt8(ascii: "H")): (candidate, spelling) = (.healthcheck, "HEALTHCHECK")
        default: return nil
        }
        let matches = spelling.withUTF8Buffer { buffer -> Bool in
            var index = keyword.startIndex
            for byte in buffer {
                if keyword[index] != byte { return false }
                index += 1
            }
            return true
        }
        return matches ? candidate : nil
    }

    /// The upper-case spelling of a known kind, as a constant (no String is built).
    var upperCaseSpelling: String {
        switch self {
        case .add: "ADD"
        case .arg: "ARG"
        case .cmd: "CMD"
        case .copy: "COPY"
        case .entrypoint: "ENTRYPOINT"
        case .env: "ENV"
        case .expose: "EXPOSE"
        case .from: "FROM"
        case .healthcheck: "HEALTHCHECK"
        case .label: "LABEL"
        case .maintainer: "MAINTAINER"
        case .onbuild: "ONBUILD"
        case .run: "RUN"
        case .shell: "SHELL"
        case .stopsignal: "STOPSIGNAL"
        case .user: "USER"
        case .volume: "VOLUME"
        case .workdir: "WORKDIR"
        case .unknown(let word): word
        }
    }

    /// The upper-case keyword (`RUN`), or the unknown word upper-cased.
    public var description: String { upperCaseSpelling }

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
