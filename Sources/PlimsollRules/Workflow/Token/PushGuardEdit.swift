import PlimsollCore
import RepositoryModel
import WorkflowModel
import YAMLSyntax

/// The edit that keeps a build-push-action step from pushing on pull requests, for PL403's fix: its `push:`
/// value becomes `${{ github.event_name != 'pull_request' }}` (for `true`) or that test and-ed to the
/// expression already there (`${{ (<expression>) && github.event_name != 'pull_request' }}`). Nil for any other
/// value (a block scalar, a flow node, several expressions in one string).
enum PushGuardEdit {
    static let guardText = "github.event_name != 'pull_request'"

    static func edit(push entry: Entry, in file: SourceFile) -> FileEdit? {
        let node = entry.value
        guard !node.isFlow, let scalar = node.scalar, node.span.lowerBound.line == node.span.upperBound.line,
            node.span.upperBound.offset <= file.bytes.count
        else { return nil }
        let range = node.span.lowerBound.offset..<node.span.upperBound.offset
        let value = scalar.value.trimmingWhitespace()
        switch scalar.style {
        case .plain, .singleQuoted, .doubleQuoted: break
        default: return nil
        }
        if value == "true" {
            return FileEdit(path: file.path, range: range, replacement: "${{ \(guardText) }}")
        }
        // One expression, the whole value: `${{ … }}` with no other `${{` or `}}` inside.
        guard scalar.style == .plain, value.hasPrefix("${{"), value.hasSuffix("}}"), value.utf8.count > 5 else {
            return nil
        }
        let inner = String(value.dropFirst(3).dropLast(2)).trimmingWhitespace()
        guard !inner.isEmpty, !inner.contains("${{"), !inner.contains("}}"),
            file.bytes[range].elementsEqual(scalar.value.utf8)
        else { return nil }
        return FileEdit(path: file.path, range: range, replacement: "${{ (\(inner)) && \(guardText) }}")
    }
}
