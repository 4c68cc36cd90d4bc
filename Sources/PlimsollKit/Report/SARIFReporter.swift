import PlimsollCore

/// SARIF 2.1.0, as GitHub code scanning uploads it. Columns count Unicode code points (`columnKind`), matching
/// every other Plimsoll position; paths are relative to `%SRCROOT%`; fingerprints ignore line numbers.
public enum SARIFReporter: Reporter {
    public static let identifier = "sarif"
    public static let summary = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"

    public static func report(_ result: ScanResult, options: ReportOptions) -> String {
        String(decoding: reportBytes(result, options: options), as: UTF8.self)
    }

    public static func reportBytes(_ result: ScanResult, options: ReportOptions) -> [UInt8] {
        log(result, options: options).renderedBytes(terminator: UInt8(ascii: "\n"))
    }

    public static func log(_ result: ScanResult, options: ReportOptions) -> JSONValue {
        let ruleIndex = Dictionary(
            result.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let fingerprints = Fingerprint.compute(result.findings)
        let results: [JSONValue] = zip(result.findings, fingerprints).map { finding, fingerprint in
            var object: JSONObject = [
                "ruleId": .string(finding.ruleID),
                "level": .string(finding.severity.rawValue),
                "message": ["text": .string(messageText(finding))],
                "locations": [["physicalLocation": physicalLocation(finding)]],
                "partialFingerprints": ["plimsoll/v1": .string(fingerprint)],
            ]
            if let index = ruleIndex[finding.ruleID] { object["ruleIndex"] = .int(index) }
            let fixes = finding.fixes.compactMap(sarifFix)
            if !fixes.isEmpty { object["fixes"] = .array(fixes) }
            if let suppression = finding.suppression {
                object["suppressions"] = [
                    [
                        "kind": .string(suppression.kind.rawValue),
                        "justification": .string(suppression.justification),
                    ]
                ]
            }
            return .object(object)
        }
        var run: JSONObject = [
            "tool": ["driver": driver(result.rules)],
            "invocations": [["executionSuccessful": true]],
            "columnKind": "unicodeCodePoints",
            "results": .array(results),
        ]
        if let rootURI = options.rootURI {
            run["originalUriBaseIds"] = ["%SRCROOT%": ["uri": .string(rootURI.hasSuffix("/") ? rootURI : rootURI + "/")]]
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [.object(run)],
        ]
    }

    /// A fix as SARIF's `fix`: per file an `artifactChange` whose replacements give the deleted bytes
    /// (`byteOffset`, `byteLength`) and the inserted text. Nil when an inserted text is not UTF-8 (SARIF's text
    /// is a string), and for a fix that moves files, which replacements cannot say: applied without its moves
    /// it would point builds at files that are not there.
    private static func sarifFix(_ fix: Fix) -> JSONValue? {
        guard fix.moves.isEmpty else { return nil }
        var changes: [JSONValue] = []
        var paths: [String] = []
        for edit in fix.edits where !paths.contains(edit.path) { paths.append(edit.path) }
        for path in paths {
            var replacements: [JSONValue] = []
            for edit in fix.edits where edit.path == path {
                guard let text = String(validating: edit.replacement, as: UTF8.self) else { return nil }
                var replacement: JSONObject = [
                    "deletedRegion": [
                        "byteOffset": .int(edit.range.lowerBound), "byteLength": .int(edit.range.count),
                    ]
                ]
                if !text.isEmpty { replacement["insertedContent"] = ["text": .string(text)] }
                replacements.append(.object(replacement))
            }
            changes.append([
                "artifactLocation": ["uri": .string(uriReference(path)), "uriBaseId": "%SRCROOT%"],
                "replacements": .array(replacements),
            ])
        }
        return [
            "description": ["text": .string("\(fix.title) (\(fix.safety.rawValue))")],
            "artifactChanges": .array(changes),
        ]
    }

    private static func messageText(_ finding: Finding) -> String {
        ([finding.message] + finding.notes).joined(separator: "\n")
    }

    private static func physicalLocation(_ finding: Finding) -> JSONValue {
        let start = finding.span.lowerBound
        let end = finding.span.upperBound
        // A zero-width span still has to cover something for viewers to show it; SARIF's endColumn is exclusive.
        let endColumn = (end.line == start.line && end.column <= start.column) ? start.column + 1 : end.column
        return [
            "artifactLocation": ["uri": .string(uriReference(finding.path)), "uriBaseId": "%SRCROOT%"],
            "region": [
                "startLine": .int(start.line), "startColumn": .int(start.column),
                "endLine": .int(max(end.line, start.line)), "endColumn": .int(endColumn),
            ],
        ]
    }

    private static func driver(_ rules: [RuleDescription]) -> JSONValue {
        [
            "name": .string(ToolInfo.name),
            "semanticVersion": .string(ToolInfo.version),
            "version": .string(ToolInfo.version),
            "informationUri": .string(ToolInfo.informationURI),
            "rules": .array(
                rules.map { rule in
                    [
                        "id": .string(rule.id),
                        "name": .string(rule.name),
                        "shortDescription": ["text": .string(rule.title)],
                        "fullDescription": ["text": .string(rule.summary)],
                        "help": [
                            "text": .string(rule.rationale + "\n\nFix: " + rule.fix),
                            "markdown": .string(rule.rationale + "\n\n**Fix:** " + rule.fix),
                        ],
                        "helpUri": .string(ToolInfo.helpURI(for: rule)),
                        "defaultConfiguration": ["level": .string(rule.defaultSeverity.rawValue)],
                        "properties": ["tags": [.string(rule.family.rawValue)]],
                    ]
                }),
        ]
    }

    /// Percent-encodes a relative path into a URI reference (RFC 3986): unreserved characters and `/` stay.
    static func uriReference(_ path: String) -> String {
        func isUnreserved(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
        // Nearly every path needs no escape: returned as it is rather than rebuilt scalar by scalar.
        if path.utf8.allSatisfy(isUnreserved) { return path }
        var output: [UInt8] = []
        for byte in path.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                let hex = Array(String(byte, radix: 16, uppercase: true).utf8)
                output.append(UInt8(ascii: "%"))
                if hex.count < 2 { output.append(UInt8(ascii: "0")) }
                output.append(contentsOf: hex)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
