import Foundation

/// `state.jsonl` in the output folder: a journal of finished repositories, one record a line, appended as each
/// repository finishes so an interrupted run resumes where it stopped. The last line for a repository wins; a
/// torn last line is ignored. At the end of a run it is rewritten sorted, with only the scanned repositories.
final class OrgState: Sendable {
    static let fileName = "state.jsonl"

    let path: String
    /// What the previous runs recorded, by repository name.
    let previous: [String: OrgRecord]
    private let handle: Locked<FileHandle?>

    init(outputDirectory: String) throws(OrgError) {
        path = outputDirectory + "/" + Self.fileName
        var previous: [String: OrgRecord] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                if let record = try? OrgRecord(jsonLine: line) { previous[record.repo] = record }
            }
        }
        self.previous = previous
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path, reason: "cannot open the state file")
        }
        handle.seekToEndOfFile()
        // A run killed mid-line left a torn line: end it, so the next record starts on a line of its own.
        if let last = FileManager.default.contents(atPath: path)?.last, last != UInt8(ascii: "\n") {
            handle.write(Data("\n".utf8))
        }
        self.handle = Locked(handle)
    }

    /// Appends a finished repository; safe to call from any worker.
    func append(_ record: OrgRecord) {
        handle.withLock { $0?.write(Data((record.jsonLine + "\n").utf8)) }
    }

    func close() {
        handle.withLock {
            try? $0?.close()
            $0 = nil
        }
    }
}
