/// What a 403 or 429 says about rate limits (GitHub's "Rate limits for the REST API").
struct RateLimit {
    /// Seconds to wait before retrying; nil when the answer is not a rate limit.
    var wait: Double?
    /// `X-RateLimit-Reset`, Unix seconds.
    var reset: Int?

    init(_ response: HTTPResponse, now: Double) {
        reset = response.headers["x-ratelimit-reset"].flatMap { Int($0) }
        if let retryAfter = response.headers["retry-after"].flatMap(Double.init) {
            wait = retryAfter
        } else if response.headers["x-ratelimit-remaining"] == "0", let reset {
            wait = max(0, Double(reset) - now) + 0.1
        } else if String(decoding: response.body, as: UTF8.self).lowercased().contains("secondary rate limit") {
            // GitHub: "wait for at least one minute before retrying".
            wait = 60
        } else if response.status == 429 {
            wait = 60
        }
    }
}
