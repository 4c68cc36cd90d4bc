import Foundation
import PlimsollCore
import Testing

@testable import PlimsollKit

/// Issue 21, attacks 10 and 11: the org output is opened in a browser and a spreadsheet. A record read back from
/// a shard's summary.jsonl is someone else's data; a repository's name is its owner's choice.
@Suite("Adversarial: org output injection")
struct OrgOutputInjectionTests {
    static func record(repo: String, sarif: String?) -> OrgRecord {
        OrgRecord(
            repo: repo, url: "https://example.com/" + repo, commit: nil, status: .ok, reason: nil, policy: "p",
            sarif: sarif, filesScanned: 1, rules: [:], severities: [:], families: [:])
    }

    @Test("only a SARIF path of the form the tool writes is a path", arguments: [
        ("sarif/app.sarif", true), ("sarif/a.b-c_d.sarif", true), ("sarif/.hidden.sarif", false),
        ("sarif/../x.sarif", false), ("sarif/x\" onmouseover=\"alert(1).sarif", false),
        ("javascript:alert(1)//sarif/x.sarif", false), ("sarif/x.sarif?", false), ("sarif/a/b.sarif", false),
    ])
    func sarifPaths(_ path: String, _ valid: Bool) {
        #expect(OrgRecord.isValidSARIFPath(path) == valid)
    }

    @Test("the dashboard never puts a record's hostile sarif path into an attribute")
    func dashboardHref() {
        let hostile = "sarif/x\" onmouseover=\"alert(1)\" data-x=\".sarif"
        let bad = DashboardWriter.render([Self.record(repo: "app", sarif: hostile)], findings: { _ in [] })
        for html in [bad.main] + bad.pages.values {
            #expect(!html.contains("onmouseover=\""))
            #expect(!html.contains("sarif/x\""))
        }
        let good = DashboardWriter.render([Self.record(repo: "app", sarif: "sarif/app.sarif")], findings: { _ in [] })
        #expect(good.pages["pages/repos/app.html"]?.contains("href=\"../../sarif/app.sarif\"") == true)
    }

    @Test("matrix.csv neutralises a leading TAB or CR and quotes CR LF", arguments: ["\tcmd", "\r=1+1", "=1+1", "-2", "@SUM(A1)", "+1"])
    func formulaPrefixes(_ name: String) {
        let field = MatrixWriter.field(name)
        #expect(field.hasPrefix("'") || field.hasPrefix("\"'"), "\(field)")
    }

    @Test("a CR LF inside a name is quoted, so the row does not end")
    func crlfQuoted() {
        let csv = MatrixWriter.render([Self.record(repo: "a\r\nb,x", sarif: nil)])
        // The row starts with the quoted name; its CR LF is inside the quotes.
        #expect(csv.contains("\r\n\"a\r\nb,x\",\"https://example.com/a\r\nb,x\","))
        #expect(MatrixWriter.field("a\r\nb") == "\"a\r\nb\"")
    }
}
