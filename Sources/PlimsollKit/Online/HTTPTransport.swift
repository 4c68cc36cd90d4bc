import CHTTP
import Foundation

/// One HTTP GET. Header names of responses are lowercased.
public struct HTTPRequest: Sendable, Hashable {
    public var url: URL
    public var headers: [String: String]

    public init(url: URL, headers: [String: String] = [:]) {
        self.url = url
        self.headers = headers
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Lowercased names.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }
}

/// Sends requests; the GitHub client adds authentication, caching, redirects and retries on top.
public protocol HTTPTransport: Sendable {
    /// The response, or why there is none (a timeout, a refused connection).
    func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError>
}

public struct HTTPTransportError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// libcurl, loaded on first use (`CHTTP`), used synchronously: the scan is a sequential batch. Redirects are not
/// followed here but returned, so the client decides whether the next host may see the token. Nothing is cached
/// or stored: the client's ETag cache is the only one, and it holds no credentials.
///
/// Not URLSession: FoundationNetworking links libcurl and its thirty-odd libraries into every process, which
/// every scan, online or not, would pay for before `main`.
public struct CurlTransport: HTTPTransport {
    /// The largest answer read: GitHub's pages of 100 items are a few hundred KiB, and an answer without end (a
    /// hostile API URL or proxy) must not fill the memory.
    public var maxBodyBytes = 16 << 20
    public var maxHeaderBytes = 1 << 20

    public init() {}

    public func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError> {
        let lines = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        var status = 0
        var rawHeaders = plimsoll_http_buffer()
        rawHeaders.limit = maxHeaderBytes
        var body = plimsoll_http_buffer()
        body.limit = maxBodyBytes
        defer {
            plimsoll_http_buffer_free(&rawHeaders)
            plimsoll_http_buffer_free(&body)
        }
        var error = [CChar](repeating: 0, count: 512)
        let milliseconds = max(1, Int(timeout * 1000))
        let code = withCStrings(lines) { headers in
            plimsoll_http_get(
                request.url.absoluteString, headers, Int32(lines.count), milliseconds, &status, &rawHeaders, &body,
                &error, error.count)
        }
        if body.exceeded != 0 || rawHeaders.exceeded != 0 {
            return .failure(HTTPTransportError(
                "the answer is larger than \(body.exceeded != 0 ? maxBodyBytes : maxHeaderBytes) bytes; not read"))
        }
        guard code == 0 else {
            return .failure(HTTPTransportError(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        let headerText = rawHeaders.data.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: rawHeaders.length), as: UTF8.self) } ?? ""
        let bodyData = body.data.map { Data(bytes: $0, count: body.length) } ?? Data()
        return .success(HTTPResponse(status: status, headers: Self.headers(headerText), body: bodyData))
    }

    /// The fields of the last header block (a proxy's `CONNECT` answer comes first), names lowercased; a
    /// repeated field keeps its first value.
    public static func headers(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("HTTP/") {
                fields = [:]
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// Calls `body` with the strings as a C array of NUL-terminated strings that lives for the call.
    private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
    }
}
