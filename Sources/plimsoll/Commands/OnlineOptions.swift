import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

/// How to reach GitHub's REST API, for `scan --online`, `org --online` and `org --github-org`.
struct OnlineOptions: ParsableArguments {
    @Flag(help: "Also check what only GitHub knows (workflow permissions, packages, published tags) via its REST API.")
    var online = false

    @Option(help: ArgumentHelp("The environment variable that holds the GitHub token.", valueName: "name"))
    var tokenEnv = "GITHUB_TOKEN"

    @Option(
        name: .customLong("api-url"),
        help: ArgumentHelp("GitHub's REST API root (GitHub Enterprise Server: https://HOST/api/v3).", valueName: "url"))
    var apiURL = "https://api.github.com"

    @Option(help: ArgumentHelp("Where API answers are cached by ETag (default: $XDG_CACHE_HOME/plimsoll/github).", valueName: "dir"))
    var apiCache: String?

    @Option(help: ArgumentHelp("Seconds one request may wait for GitHub's rate limits and retries.", valueName: "seconds"))
    var rateLimitWait = 60

    func validate() throws {
        guard let url = URL(string: apiURL), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { throw ValidationError("--api-url needs an absolute URL, e.g. https://api.github.com") }
        // The token travels in a header: never in clear text beyond this machine.
        guard GitHubClient.isPermitted(url), scheme == "https" || scheme == "http" else {
            throw ValidationError("--api-url must use https (plain http only for a loopback address)")
        }
        if rateLimitWait < 0 { throw ValidationError("--rate-limit-wait cannot be negative") }
    }

    /// The token, when the variable is set and not empty.
    var token: String? {
        ProcessInfo.processInfo.environment[tokenEnv].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A client for the API; `token` nil sends unauthenticated requests.
    func client(cwd: String, token: String?) -> GitHubClient {
        var client = GitHubClient(
            apiURL: URL(string: apiURL)!, token: token,
            cache: ResponseCache(directory: apiCache.map { ScanTarget.absolutePath($0, from: cwd) } ?? ResponseCache.defaultDirectory()))
        client.maxWait = Double(rateLimitWait)
        return client
    }

    /// The facts source for `--online`, or nil (with one note on stderr) when there is no token: the scan then
    /// runs exactly as an offline one.
    func factsSource(cwd: String) -> (any OnlineFactsSource)? {
        guard online else { return nil }
        guard let token else {
            OnlineOptions.note("online checks skipped: no token in \(tokenEnv)")
            return nil
        }
        return GitHubFactsCollector(client: client(cwd: cwd, token: token))
    }

    /// Prints `plimsoll: note: …` on stderr, with the token masked whatever the text.
    static func note(_ text: String, redactor: TokenRedactor = TokenRedactor([])) {
        FileHandle.standardError.write(Data((LogText.line("plimsoll: note: \(redactor(text))") + "\n").utf8))
    }

    var redactor: TokenRedactor { TokenRedactor([token]) }
}
