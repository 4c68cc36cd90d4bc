import DockerfileSyntax
import PlimsollCore

/// Dockerfiles written for one architecture each: `Dockerfile.aarch64` next to `Dockerfile` (linuxserver),
/// an `amd64/` and an `arm64v8/` folder (docker-library's official images), or a base image whose tag names
/// the architecture (`FROM …:arm64v8-3.23`). Each is built for its own architecture only, so naming that
/// architecture inside it is right; that the repository builds several such files instead of one multi-arch
/// Dockerfile is what the standard asks to change, reported once per repository by PL201.
public enum PerArchDockerfiles {
    /// One per-architecture Dockerfile and how it was recognised.
    public struct Variant: Sendable, Hashable {
        public let path: String
        /// Canonical: `amd64`, `arm64`, `arm`, `386`, `ppc64le`, `s390x`, `riscv64`.
        public let arch: String
        /// How the architecture was read, for messages: "its name", "its folder 'amd64/'", …
        public let evidence: String
        /// True when no other platform could build the file at all (a Windows container, whose base images
        /// exist only for windows/amd64): nothing could be merged into a multi-arch Dockerfile, so PL201's
        /// per-repository warning leaves it out.
        public var onlyPlatform = false
    }

    /// Names of architectures in file names, folders and image tags, with the canonical architecture
    /// (GOARCH spelling, as in `linux/arm64`). docker-library's namespaces (`arm64v8`, `arm32v7`) included.
    public static let names: [String: String] = [
        "amd64": "amd64", "x86_64": "amd64", "x86-64": "amd64",
        "arm64": "arm64", "aarch64": "arm64", "arm64v8": "arm64",
        "armhf": "arm", "armel": "arm", "armv6": "arm", "armv7": "arm", "arm32v5": "arm", "arm32v6": "arm",
        "arm32v7": "arm", "i386": "386", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64",
    ]

    /// The per-architecture Dockerfiles among a repository's Dockerfiles, by path.
    static func variants(of dockerfiles: [DockerfileFile]) -> [String: Variant] {
        var found: [String: Variant] = [:]
        for file in dockerfiles {
            if let variant = variant(file) { found[file.path] = variant }
        }
        // A plain-named file beside per-architecture variants of the same name (`Dockerfile` beside
        // `Dockerfile.aarch64`) is the variant for the architecture none of them names: the build machine's,
        // amd64. Not when it asks for the target platform itself: then it is the multi-arch one.
        guard !found.isEmpty else { return found }
        for file in dockerfiles where found[file.path] == nil && !asksForTarget(file) {
            let (folder, name) = split(file.path)
            let siblings = found.values.filter { variant in
                guard !variant.onlyPlatform else { return false }
                let (otherFolder, otherName) = split(variant.path)
                return otherFolder == folder && stem(otherName) == name
            }
            guard !siblings.isEmpty, !siblings.contains(where: { $0.arch == "amd64" }) else { continue }
            let names = siblings.map { "'\(split($0.path).name)'" }.sorted().joined(separator: ", ")
            found[file.path] = Variant(path: file.path, arch: "amd64", evidence: "it is the amd64 counterpart of \(names)")
        }
        return found
    }

    /// True when the Dockerfile uses one of BuildKit's automatic platform ARGs (`TARGETARCH`, `BUILDPLATFORM`…).
    /// Searched as bytes: the names are ASCII, and a byte match is the name whatever the text around it.
    static func asksForTarget(_ file: DockerfileFile) -> Bool {
        file.source.bytes.withUnsafeBufferPointer { platformArgNeedles.occurs(in: $0) }
    }

    private static let platformArgNeedles = NeedleSet(DockerfileArch.platformArgs.sorted())

    /// The architecture a Dockerfile is written for by its own name, its folder or its base image's tag, or
    /// because it builds a Windows container.
    static func variant(_ file: DockerfileFile) -> Variant? {
        if let windows = windowsEvidence(file) {
            return Variant(path: file.path, arch: "amd64", evidence: windows, onlyPlatform: true)
        }
        let (folder, name) = split(file.path)
        for token in tokens(of: name) where token.lowercased() != "dockerfile" {
            if let arch = names[token.lowercased()] {
                return Variant(path: file.path, arch: arch, evidence: "its name says '\(token)'")
            }
        }
        for segment in folder.split(separator: "/") {
            if let arch = names[segment.lowercased()] {
                return Variant(path: file.path, arch: arch, evidence: "its folder is '\(segment)/'")
            }
        }
        // The base of a stage that runs on the build machine (`--platform=$BUILDPLATFORM`), or of one a later
        // `FROM build_${TARGETARCH}` picks per target, is not the image's architecture: `rust-musl:x86_64-musl`
        // there is the cross toolchain for one target of a multi-arch file.
        let perArch = file.perArchStages
        let platforms = file.stageGraph.effectivePlatforms
        for stage in file.dockerfile.stages where stage.baseStageIndex == nil && !perArch.contains(stage.index) {
            if stage.index < platforms.count, let platform = platforms[stage.index], platform.contains("BUILD") { continue }
            guard let tag = tag(of: stage.baseImage) else { continue }
            for token in tokens(of: tag) {
                if let arch = names[token.lowercased()] {
                    return Variant(path: file.path, arch: arch, evidence: "its base image '\(stage.baseImage)' is tagged '\(token)'")
                }
            }
        }
        return nil
    }

    /// Why the Dockerfile builds a Windows container, or nil. Windows Server Core, Nano Server and the images
    /// built on them (`golang:…-windowsservercore-ltsc2022`, `…-nanoserver-…`) are published for windows/amd64
    /// only, and a `SHELL` of `powershell` or `cmd` (Windows PowerShell, the Windows command interpreter; `pwsh`
    /// also runs on Linux) only runs in one: such a file is built for windows/amd64 and nothing else, so naming
    /// amd64 in it is right.
    static func windowsEvidence(_ file: DockerfileFile) -> String? {
        let dockerfile = file.dockerfile
        for stage in dockerfile.stages where stage.baseStageIndex == nil {
            let image = stage.baseImage.lowercased()
            let repository = image.split(separator: ":", maxSplits: 1).first.map(String.init) ?? image
            let isWindows = repository.hasPrefix("mcr.microsoft.com/windows/") || repository == "mcr.microsoft.com/windows"
                || windowsImageWords.contains { image.containsText($0) }
            if isWindows {
                return "its base image '\(stage.baseImage)' is a Windows image, published for windows/amd64 only"
            }
        }
        for instruction in dockerfile.instructions where instruction.kind == .shell {
            guard case .exec(let arguments)? = instruction.command, let program = arguments.first?.value else { continue }
            let name = (program.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? program).lowercased()
            if ["powershell", "powershell.exe", "cmd", "cmd.exe"].contains(name) {
                return "its SHELL is '\(program)', which runs only in a Windows container (windows/amd64)"
            }
        }
        return nil
    }

    /// Words in the names and tags of Windows container images (`servercore`, `windowsservercore-ltsc2022`,
    /// `nanoserver-1809`).
    private static let windowsImageWords = ["servercore", "nanoserver"]

    /// True when a workflow builds this per-architecture Dockerfile for exactly its own platform: then the
    /// repository publishes each architecture from its own file on purpose, with a build that says so.
    public static func builtForItsPlatform(_ variant: Variant, in repository: Repository) -> Bool {
        repository.workflows.contains { workflow in
            workflow.buildFacts.contains { build in
                guard build.dockerfilePath == variant.path, let platforms = build.platforms.texts,
                      platforms.count == 1 else { return false }
                let entries = platforms[0].split(separator: ",")
                return entries.count == 1 && DockerfileStageGraph.platformArch(String(entries[0])) == variant.arch
            }
        }
    }

    /// (folder, file name) of a `/`-separated path; the folder is empty at the root.
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// The file name without its architecture token: `Dockerfile.aarch64` → `Dockerfile`,
    /// `arm64.Dockerfile` → `Dockerfile`.
    static func stem(_ name: String) -> String {
        name.split(separator: ".").filter { names[$0.lowercased()] == nil }.joined(separator: ".")
    }

    /// Words of a name or tag, split at `.`, `-` and `_` (`x86_64` and `x86-64` are kept whole).
    static func tokens(of text: String) -> [String] {
        var result: [String] = []
        for piece in text.split(separator: ".") {
            let lower = piece.lowercased()
            if names[lower] != nil {
                result.append(String(piece))
                continue
            }
            var words = piece.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            // `x86_64` and `x86-64` are split by the loop above: join them again.
            var index = 0
            while index + 1 < words.count {
                if words[index].lowercased() == "x86", words[index + 1] == "64" {
                    words[index] = "x86_64"
                    words.remove(at: index + 1)
                }
                index += 1
            }
            result += words
        }
        return result
    }

    /// The tag of an image reference as written (`…:arm64v8-3.23`), without a digest; nil without one.
    static func tag(of image: String) -> String? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1).first.map(String.init) ?? image
        guard let colon = withoutDigest.lastIndex(of: ":") else { return nil }
        let tag = withoutDigest[withoutDigest.index(after: colon)...]
        guard !tag.contains("/") else { return nil }  // a registry port, not a tag
        return String(tag)
    }
}
