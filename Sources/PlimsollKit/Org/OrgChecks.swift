/// Checks only a scan of the whole organisation can make, from what each record says its repository publishes
/// and builds on (`OrgInventory`):
///
/// - two repositories pushing the same image: one overwrites the other's `latest`, and the second one's
///   `GITHUB_TOKEN` cannot push there unless the package grants it access;
/// - a base image `FROM <registry>/<owner>/<name>` of an owner the scan covers that no scanned repository
///   publishes (a typo, a renamed or an abandoned image).
struct OrgChecks: Sendable, Hashable {
    public struct SharedImage: Sendable, Hashable {
        public var image: String
        /// Repository names, sorted.
        public var repositories: [String]
    }

    public struct UnpublishedBase: Sendable, Hashable {
        public var repository: String
        public var use: OrgInventory.ImageUse
    }

    public var sharedImages: [SharedImage] = []
    public var unpublishedBases: [UnpublishedBase] = []

    public init(_ records: [OrgRecord]) {
        var publishers: [String: Set<String>] = [:]
        for record in records {
            for use in record.publishes ?? [] { publishers[use.image, default: []].insert(record.repo) }
        }
        sharedImages = publishers.filter { $0.value.count > 1 }
            .map { SharedImage(image: $0.key, repositories: $0.value.sorted()) }
            .sorted { $0.image < $1.image }
        // Only owners the scan covers: of anyone else's images it knows nothing.
        let owners = Set(records.compactMap { $0.gitHub?.split(separator: "/").first.map { $0.lowercased() } })
        for record in records.sorted(by: { $0.repo < $1.repo }) {
            for use in record.bases ?? [] where publishers[use.image] == nil {
                let parts = use.image.split(separator: "/")
                guard parts.count >= 3, owners.contains(String(parts[1])) else { continue }
                unpublishedBases.append(UnpublishedBase(repository: record.repo, use: use))
            }
        }
    }

    /// The images `repository` pushes that another scanned repository pushes too.
    public func shared(by repository: String) -> [SharedImage] {
        sharedImages.filter { $0.repositories.contains(repository) }
    }

    public func unpublished(in repository: String) -> [UnpublishedBase] {
        unpublishedBases.filter { $0.repository == repository }
    }

    public var isEmpty: Bool { sharedImages.isEmpty && unpublishedBases.isEmpty }
}
