import PlimsollCore
/// A build platform as BuildKit reads it: `os/arch[/variant]` (FACTS.md F19), with the spellings people
/// write instead (`amd64`, `linux/x86_64`, `aarch64`) mapped to the right name.
struct ArchPlatform: Hashable, Sendable {
    let os: String
    let arch: String
    let variant: String?

    /// Parses a well-formed platform with a known OS and architecture (lowercase, as BuildKit requires); nil
    /// for anything else.
    init?(_ text: String) {
        // The two platforms nearly every build names, answered without splitting the text or hashing its parts
        // (the rules parse each entry of each build); `init(parsing:)` gives the same for them.
        switch text {
        case "linux/amd64": self.init(os: "linux", arch: "amd64", variant: nil)
        case "linux/arm64": self.init(os: "linux", arch: "arm64", variant: nil)
        default: self.init(parsing: text)
        }
    }

    private init(os: String, arch: String, variant: String?) {
        (self.os, self.arch, self.variant) = (os, arch, variant)
    }

    /// `init(_:)` for any text.
    init?(parsing text: String) {
        let parts = text.splitting(onASCII: UInt8(ascii: "/")).map(String.init)
        guard (2...3).contains(parts.count), Self.systems.contains(parts[0]), Self.architectures.contains(parts[1])
        else { return nil }
        if parts.count == 3 {
            guard let variants = Self.variants[parts[1]], variants.contains(parts[2]) else { return nil }
        }
        self.init(os: parts[0], arch: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    /// The platform with BuildKit's default variants dropped (`linux/arm64/v8` is `linux/arm64`), for
    /// comparing a build's platforms with the policy's.
    var normalized: String {
        switch (arch, variant) {
        case ("arm64", "v8"), ("amd64", "v1"), (_, nil): "\(os)/\(arch)"
        case (_, let variant?): "\(os)/\(arch)/\(variant)"
        }
    }

    /// True when a runner of `runnerArch` (`amd64`, `arm64`) runs this platform without emulation.
    func isNative(on runnerArch: String) -> Bool {
        arch == runnerArch || (runnerArch == "amd64" && arch == "386")
    }

    /// The platform meant by a malformed entry (`amd64` → `linux/amd64`, `linux/aarch64` → `linux/arm64`).
    static func suggestion(for text: String) -> String? {
        let lowered = text.lowercased()
        if ArchPlatform(lowered) != nil { return lowered }
        let parts = lowered.split(separator: "/").map(String.init)
        let os = parts.count >= 2 && systems.contains(parts[0]) ? parts[0] : "linux"
        let rest = parts.count >= 2 && systems.contains(parts[0]) ? Array(parts.dropFirst()) : parts
        guard let arch = rest.first else { return nil }
        if let mapped = aliases[rest.joined(separator: "/")] ?? aliases[arch] { return "\(os)/\(mapped)" }
        if architectures.contains(arch) {
            let candidate = ([os] + rest).joined(separator: "/")
            return ArchPlatform(candidate) != nil ? candidate : "\(os)/\(arch)"
        }
        return nil
    }

    /// GOOS values BuildKit accepts in a platform.
    static let systems: Set<String> = [
        "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "android", "aix",
        "plan9", "js", "wasip1",
    ]
    /// GOARCH values.
    static let architectures: Set<String> = [
        "amd64", "arm64", "arm", "386", "ppc64le", "ppc64", "s390x", "riscv64", "mips64le", "mips64", "mipsle",
        "mips", "loong64", "wasm",
    ]
    static let variants: [String: Set<String>] = [
        "arm": ["v5", "v6", "v7", "v8"], "arm64": ["v8", "v8.0", "v9"], "amd64": ["v1", "v2", "v3", "v4"],
        "riscv64": ["rva20u64", "rva22u64"],
    ]
    /// Names used by `uname -m`, Debian and Docker Hub's per-arch organisations.
    static let aliases: [String: String] = [
        "x86_64": "amd64", "x86-64": "amd64", "x64": "amd64", "amd64": "amd64",
        "aarch64": "arm64", "arm64v8": "arm64", "arm64": "arm64", "arm64/v8": "arm64",
        "armv7": "arm/v7", "armv7l": "arm/v7", "armhf": "arm/v7", "arm32v7": "arm/v7", "arm/v7": "arm/v7",
        "armv6": "arm/v6", "armv6l": "arm/v6", "armel": "arm/v6", "arm32v6": "arm/v6",
        "i386": "386", "i686": "386", "x86": "386", "386": "386",
        "ppc64el": "ppc64le", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64",
    ]
}
