import Foundation
import PlimsollCore

/// Answers requests from a rule example's `GitHubAnswer`s, by path and query; anything else is a 404, as GitHub
/// answers for what does not exist.
struct FixtureTransport: HTTPTransport {
    public static let apiURL = URL(string: "https://api.github.invalid")!
    private let answers: [String: GitHubAnswer]

    public init(_ answers: [GitHubAnswer]) {
        self.answers = Dictionary(answers.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError> {
        // As sent: `tools%2Fapp` stays encoded, as GitHub's routes see it.
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? request.url.path
        if let query = components?.percentEncodedQuery { path += "?" + query }
        guard let answer = answers[path] else {
            return .success(HTTPResponse(status: 404, body: Data(#"{"message": "Not Found"}"#.utf8)))
        }
        return .success(
            HTTPResponse(status: answer.status, headers: ["Content-Type": "application/json"], body: Data(answer.body.utf8)))
    }
}
