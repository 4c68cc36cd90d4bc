import Foundation

/// A manifest URL split into what may be shown and stored, and the secret it carried.
///
/// `https://user:token@host/org/repo.git` used to go to git as it was: into `<cache>/<repo>/.git/config`
/// (`git config remote.origin.url`), onto git's command line, where `ps` shows it to every user of the machine,
/// and, when the token sat in the query string or the password held a `/`, past the redaction into
/// summary.jsonl, matrix.csv and the dashboard. Now git sees only `address`; the credentials reach it through a
/// credential helper that reads them from the environment of that one git process (`helperOptions`,
/// `environment`), and the helper answers only for the URL's own host.
struct GitCredentials: Sendable, Hashable {
    /// The URL without user information, query or fragment: what git stores and every record shows.
    let address: String
    let host: String
    let username: String
    let password: String?

    /// Splits `url`; nil when it carries no user information (an scp-like `git@host:path` has none to hide).
    static func split(_ url: String) -> (address: String, credentials: GitCredentials?) {
        let address = OrgRepository.redacted(url)
        guard let scheme = url.range(of: "://") else { return (address, nil) }
        let rest = url[scheme.upperBound...]
        let beforeQuery = rest.prefix { $0 != "?" && $0 != "#" }
        guard let at = beforeQuery.lastIndex(of: "@") else { return (address, nil) }
        let userInformation = rest[..<at]
        let hostAndPath = rest[rest.index(after: at)...]
        let hostPort = hostAndPath.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = String(hostPort.split(separator: ":", maxSplits: 1).first ?? hostPort)
        let user: Substring
        var password: String?
        if let colon = userInformation.firstIndex(of: ":") {
            user = userInformation[..<colon]
            password = String(userInformation[userInformation.index(after: colon)...]).removingPercentEncodingIfValid
        } else {
            user = userInformation
        }
        return (address, GitCredentials(address: address, host: host, username: String(user).removingPercentEncodingIfValid, password: password))
    }

    /// Names of the variables the helper reads.
    static let usernameVariable = "PLIMSOLL_GIT_USERNAME"
    static let passwordVariable = "PLIMSOLL_GIT_PASSWORD"
    static let hostVariable = "PLIMSOLL_GIT_HOST"

    /// `-c credential.helper=…` after GitCommand's reset of the helper list: a shell function that answers `get`
    /// for the URL's host only (a redirect to another host gets nothing) from the variables above. The secret is
    /// in no argument and in no file.
    var helperOptions: [String] {
        let script = """
            !f() { test "$1" = get || exit 0; h=; while IFS= read -r l; do case "$l" in host=*) h="${l#host=}";; esac; \
            done; test "$h" = "$\(Self.hostVariable)" || exit 0; printf 'username=%s\\n' "$\(Self.usernameVariable)"; \
            test -n "$\(Self.passwordVariable)" && printf 'password=%s\\n' "$\(Self.passwordVariable)"; exit 0; }; f
            """
        return ["-c", "credential.helper=" + script]
    }

    /// The variables for the one git process that fetches.
    var environment: [String: String] {
        var variables = [Self.usernameVariable: username, Self.hostVariable: host]
        if let password { variables[Self.passwordVariable] = password }
        return variables
    }
}

extension String {
    /// Percent-decoded, as git decodes a URL's user information; the text itself when it is not valid encoding.
    fileprivate var removingPercentEncodingIfValid: String { removingPercentEncoding ?? self }
}
