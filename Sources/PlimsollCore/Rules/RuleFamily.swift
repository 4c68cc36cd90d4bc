/// The families of the rule catalog; the hundreds digit of a rule ID names its family.
public enum RuleFamily: String, Sendable, CaseIterable, Hashable, Codable {
    case syntax = "SYNTAX"
    case structure = "STRUCTURE"
    case dockerfile = "DOCKERFILE"
    case workflowArch = "WORKFLOW-ARCH"
    case token = "TOKEN"
    case tag = "TAG"
    case release = "RELEASE"
    /// Facts only GitHub's settings and packages show, asked through the REST API by `scan --online`.
    case online = "ONLINE"

    public var title: String {
        switch self {
        case .syntax: "Files Plimsoll could not read"
        case .structure: "Repository layout and local build"
        case .dockerfile: "Dockerfiles"
        case .workflowArch: "Multi-arch publishing workflows"
        case .token: "GITHUB_TOKEN and package permissions"
        case .tag: "Image names, tags and versions"
        case .release: "Releases and triggers"
        case .online: "GitHub settings and packages (online)"
        }
    }
}
