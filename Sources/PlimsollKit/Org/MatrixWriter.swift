/// `matrix.csv` (RFC 4180): a row per repository, a column per rule family, each cell `compliant`, `failing` or
/// `errored`. Lines end in CRLF as the RFC says; fields are quoted when they hold a comma, quote or line break.
enum MatrixWriter {
    public static func render(_ records: [OrgRecord]) -> String {
        let families = OrgRecord.families(for: records)
        var output = row(["repo", "url", "commit", "status"] + families.map(\.rawValue))
        for record in records.sorted(by: { $0.repo < $1.repo }) {
            output += row(
                [record.repo, record.url, record.commit ?? "", record.status.rawValue]
                    + families.map { record.families[$0.rawValue]?.rawValue ?? "" })
        }
        return output
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One RFC 4180 field, safe to open in a spreadsheet. Read by Unicode scalar: as Characters, CR LF is one
    /// Character equal to neither "\r" nor "\n", and a field holding it was left unquoted, ending the row.
    static func field(_ value: String) -> String {
        // A leading = + - @, TAB or CR would make a spreadsheet evaluate a repository's name as a formula
        // (OWASP's list for CSV injection).
        let neutralised = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + value : value
        guard neutralised.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || neutralised != value
        else { return neutralised }
        return "\"" + neutralised.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
