/// Where a repository keeps its Dockerfile and local build script. The org moved from `src/docker/` to the
/// repository root in December 2024, so this is a setting, not a constant.
public enum Layout: String, Sendable, CaseIterable, Hashable, Codable {
    case srcDocker = "src-docker"
    case root

    /// The Dockerfile's path relative to the repository root, exact case.
    public var dockerfilePath: String {
        switch self {
        case .srcDocker: "src/docker/Dockerfile"
        case .root: "Dockerfile"
        }
    }

    /// The local build script's path relative to the repository root, exact case.
    public var buildScriptPath: String {
        switch self {
        case .srcDocker: "src/docker/docker-build.sh"
        case .root: "docker-build.sh"
        }
    }
}
