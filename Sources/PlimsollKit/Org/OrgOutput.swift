import Foundation

/// The output folder of an org scan or merge:
///
///     sarif/<repo>.sarif   per repository, ready for code-scanning upload
///     summary.jsonl        a record per repository, sorted by name
///     matrix.csv           repository × rule family
///     dashboard.html       the self-contained dashboard
///     pages/repos/<repo>.html, pages/rules/<rule>.html   its page per repository and per rule
///     history.jsonl        a line per run, for the dashboard's chart and "since last run"
///     state.jsonl          the resume journal
public struct OrgOutput: Sendable {
    public let directory: String

    public init(directory: String) throws(OrgError) {
        self.directory = directory
        do { try FileManager.default.createDirectory(atPath: directory + "/sarif", withIntermediateDirectories: true) } catch {
            throw .cannotWrite(directory, reason: error.localizedDescription)
        }
    }

    public static let summaryName = "summary.jsonl"

    public func sarifPath(for repository: OrgRepository) -> String { "sarif/" + repository.fileStem + ".sarif" }

    func write(_ text: String, to relativePath: String) throws(OrgError) {
        let path = directory + "/" + relativePath
        do { try ReportFileWriter.write(Array(text.utf8), to: path) } catch {
            throw .cannotWrite(path, reason: error.description)
        }
    }

    /// Writes the summary, matrix, history (`history`: the runs so far, this one last), dashboard and a compacted
    /// state file for `records`, and removes SARIF files no record names (left from repositories that are no
    /// longer in the scan).
    public func finish(_ records: [OrgRecord], history: [OrgRun]) throws(OrgError) {
        let sorted = records.sorted { $0.repo < $1.repo }
        let summary = SummaryWriter.render(sorted)
        try write(summary, to: Self.summaryName)
        try write(summary, to: OrgState.fileName)
        try write(MatrixWriter.render(sorted), to: "matrix.csv")
        try write(OrgHistory.render(history), to: OrgHistory.fileName)
        try writeDashboard(sorted, history: history)
        let kept = Set(sorted.compactMap(\.sarif))
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/sarif")) ?? []
        for name in existing where name.hasSuffix(".sarif") && !kept.contains("sarif/" + name) {
            try? FileManager.default.removeItem(atPath: directory + "/sarif/" + name)
        }
    }

    /// Writes the repository and rule pages into a fresh `pages/` (none left from an earlier run), and streams
    /// the main page into a temporary file, then renames it into place.
    private func writeDashboard(_ records: [OrgRecord], history: [OrgRun]) throws(OrgError) {
        let pages = directory + "/" + DashboardWriter.pagesFolder
        try? FileManager.default.removeItem(atPath: pages)
        for folder in ["repos", "rules"] {
            do { try FileManager.default.createDirectory(atPath: pages + "/" + folder, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(pages + "/" + folder, reason: error.localizedDescription)
            }
        }
        var pageError: OrgError?
        let path = directory + "/dashboard.html"
        let temporary = directory + "/.dashboard.html.tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw .cannotWrite(temporary, reason: "cannot create the file") }
        var buffer = Data()
        DashboardWriter.write(
            records, history: history,
            findings: { record in
                record.sarif.flatMap { OrgRecord.isValidSARIFPath($0) ? SARIFFindings.read(path: directory + "/" + $0) : nil } ?? []
            },
            to: { piece in
                buffer.append(contentsOf: piece.utf8)
                if buffer.count >= 1 << 16 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            },
            file: { path, html in
                guard pageError == nil else { return }
                do throws(OrgError) { try write(html, to: path) } catch { pageError = error }
            })
        handle.write(buffer)
        try? handle.close()
        if let pageError { throw pageError }
        guard rename(temporary, path) == 0 else {
            throw .cannotWrite(path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads `summary.jsonl` of a finished output folder.
    public static func readSummary(in directory: String) throws(OrgError) -> [OrgRecord] {
        try readSummary(file: directory + "/" + summaryName)
    }

    /// Reads a `summary.jsonl` file.
    public static func readSummary(file path: String) throws(OrgError) -> [OrgRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badResults(path: path, line: nil, reason: "cannot read the summary (is this an org scan's output folder?)")
        }
        var records: [OrgRecord] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() where !line.isEmpty
        {
            do { records.append(try OrgRecord(jsonLine: line)) } catch {
                throw .badResults(path: path, line: index + 1, reason: "not a summary record")
            }
        }
        return records
    }
}
