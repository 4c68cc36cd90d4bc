import Foundation
import PlimsollCore

/// Today's findings, recorded so that a scan reports only new ones (`plimsoll baseline > .plimsoll-baseline.json`,
/// then `plimsoll scan --baseline .plimsoll-baseline.json`). Entries match on rule, path and the fingerprint of
/// the finding's source line — not the line number — so moving code does not bring old findings back.
public struct Baseline: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public let rule: String
        public let path: String
        public let fingerprint: String
        /// For the reader of the file; not used for matching.
        public let message: String
    }

    public static let format = "plimsoll-baseline/v1"
    public let format: String
    public let findings: [Entry]

    public init(_ result: ScanResult) {
        let fingerprints = Fingerprint.compute(result.findings)
        self.format = Self.format
        self.findings = zip(result.findings, fingerprints)
            .filter { $0.0.suppression == nil }
            .map { Entry(rule: $0.ruleID, path: $0.path, fingerprint: $1, message: $0.message) }
    }

    public enum LoadError: Error, CustomStringConvertible {
        case invalid(path: String, reason: String)

        public var description: String {
            switch self {
            case .invalid(let path, let reason): "\(path): not a Plimsoll baseline: \(reason)"
            }
        }
    }

    public static func load(_ data: Data, path: String) throws(LoadError) -> Baseline {
        let baseline: Baseline
        do { baseline = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw .invalid(path: path, reason: String(describing: error))
        }
        guard baseline.format == format else {
            throw .invalid(path: path, reason: "format is '\(baseline.format)', expected '\(format)'")
        }
        return baseline
    }

    public func rendered() -> String {
        JSONValue.object([
            "format": .string(format),
            "findings": .array(
                findings.map {
                    [
                        "rule": .string($0.rule), "path": .string($0.path), "fingerprint": .string($0.fingerprint),
                        "message": .string($0.message),
                    ]
                }),
        ]).rendered() + "\n"
    }

    /// Marks findings recorded in the baseline as suppressed (kept for SARIF, not counted).
    public func apply(to result: inout ScanResult) {
        let known = Set(findings.map { "\($0.rule)\u{0}\($0.path)\u{0}\($0.fingerprint)" })
        let fingerprints = Fingerprint.compute(result.findings)
        for index in result.findings.indices where result.findings[index].suppression == nil {
            let finding = result.findings[index]
            if known.contains("\(finding.ruleID)\u{0}\(finding.path)\u{0}\(fingerprints[index])") {
                result.findings[index].suppression = Suppression(kind: .external, justification: "in the baseline")
            }
        }
    }
}
