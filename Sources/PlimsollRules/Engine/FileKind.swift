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

    /// Classifies a repo-relative, `/`-separated path.
    public static func classify(_ path: String) -> FileKind {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let name = components.last.map(String.init) ?? path
        let lower = name.lowercased()
        if path == ".plimsoll.yml" || path == ".plimsoll.yaml" { return .config }
        // BuildKit and docker accept any case of the default name, and the `X.Dockerfile` and
        // `Dockerfile.X` conventions editors and buildx bake use.
        if lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile")
            || lower.hasPrefix("dockerfile.") || lower.hasSuffix(".containerfile") || lower.hasPrefix("containerfile.")
        {
            return .dockerfile
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
