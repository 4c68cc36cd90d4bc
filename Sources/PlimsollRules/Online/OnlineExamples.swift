import PlimsollCore
import RepositoryModel

/// GitHub's answers the online rules' examples share, shaped after GitHub's OpenAPI description of each endpoint
/// (only the fields Plimsoll reads, plus a few for recognition).
enum OnlineExamples {
    static let head = "6dcb09b5b57875f334f61aebed695e2e4193db5e"

    static let repository = GitHubAnswer(
        "/repos/acme/app",
        #"{"id": 1296269, "name": "app", "full_name": "acme/app", "owner": {"login": "acme", "type": "Organization"}, "private": false, "default_branch": "main", "archived": false, "fork": false}"#
    )

    static let branch = GitHubAnswer(
        "/repos/acme/app/branches/main", #"{"name": "main", "commit": {"sha": "\#(head)"}, "protected": true}"#)

    static func workflowPermissions(_ level: String) -> GitHubAnswer {
        GitHubAnswer(
            "/repos/acme/app/actions/permissions/workflow",
            #"{"default_workflow_permissions": "\#(level)", "can_approve_pull_request_reviews": false}"#)
    }

    /// The package `app`; `linkedTo` nil for a package that was pushed from a CLI and never connected.
    static func package(visibility: String = "public", linkedTo: String? = "acme/app") -> GitHubAnswer {
        let repository = linkedTo.map { #", "repository": {"name": "\#($0.split(separator: "/").last ?? "")", "full_name": "\#($0)"}"# } ?? ""
        return GitHubAnswer(
            "/orgs/acme/packages/container/app",
            #"{"id": 197, "name": "app", "package_type": "container", "owner": {"login": "acme", "type": "Organization"}, "visibility": "\#(visibility)"\#(repository)}"#
        )
    }

    static func versions(_ tags: [String]) -> GitHubAnswer {
        let list = tags.map { "\"\($0)\"" }.joined(separator: ", ")
        return GitHubAnswer(
            "/orgs/acme/packages/container/app/versions?per_page=100",
            #"[{"id": 245301, "name": "sha256:9f2c1d0e", "metadata": {"package_type": "container", "container": {"tags": [\#(list)]}}}]"#
        )
    }

    static func linkedPackages(_ names: [String]) -> GitHubAnswer {
        let items = names.map {
            #"{"id": 198, "name": "\#($0)", "package_type": "container", "visibility": "private", "repository": {"full_name": "acme/app"}}"#
        }
        return GitHubAnswer(
            "/orgs/acme/packages?package_type=container&per_page=100", "[" + items.joined(separator: ", ") + "]")
    }

    /// A publishing workflow: `marker` goes before the tag entry that names the package.
    static func publish(marker: String = "", tags: String = "latest") -> String {
        """
        on:
          push:
            branches: [main]
        permissions: {}
        jobs:
          image:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              packages: write
            steps:
              - uses: docker/build-push-action@v7
                with:
                  push: true
                  tags: \(marker)ghcr.io/acme/app:\(tags)

        """
    }
}
