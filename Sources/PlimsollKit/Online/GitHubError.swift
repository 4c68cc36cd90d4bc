/// Why GitHub did not answer a request usefully. Descriptions name the request and say what to do; the client
/// passes them through its redactor before anyone sees them.
public struct GitHubError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// 401: no token, a wrong one or an expired one.
        case unauthorized
        /// 403 that is not a rate limit: the token lacks a scope or SSO authorisation, or the endpoint needs
        /// admin rights.
        case forbidden(String)
        case notFound
        /// Still limited after the waits the client may spend; `reset` is the Unix time GitHub gave, if any.
        case rateLimited(reset: Int?)
        case status(Int, String)
        case transport(String)
        case invalidResponse(String)
    }

    /// `GET /path?query` of the request that failed.
    public var request: String
    public var kind: Kind

    public init(request: String, kind: Kind) {
        self.request = request
        self.kind = kind
    }

    public var description: String {
        let reason: String
        switch kind {
        case .unauthorized:
            reason = "401 unauthorized: GitHub rejected the token (wrong, expired or revoked)"
        case .forbidden(let message):
            reason = "403 forbidden\(message.isEmpty ? "" : " (\(message))"): the token may lack a scope or SSO "
                + "authorisation this endpoint needs"
        case .notFound:
            reason = "404 not found: it does not exist, or the token may not see it"
        case .rateLimited(let reset):
            reason = "rate limited by GitHub" + (reset.map { " until \(Self.time($0))" } ?? "")
                + ", beyond the time Plimsoll may wait (--rate-limit-wait)"
        case .status(let status, let message):
            reason = "HTTP \(status)\(message.isEmpty ? "" : " (\(message))")"
        case .transport(let message):
            reason = "no answer: \(message)"
        case .invalidResponse(let message):
            reason = "unexpected answer: \(message)"
        }
        return "\(request): \(reason)"
    }

    /// `HH:MM:SS UTC` of a Unix time, without Foundation's formatters.
    static func time(_ unix: Int) -> String {
        let seconds = ((unix % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) UTC"
    }
}
