import DockerfileSyntax
import PlimsollCore
import PlimsollRules
import RepositoryModel

/// What the org-wide view needs to know about a scanned repository besides its findings: whether the container
/// standard applies to it at all, which images it publishes and which images of the registry it builds on.
/// Read from the parsed repository (`Scanner.inspect`), so nothing is parsed twice.
public struct OrgInventory: Sendable, Hashable, Codable {
    /// An image name (`ghcr.io/owner/app`, lowercase, no tag) and where the repository names it.
    public struct ImageUse: Sendable, Hashable, Codable {
        public var image: String
        public var path: String
        public var line: Int

        public init(image: String, path: String, line: Int) {
            self.image = image
            self.path = path
            self.line = line
        }
    }

    /// False for a repository with no Dockerfile and no workflow that builds an image: the standard does not
    /// apply to it.
    public var applies: Bool
    /// The packages its workflows push to the policy's registry under its owner (`PushedPackage`).
    public var publishes: [ImageUse]
    /// The base images (`FROM`) of its Dockerfiles that live in the policy's registry.
    public var bases: [ImageUse]

    public init(applies: Bool, publishes: [ImageUse] = [], bases: [ImageUse] = []) {
        self.applies = applies
        self.publishes = publishes
        self.bases = bases
    }

    public static func of(_ repository: Repository) -> OrgInventory {
        let registry = repository.policy.registry.lowercased()
        let applies = !repository.dockerfiles.isEmpty || repository.workflows.contains { !$0.imageBuilds.isEmpty }
        var publishes: [ImageUse] = []
        if let remote = repository.remote {
            for package in PushedPackage.all(in: repository, remote: remote) {
                publishes.append(
                    ImageUse(
                        image: "\(registry)/\(remote.owner.lowercased())/\(package.name)", path: package.path,
                        line: package.span.lowerBound.line))
            }
        }
        var bases: [ImageUse] = []
        for file in repository.dockerfiles {
            for stage in file.dockerfile.stages {
                guard case .success(let reference) = file.dockerfile.baseImageReference(of: stage),
                    reference.domain.lowercased() == registry
                else { continue }
                bases.append(
                    ImageUse(image: reference.name.lowercased(), path: file.path, line: stage.baseImageSpan.lowerBound.line))
            }
        }
        return OrgInventory(applies: applies, publishes: publishes, bases: bases)
    }
}
