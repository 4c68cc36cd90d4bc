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
        let components = path.splitting(onASCII: UInt8(ascii: "/"))
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
