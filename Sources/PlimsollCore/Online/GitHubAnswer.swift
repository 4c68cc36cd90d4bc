/// One answer of GitHub's REST API, as a rule example's fixture: the online rules' examples are scanned with the
/// same collector `scan --online` uses, fed these answers instead of the network, and the docs print them.
public struct GitHubAnswer: Sendable, Hashable {
    /// The request path with its query, e.g. `/repos/acme/app/actions/permissions/workflow`.
    public var path: String
    public var status: Int
    /// The JSON body, shaped after GitHub's OpenAPI description (only the fields Plimsoll reads need be present).
    public var body: String

    public init(_ path: String, status: Int = 200, _ body: String) {
        self.path = path
        self.status = status
        self.body = body
    }

    /// The repository every online example is a checkout of.
    public static let exampleRepository = GitHubRepository(owner: "acme", name: "app")
}
