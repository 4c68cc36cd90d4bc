/// What a file is to Plimsoll, decided from its path alone.
public enum FileKind: String, Sendable, Hashable, CaseIterable {
    case dockerfile
    case workflow
    case action
    case script
    case config
    /// Makefile or package.json: places a root-layout repository may keep its local build.
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            guard byte < 0x80, byte != 0x0D else { return nil }
            bytes.append(byte)
        }
        func equals(_ slice: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
            let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            return slice.elementsEqual(text)
        }
        func hasSuffix(_ slice: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
            slice.count >= literal.utf8CodeUnitCount && equals(slice.suffix(literal.utf8CodeUnitCount), literal)
        }
        func hasPrefix(_ slice: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
            slice.count >= literal.utf8CodeUnitCount && equals(slice.prefix(literal.utf8CodeUnitCount), literal)
        }
        let all = bytes[...]
        let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
        let name = bytes[(slash.map { $0 + 1 } ?? 0)...]
        let lower = ArraySlice(name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        if equals(all, ".plimsoll.yml") || equals(all, ".plimsoll.yaml") { return .config }
        if equals(lower, "dockerfile") || equals(lower, "containerfile") || hasSuffix(lower, ".dockerfile")
            || hasSuffix(lower, ".containerfile")
        {
            return .dockerfile
        }
        if hasPrefix(lower, "dockerfile.") || hasPrefix(lower, "containerfile.") {
            let suffix = lower.split(separator: UInt8(ascii: ".")).last.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return notDockerfileSuffixes.contains(suffix) ? .other : .dockerfile
        }
        let slashes = bytes.lazy.filter { $0 == UInt8(ascii: "/") }.count
        if slashes == 2, hasPrefix(all, ".github/workflows/"), hasSuffix(lower, ".yml") || hasSuffix(lower, ".yaml") {
            return .workflow
        }
        if equals(name, "action.yml") || equals(name, "action.yaml") { return .action }
        if hasSuffix(lower, ".sh") || hasSuffix(lower, ".bash") { return .script }
        if equals(all, "Makefile") || equals(all, "makefile") || equals(all, "GNUmakefile") || equals(all, "package.json") {
            return .buildFile
        }
        return .other
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
        if path == "Makefile" || path == "makefile" || path == "GNUmakefile" || path == "package.json" {
            return .buildFile
        }
        return .other
    }
}
