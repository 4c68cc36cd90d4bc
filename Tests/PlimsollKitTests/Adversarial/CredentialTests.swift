import Foundation
import Testing

@testable import PlimsollKit

/// Issue 21, attack 6: credentials in manifest URLs. They were stored in `<cache>/<repo>/.git/config`, shown in
/// `ps` (git's arguments), and, in a query string or a password holding `/`, written to every result file.
@Suite("Adversarial: credentials in manifest URLs")
struct CredentialTests {
    static let secret = "s3cretT0ken"

    @Test("the shown URL has no user information, query or fragment", arguments: [
        ("https://u:\(secret)@host/org/repo.git", "https://host/org/repo.git"),
        ("https://u:pa/ss\(secret)@host/org/repo.git", "https://host/org/repo.git"),
        ("https://host/org/repo.git?access_token=\(secret)", "https://host/org/repo.git"),
        ("https://host/org/repo.git#\(secret)", "https://host/org/repo.git"),
        ("git@github.com:org/repo.git", "git@github.com:org/repo.git"),
        ("https://github.com/org/repo", "https://github.com/org/repo"),
    ])
    func redaction(_ url: String, _ shown: String) {
        #expect(OrgRepository.redacted(url) == shown)
        let repository = OrgRepository(name: "repo", location: .remote(url: url, ref: nil))
        #expect(!repository.displayURL.contains(Self.secret) && !repository.shardKey.contains(Self.secret))
    }

    @Test("credentials are split off, percent-decoded, and reach git only through its environment")
    func split() throws {
        let (address, found) = GitCredentials.split("https://bot:pa%2Fss\(Self.secret)@git.example.com:8443/org/repo.git")
        let credentials = try #require(found)
        #expect(address == "https://git.example.com:8443/org/repo.git")
        #expect(credentials.host == "git.example.com" && credentials.username == "bot")
        #expect(credentials.password == "pa/ss\(Self.secret)")
        for step in GitFetcher.steps(directory: "/cache/repo", address: address, ref: nil, credentials: credentials) {
            #expect(!(step.arguments + step.options).joined(separator: " ").contains(Self.secret), "\(step.name)")
        }
        #expect(GitFetcher.steps(directory: "/c", address: address, ref: nil, credentials: credentials)[1].environment.values.contains("pa/ss\(Self.secret)"))
    }

    /// The helper, as git runs it: `git credential fill` asks it for a host.
    private func fill(host: String, credentials: GitCredentials) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + GitCommand.safetyOptions + credentials.helperOptions + ["credential", "fill"]
        process.environment = GitCommand.environment.merging(credentials.environment) { _, new in new }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("protocol=https\nhost=\(host)\n\n".utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("git's credential helper answers for the URL's host only")
    func helper() throws {
        let credentials = try #require(GitCredentials.split("https://bot:\(Self.secret)@git.example.com/org/repo.git").credentials)
        #expect(try fill(host: "git.example.com", credentials: credentials).contains("password=\(Self.secret)"))
        #expect(try !fill(host: "evil.example.com", credentials: credentials).contains(Self.secret))
    }

    @Test("a failed fetch leaves no credential in the cache or the error")
    func nothingAtRest() throws {
        let cache = try TemporaryDirectory()
        // Port 9 on loopback: refused at once, no network.
        let repository = OrgRepository(name: "repo", location: .remote(url: "https://bot:\(Self.secret)@127.0.0.1:9/org/repo.git", ref: nil))
        let fetcher = GitFetcher(cacheDirectory: cache.path, timeout: .seconds(60))
        guard case .failure(let error) = fetcher.fetch(repository) else {
            Issue.record("the fetch from a closed port succeeded")
            return
        }
        #expect(!error.description.contains(Self.secret))
        let config = try String(contentsOfFile: cache.path + "/" + repository.fileStem + "/.git/config", encoding: .utf8)
        #expect(config.contains("https://127.0.0.1:9/org/repo.git"))
        #expect(!config.contains(Self.secret))
    }
}
