import PlimsollCore
/// A build platform as BuildKit reads it (containerd's `platforms.Parse`): `os/arch[/variant]`, lowercased, with
/// the architecture names it normalizes (`x86_64`, `aarch64`, `armhf`, `i386`), the variants it normalizes
/// (`linux/arm/7` is `linux/arm/v7`, `linux/arm64/v8` is `linux/arm64`), and a lone architecture taking the
/// client's OS (`amd64` is `linux/amd64` on a Linux runner). An architecture BuildKit does not know parses but
/// no builder builds it, so it is not a platform here.
public struct BuildPlatform: Hashable, Sendable {
    let os: String
    let arch: String
    let variant: String?

    /// Parses a platform BuildKit builds; nil for anything else.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) } })
        else { return nil }
        let os = parts.count == 1 ? "linux" : (parts[0] == "macos" ? "darwin" : parts[0])
        let (arch, variant) = Self.normalize(arch: parts.count == 1 ? parts[0] : parts[1], variant: parts.count == 3 ? parts[2] : nil)
        guard Self.systems.contains(os), Self.architectures.contains(arch) else { return nil }
        if let variant { guard Self.variants[arch]?.contains(variant) == true else { return nil } }
        self.init(os: os, arch: arch, variant: variant)
    }

    private init(os: String, arch: String, variant: String?) {
        (self.os, self.arch, self.variant) = (os, arch, variant)
    }

    /// containerd's `normalizeArch`: the names and variants it maps, with each architecture's default variant
    /// made explicit nowhere (nil) so that equal platforms compare equal.
    private static func normalize(arch: String, variant: String?) -> (String, String?) {
        switch arch {
        case "i386": return ("386", nil)
        case "x86_64", "x86-64", "amd64": return ("amd64", variant == "v1" ? nil : variant)
        case "aarch64", "arm64":
            switch variant {
            case "8", "v8", "v8.0": return ("arm64", nil)
            case "9", "9.0", "v9.0": return ("arm64", "v9")
            default: return ("arm64", variant)
            }
        case "armhf": return ("arm", nil)
        case "armel": return ("arm", "v6")
        case "arm":
            switch variant {
            case nil, "7", "v7": return ("arm", nil)
            case "5", "6", "8": return ("arm", "v" + variant!)
            default: return ("arm", variant)
            }
        default: return (arch, variant)
        }
    }

    /// The canonical spelling, for comparing a build's platforms with the policy's (`linux/arm/v7`,
    /// `linux/arm64`).
    public var normalized: String {
        switch (arch, variant) {
        case ("arm", nil): "\(os)/arm/v7"
        case (_, nil): "\(os)/\(arch)"
        case (_, let variant?): "\(os)/\(arch)/\(variant)"
        }
    }

    /// True when a runner of `runnerArch` (`amd64`, `arm64`) runs this platform without emulation.
    public func isNative(on runnerArch: String) -> Bool {
        arch == runnerArch || (runnerArch == "amd64" && arch == "386")
    }

    /// The platform meant by an entry BuildKit cannot build (`linux/x64` → `linux/amd64`, `linux/armv7` →
    /// `linux/arm/v7`).
    public static func suggestion(for text: String) -> String? {
        let lowered = text.lowercased()
        if let platform = BuildPlatform(lowered) { return platform.normalized }
        let parts = lowered.split(separator: "/").map(String.init)
        let os = parts.count >= 2 && systems.contains(parts[0]) ? parts[0] : "linux"
        let rest = parts.count >= 2 && systems.contains(parts[0]) ? Array(parts.dropFirst()) : parts
        guard let arch = rest.first else { return nil }
        if let mapped = aliases[rest.joined(separator: "/")] ?? aliases[arch] { return "\(os)/\(mapped)" }
        if architectures.contains(arch) {
            let candidate = ([os] + rest).joined(separator: "/")
            return BuildPlatform(candidate) != nil ? candidate : "\(os)/\(arch)"
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
        "arm": ["v5", "v6", "v7", "v8"],
        "arm64": Set((1...9).map { "v8.\($0)" } + ["v9"] + (1...5).map { "v9.\($0)" }), "amd64": ["v1", "v2", "v3", "v4"],
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
