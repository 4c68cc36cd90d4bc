import DockerfileSyntax
import PlimsollCore

/// BuildKit's build checks (`docker build --check`, Dockerfile reference "Build checks") that Plimsoll reports,
/// each under its own rule ID.
enum BuildKitCheck: String, CaseIterable, Sendable {
    case fromAsCasing = "FromAsCasing"
    case jsonArgsRecommended = "JSONArgsRecommended"
    case redundantTargetPlatform = "RedundantTargetPlatform"
    case fromPlatformFlagConstDisallowed = "FromPlatformFlagConstDisallowed"
    case secretsUsedInArgOrEnv = "SecretsUsedInArgOrEnv"
    case legacyKeyValueFormat = "LegacyKeyValueFormat"

    /// The Plimsoll rule that reports the check: `# check=skip=<name>` silences these findings of it.
    var ruleID: String {
        switch self {
        case .fromAsCasing: "PL211"
        case .jsonArgsRecommended: "PL212"
        case .redundantTargetPlatform: "PL213"
        case .fromPlatformFlagConstDisallowed: "PL201"
        case .secretsUsedInArgOrEnv: "PL206"
        case .legacyKeyValueFormat: "PL207"
        }
    }
}

/// The `# check=` parser directive, read as BuildKit's `linter.ParseLintOptions` reads it: up to three
/// `;`-separated `key=value` options, `skip=` a comma-separated list of check names or `all`, `error=` a
/// boolean (Go's `strconv.ParseBool`) that makes any reported check fail the build.
struct BuildKitCheckDirective: Sendable, Hashable {
    var skipsAll = false
    var skipped: Set<String> = []
    var errorOnWarning = false

    init() {}

    init(_ dockerfile: Dockerfile) {
        self.init(parsing: dockerfile.directive("check")?.value ?? "")
    }

    init(parsing text: String) {
        for part in text.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingWhitespace()
            let value = pair[1].trimmingWhitespace()
            switch key {
            case "skip":
                if value == "all" {
                    skipsAll = true
                } else {
                    skipped.formUnion(value.split(separator: ",").map { $0.trimmingWhitespace() })
                }
            case "error":
                errorOnWarning = ["1", "t", "T", "true", "TRUE", "True"].contains(value)
            default:
                continue
            }
        }
    }

    /// True when the directive turns `check` off for this file.
    func skips(_ check: BuildKitCheck) -> Bool { skipsAll || skipped.contains(check.rawValue) }

    /// The severity of a finding of `check`: an error when `error=true` makes the build fail on it.
    func severity(of check: BuildKitCheck) -> Severity? { errorOnWarning ? .error : nil }
}
