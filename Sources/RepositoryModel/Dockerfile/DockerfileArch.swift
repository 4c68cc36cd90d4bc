import DockerfileSyntax
import PlimsollCore
import ShellSyntax

/// Architecture knowledge shared by the Dockerfile rules: BuildKit's automatic platform ARGs, the names
/// architectures go by in download URLs, and which stages are per-architecture variants picked at build time.
public enum DockerfileArch {
    /// The ARGs BuildKit sets for every build (Dockerfile reference, "Automatic platform ARGs in the global scope").
    public static let platformArgs: Set<String> = [
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    ]

    public static let targetArgs: Set<String> = ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"]

    /// Spellings of one architecture in file names and URLs, lowercased. `arm64`/`aarch64` and `amd64`/`x86_64`
    /// name the same machines.
    static let architectureTokens: [String: String] = [
        "amd64": "amd64", "x86_64": "amd64", "x86-64": "amd64", "x64": "amd64",
        "arm64": "arm64", "aarch64": "arm64",
    ]

    /// Docker Hub's per-architecture namespaces (docker-library "Architectures other than amd64").
    public static let archNamespaces: Set<String> = [
        "amd64", "arm32v5", "arm32v6", "arm32v7", "arm64v8", "i386", "ppc64le", "s390x", "riscv64", "mips64le",
        "windows-amd64",
    ]

    /// Text that asks the machine or the build which architecture it is: BuildKit's platform ARGs, the
    /// commands that print the running machine (`uname -m`, `arch`, `dpkg --print-architecture`,
    /// `dpkg-architecture`, `apk --print-arch`, `rpm --eval %_arch`, `go env GOARCH`), and the file Alpine's apk
    /// reads its own architecture from (`cat /etc/apk/arch` prints what `apk --print-arch` does).
    static let archSources: [String] = [
        "TARGETARCH", "TARGETPLATFORM", "TARGETVARIANT", "BUILDARCH", "BUILDPLATFORM", "uname -m", "uname -p",
        "uname --machine", "uname --processor", "dpkg --print-architecture", "dpkg-architecture", "apk --print-arch",
        "/etc/apk/arch", "$(arch)", "`arch`", "go env GOARCH", "rpm --eval", "HOSTTYPE", "MACHTYPE",
    ]

    /// A piece without spaces of every `archSources` entry, and `$` (which starts every `$NAME` form): a text
    /// joined from words with spaces can hold an arch source only if some word holds one of these.
    private static let archSourceHints = NeedleSet(
        ["TARGET", "BUILD", "uname", "dpkg", "apk", "arch", "ARCH", "rpm", "TYPE", "$"])

    /// False only when `mentionsArchSource(words joined with spaces)` is false for any variables: no word
    /// holds a hint. Spares joining the words of most commands.
    public static func mayMentionArchSource(_ words: [ShellWord]) -> Bool {
        words.contains { archSourceHints.occurs(in: $0.value) }
    }

    private static let archSourceNeedles = NeedleSet(archSources)

    /// Whether the text names an architecture source, or `$NAME`/`${NAME` of one of `variables` (names of
    /// variables that hold one).
    public static func mentionsArchSource(_ text: String, variables: Set<String> = []) -> Bool {
        if archSourceNeedles.occurs(in: text) { return true }
        guard !variables.isEmpty, text.containsByte(UInt8(ascii: "$")) else { return false }
        return variables.contains { name in text.containsText("$" + name) || text.containsText("${" + name) }
    }

    /// `text.split(separator: "=", maxSplits: 1)` when it gives two parts, as (name, value). Leading `=`s are
    /// separators with nothing before them, so `=a=b` gives `a` and `b`, as `split` does.
    public static func assignment(_ text: String) -> (name: String, value: String)? {
        guard text.containsByte(UInt8(ascii: "=")) else { return nil }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
        let nameStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "=") { index += 1 }
        guard index + 1 < bytes.count else { return nil }
        return (String(decoding: bytes[nameStart..<index], as: UTF8.self),
                String(decoding: bytes[(index + 1)...], as: UTF8.self))
    }

    /// Every architecture token in `bytes[range]` delimited by non-alphanumerics: `linux-amd64.tar.gz`,
    /// `GOARCH=amd64`, `x86_64-linux-gnu`. Returns the token's byte range and its canonical arch.
    public static func tokens(in bytes: [UInt8], range: Range<Int>) -> [(range: Range<Int>, token: String, arch: String)] {
        var found: [(Range<Int>, String, String)] = []
        var index = range.lowerBound
        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        while index < range.upperBound {
            let byte = bytes[index] | 0x20
            if byte == UInt8(ascii: "a") || byte == UInt8(ascii: "x"), index == range.lowerBound || !isAlnum(bytes[index - 1]) {
                for (token, arch) in architectureTokens {
                    let end = index + token.utf8.count
                    guard end <= range.upperBound else { continue }
                    let matches = zip(bytes[index..<end], token.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
                    guard matches, end == range.upperBound || !isAlnum(bytes[end]) else { continue }
                    found.append((index..<end, String(decoding: bytes[index..<end], as: UTF8.self), arch))
                    index = end - 1
                    break
                }
            }
            index += 1
        }
        return found
    }

    /// Stages picked per architecture by a later `FROM stage_${TARGETARCH}` or `COPY --from=stage_$TARGETARCH`:
    /// each such stage legitimately pins one architecture.
    static func perArchStages(in dockerfile: Dockerfile) -> Set<Int> {
        var patterns: [(prefix: String, suffix: String)] = []
        // By index, without copying each instruction, and with no texts for the many that have neither.
        // Only a `$` can reference a platform ARG, so an image or --from value without one is skipped before any
        // String is built (`from.image` is the first argument).
        for index in dockerfile.instructions.indices {
            var texts: [String] = []
            if dockerfile.instructions[index].kind == .from,
               dockerfile.instructions[index].arguments.first?.bytes.contains(UInt8(ascii: "$")) == true,
               let from = dockerfile.instructions[index].from {
                texts.append(from.image.value)
            }
            if !dockerfile.instructions[index].flags.isEmpty,
               let value = dockerfile.instructions[index].flag("from")?.value {
                texts.append(value)
            }
            for text in texts where text.containsByte(UInt8(ascii: "$")) {
                let references = ShellExpansion.references(in: text, escape: dockerfile.escapeCharacter)
                guard let reference = references.first(where: { platformArgs.contains($0.name) }) else { continue }
                let utf8 = Array(text.utf8)
                let prefix = String(decoding: utf8[..<reference.byteRange.lowerBound], as: UTF8.self)
                let suffix = String(decoding: utf8[reference.byteRange.upperBound...], as: UTF8.self)
                patterns.append((prefix.lowercased(), suffix.lowercased()))
            }
        }
        guard !patterns.isEmpty else { return [] }
        var result: Set<Int> = []
        for stage in dockerfile.stages {
            guard let name = stage.name?.lowercased() else { continue }
            if patterns.contains(where: { name.hasPrefix($0.prefix) && name.hasSuffix($0.suffix)
                && name.count > $0.prefix.count + $0.suffix.count }) {
                result.insert(stage.index)
            }
        }
        return result
    }
}
