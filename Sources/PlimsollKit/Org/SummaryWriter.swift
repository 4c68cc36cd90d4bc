/// `summary.jsonl`: one record a line, sorted by repository name.
enum SummaryWriter {
    public static func render(_ records: [OrgRecord]) -> String {
        records.sorted { $0.repo < $1.repo }.map { $0.jsonLine + "\n" }.joined()
    }
}
