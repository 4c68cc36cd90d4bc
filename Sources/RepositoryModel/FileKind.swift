/// What a file is to Plimsoll, decided from its path alone.
public enum FileKind: String, Sendable, Hashable, CaseIterable {
    case dockerfile
    case workflow
    case action
    case script
    case config
    /// Makefile or package.json: places a root-layout repository may keep its local build; the root
    /// `.dockerignore`, which says whether a build context keeps `.git`; Compose files anywhere
    /// (`docker-compose.yml`, `compose.yaml`, `docker-compose.dev.yml`), which name the images they build.
    case buildFile
    case other

    /// `Dockerfile.X` is a Dockerfile variant (`Dockerfile.dev`, `Dockerfile.alpine`) unless X is the extension
    /// of another kind of file: docs, templates, source code named after the format, backups.
    private static let notDockerfileSuffixes: Set<String> = [
        "dockerignore", "md", "txt", "rst", "adoc", "html", "orig", "bak", "swp", "json", "yml", "yaml", "sh",
        "template", "tmpl", "tpl", "j2", "jinja", "erb", "in", "swift", "go", "py", "js", "ts", "rs", "java", "kt",
        "c", "h", "cc", "cpp", "rb", "php", "cs", "toml", "lock", "xml", "log", "patch", "diff",
    ]

    /// Classifies a repo-relative, `/`-separated path.
    public static func classify(_ path: String) -> FileKind {
        if let kind = classifyASCII(path) { return kind }
        return classifyByCharacters(path)
    }

    /// `classify` on bytes, for ASCII paths without carriage returns (nearly all): there every Character is
    /// one byte, so each test below is the one `classifyByCharacters` makes. Every listed file is classified,
    /// so this is per-file cost on repositories of any size.
    static func classifyASCII(_ path: String) -> FileKind? {
        var path = path
        return path.withUTF8 { all -> FileKind? in
            for byte in all where byte >= 0x80 || byte == 0x0D { return nil }
            // Compared in place, the file name lowercased byte by byte as it is read: copying the path and its
            // lowercased name into arrays was a cost on the serial path of a scan.
            var slashes = 0
            var nameStart = 0
            for (index, byte) in all.enumerated() where byte == UInt8(ascii: "/") {
                slashes += 1
                nameStart = index + 1
            }
            let name = UnsafeBufferPointer(rebasing: all[nameStart...])
            func equals(_ text: UnsafeBufferPointer<UInt8>, _ literal: StaticString, lowering: Bool) -> Bool {
                guard text.count == literal.utf8CodeUnitCount else { return false }
                let expected = literal.utf8Start
                for index in 0..<text.count {
                    var byte = text[index]
                    if lowering, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                    if byte != expected[index] { return false }
                }
                return true
            }
            func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
                let count = literal.utf8CodeUnitCount
                return text.count >= count
                    && equals(UnsafeBufferPointer(rebasing: text[(text.count - count)...]), literal, lowering: true)
            }
            func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ literal: StaticString, lowering: Bool) -> Bool {
                let count = literal.utf8CodeUnitCount
                return text.count >= count
                    && equals(UnsafeBufferPointer(rebasing: text[..<count]), literal, lowering: lowering)
            }
            if equals(all, ".plimsoll.yml", lowering: false) || equals(all, ".plimsoll.yaml", lowering: false) {
                return .config
            }
            if equals(name, "dockerfile", lowering: true) || equals(name, "containerfile", lowering: true)
                || hasSuffix(name, ".dockerfile") || hasSuffix(name, ".containerfile")
            {
                return .dockerfile
            }
            if hasPrefix(name, "dockerfile.", lowering: true) || hasPrefix(name, "containerfile.", lowering: true) {
                let lower = name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                let suffix =
                    lower.split(separator: UInt8(ascii: ".")).last.map { String(decoding: $0, as: UTF8.self) } ?? ""
                return notDockerfileSuffixes.contains(suffix) ? .other : .dockerfile
            }
            if slashes == 2, hasPrefix(all, ".github/workflows/", lowering: false),
                hasSuffix(name, ".yml") || hasSuffix(name, ".yaml")
            {
                return .workflow
            }
            if equals(name, "action.yml", lowering: false) || equals(name, "action.yaml", lowering: false) {
                return .action
            }
            if hasSuffix(name, ".sh") || hasSuffix(name, ".bash") { return .script }
            if equals(all, "Makefile", lowering: false) || equals(all, "makefile", lowering: false)
                || equals(all, "GNUmakefile", lowering: false) || equals(all, "package.json", lowering: false)
                || equals(all, "Pipfile", lowering: false) || equals(all, ".goreleaser.yml", lowering: false)
                || equals(all, ".goreleaser.yaml", lowering: false) || equals(all, ".dockerignore", lowering: false)
            {
                return .buildFile
            }
            if (hasPrefix(name, "docker-compose.", lowering: true) || hasPrefix(name, "compose.", lowering: true)),
                hasSuffix(name, ".yml") || hasSuffix(name, ".yaml")
            {
                return .buildFile
            }
            return .other
        }
    }

    /// `classify` for any path: the definition the byte path agrees with.
    static func classifyByCharacters(_ path: String) -> FileKind {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let name = components.last.map(String.init) ?? path
        let lower = name.lowercased()
        if path == ".plimsoll.yml" || path == ".plimsoll.yaml" { return .config }
        // BuildKit and docker accept any case of the default name, and the `X.Dockerfile` and
        // `Dockerfile.X` conventions editors and buildx bake use.
        if lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile")
            || lower.hasSuffix(".containerfile")
        {
            return .dockerfile
        }
        if lower.hasPrefix("dockerfile.") || lower.hasPrefix("containerfile.") {
            // `Dockerfile.dev` is a Dockerfile; `Dockerfile.dockerignore` (BuildKit's per-file ignore list) and
            // `Dockerfile.md` are not.
            let suffix = lower.split(separator: ".").last.map(String.init) ?? ""
            return notDockerfileSuffixes.contains(suffix) ? .other : .dockerfile
        }
        if components.count == 3, components[0] == ".github", components[1] == "workflows",
            lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")
        {
            return .workflow
        }
        if name == "action.yml" || name == "action.yaml" { return .action }
        if lower.hasSuffix(".sh") || lower.hasSuffix(".bash") { return .script }
        if path == "Makefile" || path == "makefile" || path == "GNUmakefile" || path == "package.json"
            || path == "Pipfile" || path == ".goreleaser.yml" || path == ".goreleaser.yaml" || path == ".dockerignore"
        {
            return .buildFile
        }
        if isComposeFile(name) { return .buildFile }
        return .other
    }

    /// A Compose file's name, in any folder: `docker-compose.yml`, `compose.yaml` and their variants
    /// (`docker-compose.override.yml`, `compose.dev.yaml`), any case.
    public static func isComposeFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (lower.hasPrefix("docker-compose.") || lower.hasPrefix("compose."))
            && (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml"))
    }
}
