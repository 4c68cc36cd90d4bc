import Foundation
import PlimsollCore
import WorkflowModel

/// Asks GitHub's REST API what the online rules need to know about one repository, in as few requests as
/// possible: the repository (default branch, owner type), its default workflow permissions, and for each pushed
/// package the package, its versions and the default branch's head. Only when a package is not found does it
/// list the owner's container packages, to tell a name mismatch from a package never pushed.
public struct GitHubFactsCollector: OnlineFactsSource {
    public let client: GitHubClient
    /// Pages of package versions read at most (newest first, 100 a page).
    public var versionPages = 5

    public init(client: GitHubClient) {
        self.client = client
    }

    public func facts(
        for repository: GitHubRepository, packages: [String], actions: [String], pinnedActions: Set<String>
    ) -> OnlineFacts {
        var facts = OnlineFacts(repository: repository)
        let redact = client.redactor
        func note(_ error: GitHubError, hint: String? = nil) {
            facts.notes.append(redact(error.description + (hint.map { "; " + $0 } ?? "")))
        }
        let base = "/repos/\(Self.segment(repository.owner))/\(Self.segment(repository.name))"
        var ownerPath = "/orgs/\(Self.segment(repository.owner))"
        switch client.get(base) {
        case .success(let answer):
            let json = answer.json as? [String: Any]
            facts.defaultBranch = json?["default_branch"] as? String
            if ((json?["owner"] as? [String: Any])?["type"] as? String) == "User" {
                ownerPath = "/users/\(Self.segment(repository.owner))"
            }
        case .failure(let error):
            note(error)
            // A rejected token or an exhausted rate limit fails every other request the same way: one note.
            switch error.kind {
            case .unauthorized, .rateLimited:
                facts.workflowPermission = .unavailable(redact(error.description))
                for name in packages { facts.packages[name] = .unavailable(redact(error.description)) }
                return facts
            default: break
            }
        }

        switch client.get(base + "/actions/permissions/workflow") {
        case .success(let answer):
            let value = (answer.json as? [String: Any])?["default_workflow_permissions"] as? String
            if let level = value.flatMap(OnlineFacts.WorkflowPermission.init(rawValue:)) {
                facts.workflowPermission = .found(level)
            } else {
                facts.workflowPermission = .unavailable("no default_workflow_permissions in the answer")
            }
        case .failure(let error):
            facts.workflowPermission = error.kind == .notFound ? .notFound : .unavailable(redact(error.description))
            note(error, hint: error.kind == .notFound ? nil : "reading workflow permissions needs a token with read access to the repository's administration (fine-grained: \"Administration: read\"; classic: repo)")
        }

        for action in actions {
            let parts = action.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let actionBase = "/repos/\(Self.segment(String(parts[0])))/\(Self.segment(String(parts[1])))"
            switch client.get(actionBase + "/releases/latest") {
            case .success(let answer):
                let tag = (answer.json as? [String: Any])?["tag_name"] as? String
                if let major = tag.flatMap(ActionReference.leadingMajor) { facts.actionMajors[action] = major }
                // A ref pinned to a commit is bumped to the commit of the release's tag.
                guard let tag, pinnedActions.contains(action) else { continue }
                switch client.get(actionBase + "/commits/" + Self.segment(tag)) {
                case .success(let commit):
                    if let sha = (commit.json as? [String: Any])?["sha"] as? String, ActionReference.isCommitID(sha) {
                        facts.actionReleases[action] = OnlineFacts.ActionRelease(tag: tag, commit: sha)
                    }
                case .failure(let error): note(error)
                }
            case .failure(let error): note(error)
            }
        }

        guard !packages.isEmpty else { return facts }
        if let branch = facts.defaultBranch {
            switch client.get(base + "/branches/" + Self.segment(branch)) {
            case .success(let answer):
                facts.headCommit = ((answer.json as? [String: Any])?["commit"] as? [String: Any])?["sha"] as? String
            case .failure(let error): note(error)
            }
        }
        var anyMissing = false
        for name in packages {
            let path = ownerPath + "/packages/container/" + Self.segment(name)
            switch client.get(path) {
            case .success(let answer):
                let json = answer.json as? [String: Any] ?? [:]
                var package = OnlineFacts.Package(
                    name: json["name"] as? String ?? name, visibility: json["visibility"] as? String,
                    linkedRepository: (json["repository"] as? [String: Any])?["full_name"] as? String, tags: nil)
                switch client.getAll(path + "/versions?per_page=100", maxPages: versionPages) {
                case .success(let versions):
                    var tags: Set<String> = []
                    for version in versions {
                        let container = (version["metadata"] as? [String: Any])?["container"] as? [String: Any]
                        for tag in container?["tags"] as? [Any] ?? [] { if let tag = tag as? String { tags.insert(tag) } }
                    }
                    package.tags = tags
                case .failure(let error): note(error)
                }
                facts.packages[name] = .found(package)
            case .failure(let error) where error.kind == .notFound:
                anyMissing = true
                facts.packages[name] = .notFound
                note(error, hint: "a package is visible only to a token with the read:packages scope")
            case .failure(let error):
                facts.packages[name] = .unavailable(redact(error.description))
                note(error)
            }
        }
        if anyMissing {
            switch client.getAll(ownerPath + "/packages?package_type=container&per_page=100") {
            case .success(let list):
                facts.linkedPackages = list.compactMap { item in
                    let linked = (item["repository"] as? [String: Any])?["full_name"] as? String
                    return linked?.lowercased() == facts.fullName.lowercased() ? item["name"] as? String : nil
                }.sorted()
            case .failure(let error): note(error)
            }
        }
        return facts
    }

    /// The major of a release tag: `v7.0.1` and `7.0.1` give 7; nil for anything else.
    /// One path segment, percent-encoded (a package name `tools/app` becomes `tools%2Fapp`, as GitHub wants).
    /// Only RFC 3986's unreserved ASCII stays as it is (`CharacterSet.alphanumerics` also let every Unicode letter
    /// through unencoded). A segment that is `.` or `..` is a dot segment, which URL resolution and libcurl
    /// remove, so a repository or package named `..` made `/repos/owner/..` ask for `/repos`: its dots are
    /// encoded (`%2E`), which GitHub reads as the name and no resolver removes.
    static func segment(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        if encoded == "." || encoded == ".." { return String(repeating: "%2E", count: encoded.count) }
        return encoded
    }
}
