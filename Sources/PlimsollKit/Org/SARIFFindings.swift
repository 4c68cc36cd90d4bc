import Foundation

/// Reads the findings back out of a per-repository SARIF file for the dashboard, so the dashboard can be built
/// from an output folder alone (which is what `merge` has).
struct SARIFFinding: Sendable, Hashable {
    var ruleID: String
    var level: String
    var message: String
    var path: String
    var line: Int?
    var suppressed: Bool
    /// Why it was suppressed (the inline comment's or the configuration's reason), for suppressed findings.
    var justification: String? = nil
}

enum SARIFFindings {
    private struct Log: Decodable {
        var runs: [Run]
    }
    private struct Run: Decodable {
        var results: [Result]
    }
    private struct Result: Decodable {
        var ruleId: String
        var level: String?
        var message: Message
        var locations: [Location]?
        var suppressions: [Suppression]?
    }
    private struct Message: Decodable {
        var text: String?
    }
    private struct Location: Decodable {
        var physicalLocation: Physical?
    }
    private struct Physical: Decodable {
        var artifactLocation: Artifact?
        var region: Region?
    }
    private struct Artifact: Decodable {
        var uri: String?
    }
    private struct Region: Decodable {
        var startLine: Int?
    }
    private struct Suppression: Decodable {
        var justification: String?
    }

    /// The findings of a SARIF file, suppressed ones included, in file order; nil when it cannot be read.
    static func read(path: String) -> [SARIFFinding]? {
        guard let data = FileManager.default.contents(atPath: path),
            let log = try? JSONDecoder().decode(Log.self, from: data)
        else { return nil }
        return log.runs.flatMap(\.results).compactMap { result in
            let suppression = result.suppressions?.first
            let physical = result.locations?.first?.physicalLocation
            let uri = physical?.artifactLocation?.uri ?? ""
            let message = result.message.text ?? ""
            return SARIFFinding(
                ruleID: result.ruleId, level: result.level ?? "warning",
                message: String(message.prefix { $0 != "\n" }),
                path: uri.removingPercentEncoding ?? uri, line: physical?.region?.startLine,
                suppressed: suppression != nil,
                justification: suppression.map { $0.justification ?? "" })
        }
    }
}
