import Foundation

/// `plimsoll merge`: combines the output folders of several shards into the folder one unsharded run would
/// have written. Records carry no timings or paths, so the result is the same byte for byte.
public enum OrgMerge {
    public static func merge(_ inputs: [String], into outputDirectory: String) throws(OrgError) -> [OrgRecord] {
        let output = try OrgOutput(directory: outputDirectory)
        var merged: [String: OrgRecord] = [:]
        for input in inputs {
            for record in try OrgOutput.readSummary(in: input) {
                if let existing = merged[record.repo] {
                    guard existing == record else { throw .conflictingRecords(repo: record.repo) }
                    continue
                }
                merged[record.repo] = record
                guard let sarif = record.sarif else { continue }
                guard OrgRecord.isValidSARIFPath(sarif) else {
                    throw .badResults(path: input + "/" + OrgOutput.summaryName, line: nil, reason: "bad SARIF path '\(sarif)'")
                }
                let source = input + "/" + sarif
                let target = outputDirectory + "/" + sarif
                guard let data = FileManager.default.contents(atPath: source) else {
                    throw .badResults(path: source, line: nil, reason: "the SARIF file is missing")
                }
                if URL(fileURLWithPath: source).standardizedFileURL != URL(fileURLWithPath: target).standardizedFileURL {
                    do { try data.write(to: URL(fileURLWithPath: target), options: .atomic) } catch {
                        throw .cannotWrite(target, reason: error.localizedDescription)
                    }
                }
            }
        }
        let records = merged.values.sorted { $0.repo < $1.repo }
        var histories: [[OrgRun]] = []
        for input in inputs { histories.append(try OrgHistory.read(in: input)) }
        var history = OrgHistory.merge(histories)
        // Shards written before there was a history: this merge is the first run it knows.
        if history.isEmpty { history = [OrgRun(records: records, label: nil)] }
        try output.finish(records, history: history)
        return records
    }
}
