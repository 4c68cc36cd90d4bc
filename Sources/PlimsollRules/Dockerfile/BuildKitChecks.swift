import DockerfileSyntax
import PlimsollCore
import RepositoryModel

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

extension BuildKitCheckDirective {
    /// True when the directive turns `check` off for this file.
    func skips(_ check: BuildKitCheck) -> Bool { skips(checkNamed: check.rawValue) }

    /// The severity of a finding of `check`: an error when `error=true` makes the build fail on it.
    func severity(of check: BuildKitCheck) -> Severity? { errorOnWarning ? .error : nil }
}
