import PlimsollCore
import RepositoryModel
import WorkflowModel
import YAMLSyntax

/// Edits of a job's `permissions:` for PL402's fixes: a new block as the job's first key, or one more scope in
/// the job's own block mapping. Only whole lines are inserted, at the indentation already used, with the file's
/// line ending; a flow mapping, a key that does not start its line or tabs get no edit.
enum JobPermissionsEdit {
    /// The scopes a push job needs, in a conventional order: `contents` (read, or write when the job also
    /// writes the repository), `packages: write`, and the attestation and OIDC writes when it uses them.
    static func neededScopes(_ job: Job, in file: WorkflowFile) -> [(scope: String, level: String)] {
        let writes = StepFacts.expectedWrites(job, in: file)
        var scopes = [("contents", writes.contains("contents") ? "write" : "read"), ("packages", "write")]
        if writes.contains("id-token") { scopes.append(("id-token", "write")) }
        if writes.contains("attestations") { scopes.append(("attestations", "write")) }
        return scopes
    }

    /// A `permissions:` block inserted before the job's first key.
    static func newBlock(_ scopes: [(scope: String, level: String)], job: Job, in file: SourceFile) -> FileEdit? {
        guard !job.node.isFlow, let pairs = job.node.mapping, let first = pairs.indices.first else { return nil }
        guard let indent = ownLineIndentation(of: pairs.key(at: first), in: file) else { return nil }
        let newline = file.lineEnding
        var text = indent + "permissions:" + newline
        for entry in scopes { text += indent + "  " + entry.scope + ": " + entry.level + newline }
        let start = file.lineStarts[pairs.key(at: first).span.lowerBound.line - 1]
        return FileEdit(path: file.path, range: start..<start, replacement: text)
    }

    /// `scope: level` inserted as the first entry of the job's own block mapping.
    static func addingScope(_ scope: String, level: String, to block: Permissions, in file: SourceFile) -> FileEdit? {
        guard case .scopes(let entries) = block.kind, let first = entries.first, !block.node.isFlow,
            let indent = ownLineIndentation(of: first.keyNode, in: file)
        else { return nil }
        let start = file.lineStarts[first.keyNode.span.lowerBound.line - 1]
        return FileEdit(path: file.path, range: start..<start, replacement: indent + scope + ": " + level + file.lineEnding)
    }

    /// Deletes the lines of `scopes` in the job's own block mapping: each entry alone on its line (a comment
    /// after it goes too); nil when one is not, or when nothing would be left of the block.
    static func removingScopes(_ scopes: [String], from block: Permissions, in file: SourceFile) -> [FileEdit]? {
        guard case .scopes(let entries) = block.kind, !block.node.isFlow else { return nil }
        let removed = entries.filter { scopes.contains($0.scope) }
        guard !removed.isEmpty, removed.count < entries.count else { return nil }
        var edits: [FileEdit] = []
        for entry in removed {
            let line = entry.keyNode.span.lowerBound.line
            guard ownLineIndentation(of: entry.keyNode, in: file) != nil, entry.valueNode.span.upperBound.line == line,
                entry.valueNode.span.upperBound.offset <= file.bytes.count
            else { return nil }
            // After the value: blanks, then nothing or a comment.
            let rest = file.bytes[entry.valueNode.span.upperBound.offset..<file.lineByteRange(line).upperBound]
            let afterBlanks = rest.drop { $0 == 0x20 || $0 == 0x09 }
            guard afterBlanks.isEmpty || afterBlanks.first == UInt8(ascii: "#") else { return nil }
            let end = line < file.lineCount ? file.lineStarts[line] : file.bytes.count
            edits.append(FileEdit(path: file.path, range: file.lineStarts[line - 1]..<end, replacement: ""))
        }
        return edits
    }

    /// The indentation of a key that is the first thing on its line (spaces only); nil otherwise.
    private static func ownLineIndentation(of key: YAMLNode, in file: SourceFile) -> String? {
        let line = key.span.lowerBound.line
        guard line >= 1, line <= file.lineCount, !key.isFlow else { return nil }
        let indent = file.indentation(ofLine: line)
        guard !indent.contains("\t"), file.lineStarts[line - 1] + indent.utf8.count == key.span.lowerBound.offset else {
            return nil
        }
        return indent
    }
}
