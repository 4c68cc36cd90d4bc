import Foundation
@testable import PlimsollKit
import Testing

/// `--jobs` reads, parses and checks files on several threads; the report must not depend on it.
@Suite("Parallel scan")
struct ParallelScanTests {
    @Test("every worker count gives the serial scan's report, byte for byte")
    func sameReportForAnyWorkerCount() throws {
        // Every fixture workflow and Dockerfile in one repository: hundreds of files, enough to go parallel,
        // with findings from most rules and YAML errors among them.
        let directory = try TemporaryDirectory()
        let fixtures = TestPaths.fixtures
        var workflows = 0
        var dockerfiles = 0
        let enumerator = try #require(FileManager.default.enumerator(atPath: fixtures.path))
        while let relative = enumerator.nextObject() as? String {
            let data = try? Data(contentsOf: fixtures.appendingPathComponent(relative))
            guard let data, let text = String(data: data, encoding: .utf8) else { continue }
            let name = (relative as NSString).lastPathComponent
            if relative.hasPrefix("workflows/"), name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                _ = try directory.write(".github/workflows/w\(workflows)-\(name)", text)
                workflows += 1
            } else if name == "Dockerfile" {
                _ = try directory.write("services/s\(dockerfiles)/Dockerfile", text)
                dockerfiles += 1
            }
        }
        #expect(workflows > 100 && dockerfiles > 20)

        func report(jobs: Int) throws -> (String, Int) {
            var scanner = Scanner()
            scanner.jobs = jobs
            let result = try scanner.scan(try DiskRepositorySource(root: directory.path), root: ".")
            return (JSONReporter.report(result, options: ReportOptions()), result.findings.count)
        }
        let (serial, count) = try report(jobs: 1)
        #expect(count > 300)
        for jobs in [2, 3, 8] {
            let (parallel, _) = try report(jobs: jobs)
            #expect(parallel == serial, "--jobs \(jobs) changed the report")
        }
    }
}
