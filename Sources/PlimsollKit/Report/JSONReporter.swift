import PlimsollCore

/// Plimsoll's own JSON document (`"format": "plimsoll-findings/v1"`), documented in the README: every finding
/// with its full span (line, column in code points, UTF-8 byte offset), notes, suppression and fingerprint.
public enum JSONReporter: Reporter {
    public static let identifier = "json"
    public static let summary = "all findings as one documented JSON document"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        String(decoding: reportBytes(result, options: options), as: UTF8.self)
    }

    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        document(result).renderedBytes(terminator: UInt8(ascii: "\n"))
    }

    public static func document(_ result: ScanResult) -> JSONValue {
        let fingerprints = Fingerprint.compute(result.findings)
        let findings: [JSONValue] = zip(result.findings, fingerprints).map { finding, fingerprint in
            var object: JSONObject = [
                "rule": .string(finding.ruleID),
                "severity": .string(finding.severity.rawValue),
                "message": .string(finding.message),
                "notes": .array(finding.notes.map(JSONValue.string)),
                "path": .string(finding.path),
                "start": position(finding.span.lowerBound),
                "end": position(finding.span.upperBound),
                "fingerprint": .string(fingerprint),
                "suppressed": finding.suppression.map {
                    ["kind": .string($0.kind.rawValue), "justification": .string($0.justification)]
                } ?? .null,
            ]
            // Only when the scan computed fixes and the finding has one: reports without fixes stay as they were.
            if !finding.fixes.isEmpty { object["fixes"] = .array(finding.fixes.map(fixValue)) }
            return .object(object)
        }
        return [
            "format": "plimsoll-findings/v1",
            "tool": ["name": .string(ToolInfo.name), "version": .string(ToolInfo.version)],
            "filesScanned": .int(result.filesScanned),
            "summary": [
                "error": .int(result.count(.error)), "warning": .int(result.count(.warning)),
                "note": .int(result.count(.note)), "suppressed": .int(result.suppressedCount),
            ],
            "findings": .array(findings),
        ]
    }

    /// A fix: its title, safety and edits (path, UTF-8 byte offsets `start`..<`end` of the bytes replaced, and the
    /// replacement text; an edit that creates its file also says `creates` with the new file's git mode), and
    /// the files it moves (`from`, `to`) after the edits, when it moves any.
    private static func fixValue(_ fix: Fix) -> JSONValue {
        var value: JSONObject = [
            "title": .string(fix.title),
            "safety": .string(fix.safety.rawValue),
            "edits": .array(
                fix.edits.map { edit in
                    var value: JSONObject = [
                        "path": .string(edit.path), "start": .int(edit.range.lowerBound), "end": .int(edit.range.upperBound),
                        "replacement": .string(String(decoding: edit.replacement, as: UTF8.self)),
                    ]
                    if let mode = edit.creates { value["creates"] = .string(mode.gitMode) }
                    return .object(value)
                }),
        ]
        if !fix.moves.isEmpty {
            value["moves"] = .array(fix.moves.map { ["from": .string($0.from), "to": .string($0.to)] })
        }
        return .object(value)
    }

    private static func position(_ location: SourceLocation) -> JSONValue {
        ["line": .int(location.line), "column": .int(location.column), "offset": .int(location.offset)]
    }
}
