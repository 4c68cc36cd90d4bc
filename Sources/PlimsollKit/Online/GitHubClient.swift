import Foundation

/// A careful client for GitHub's REST API (github.com or Enterprise Server, by `apiURL`):
///
/// - the token goes only to the API's own scheme, host and port, never with a redirect elsewhere;
/// - ETag answers come from the cache folder when GitHub says 304;
/// - a rate limit (`Retry-After`, `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`, or a secondary limit) and a
///   5xx or network failure are retried a bounded number of times, waiting at most `maxWait` seconds in all;
/// - lists follow `Link: rel="next"`.
///
/// Time is injected (`now`, `sleep`) so the tests never wait for real.
public struct GitHubClient: Sendable {
    public var apiURL: URL
    public var token: String?
    public var transport: any HTTPTransport
    public var cache: ResponseCache?
    /// Seconds one request may spend waiting for rate limits and retries, in all.
    public var maxWait: Double = 60
    public var maxAttempts = 4
    /// Seconds before one request times out.
    public var timeout: Double = 30
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
    public var sleep: @Sendable (Double) -> Void = { seconds in Thread.sleep(forTimeInterval: seconds) }

    public init(apiURL: URL, token: String?, transport: any HTTPTransport = CurlTransport(), cache: ResponseCache? = nil) {
        self.apiURL = apiURL
        self.token = token
        self.transport = transport
        self.cache = cache
    }

    public var redactor: TokenRedactor { TokenRedactor([token]) }

    /// A decoded JSON answer and the headers that came with it.
    public struct Answer: @unchecked Sendable {
        /// `[String: Any]`, `[Any]` or a scalar, from JSONSerialization.
        public var json: Any
        public var link: String?
    }

    /// GETs `path` (with its query) below the API root.
    public func get(_ path: String) -> Result<Answer, GitHubError> {
        guard let url = URL(string: apiRoot + path) else {
            return .failure(GitHubError(request: "GET \(path)", kind: .invalidResponse("not a valid URL")))
        }
        return get(url: url, shown: path)
    }

    /// Every item of a paginated list, following `Link: rel="next"` for at most `maxPages` pages.
    public func getAll(_ path: String, maxPages: Int = 50) -> Result<[[String: Any]], GitHubError> {
        var items: [[String: Any]] = []
        var next = URL(string: apiRoot + path)
        var shown = path
        var pages = 0
        while let url = next, pages < maxPages {
            pages += 1
            switch get(url: url, shown: shown) {
            case .failure(let error): return .failure(error)
            case .success(let answer):
                guard let page = answer.json as? [Any] else {
                    return .failure(GitHubError(request: "GET \(shown)", kind: .invalidResponse("expected a JSON list")))
                }
                items += page.compactMap { $0 as? [String: Any] }
                next = LinkHeader.next(answer.link).flatMap(URL.init(string:))
                shown = next.map(displayPath) ?? shown
            }
        }
        return .success(items)
    }

    private var apiRoot: String {
        var root = apiURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root
    }

    /// The URL as messages show it: the path below the API root, or the whole URL for another host.
    private func displayPath(_ url: URL) -> String {
        let text = url.absoluteString
        return text.hasPrefix(apiRoot) ? String(text.dropFirst(apiRoot.count)) : text
    }

    /// Whether the online mode may ask for `url` at all: https, or plain http to this machine (a test server). Every
    /// request is checked, redirects and `Link: next` pages too, so an answer cannot send the client to
    /// `file://`, `gopher://`, `dict://` or a clear-text host (libcurl would speak each of them).
    public static func isPermitted(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && (["localhost", "::1", "[::1]"].contains(host) || host.hasPrefix("127."))
    }

    /// True when `url` is on the API's own origin: the only place the token may go.
    func isAPIOrigin(_ url: URL) -> Bool {
        url.scheme?.lowercased() == apiURL.scheme?.lowercased() && url.host?.lowercased() == apiURL.host?.lowercased()
            && (url.port ?? defaultPort(url)) == (apiURL.port ?? defaultPort(apiURL))
    }

    private func defaultPort(_ url: URL) -> Int { url.scheme?.lowercased() == "http" ? 80 : 443 }

    private func get(url start: URL, shown: String) -> Result<Answer, GitHubError> {
        let request = "GET \(shown)"
        var url = start
        var waited = 0.0
        var attempt = 0
        var redirects = 0
        while true {
            guard Self.isPermitted(url) else {
                let scheme = url.scheme ?? "no scheme"
                return .failure(GitHubError(
                    request: request, kind: .invalidResponse("refused a '\(scheme)' URL: only https (http on loopback) is asked")))
            }
            attempt += 1
            let cached = cache?.entry(for: url)
            var headers = [
                "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "plimsoll/\(ToolInfo.version)",
            ]
            if let token, isAPIOrigin(url) { headers["Authorization"] = "Bearer \(token)" }
            if let cached { headers["If-None-Match"] = cached.etag }
            let response: HTTPResponse
            switch transport.send(HTTPRequest(url: url, headers: headers), timeout: timeout) {
            case .failure(let error):
                if let wait = retryWait(attempt: attempt, wanted: backoff(attempt), waited: waited) {
                    sleep(wait)
                    waited += wait
                    continue
                }
                return .failure(GitHubError(request: request, kind: .transport(redactor(error.message))))
            case .success(let received): response = received
            }
            switch response.status {
            case 200..<300:
                guard let json = try? JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
                else { return .failure(GitHubError(request: request, kind: .invalidResponse("the body is not JSON"))) }
                if let etag = response.headers["etag"], let cache {
                    cache.store(.init(url: url.absoluteString, etag: etag, link: response.headers["link"], body: response.body))
                }
                return .success(Answer(json: json, link: response.headers["link"]))
            case 304:
                guard let cached,
                    let json = try? JSONSerialization.jsonObject(with: cached.body, options: [.fragmentsAllowed])
                else { return .failure(GitHubError(request: request, kind: .invalidResponse("304 without a cached answer"))) }
                return .success(Answer(json: json, link: cached.link))
            case 301, 302, 303, 307, 308:
                // Followed here so the token stays on the API origin; GitHub redirects renamed repositories.
                guard redirects < 3, let location = response.headers["location"],
                    let target = URL(string: location, relativeTo: url)?.absoluteURL
                else {
                    return .failure(GitHubError(request: request, kind: .status(response.status, "redirect not followed")))
                }
                redirects += 1
                url = target
                attempt -= 1
                continue
            case 401:
                return .failure(GitHubError(request: request, kind: .unauthorized))
            case 403, 429:
                let limit = RateLimit(response, now: now())
                guard let wanted = limit.wait else {
                    return .failure(GitHubError(request: request, kind: .forbidden(message(response.body))))
                }
                if let wait = retryWait(attempt: attempt, wanted: wanted, waited: waited) {
                    sleep(wait)
                    waited += wait
                    continue
                }
                return .failure(GitHubError(request: request, kind: .rateLimited(reset: limit.reset)))
            case 404:
                return .failure(GitHubError(request: request, kind: .notFound))
            case 500..<600:
                if let wait = retryWait(attempt: attempt, wanted: backoff(attempt), waited: waited) {
                    sleep(wait)
                    waited += wait
                    continue
                }
                return .failure(GitHubError(request: request, kind: .status(response.status, message(response.body))))
            default:
                return .failure(GitHubError(request: request, kind: .status(response.status, message(response.body))))
            }
        }
    }

    /// The wait before another attempt, or nil when the attempts or the time are used up.
    private func retryWait(attempt: Int, wanted: Double, waited: Double) -> Double? {
        guard attempt < maxAttempts, waited + wanted <= maxWait else { return nil }
        return max(0, wanted)
    }

    /// 1, 2, 4, … seconds.
    private func backoff(_ attempt: Int) -> Double { Double(1 << min(attempt - 1, 6)) }

    /// GitHub's `{"message": …}`, the token masked, then shortened. Masked first: a server that echoes the token
    /// at the 200th character would otherwise leave its first characters, which no longer match the token whole.
    func message(_ body: Data) -> String {
        let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        let text = redactor((json?["message"] as? String) ?? "")
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
