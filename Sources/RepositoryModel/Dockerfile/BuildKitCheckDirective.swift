import DockerfileSyntax
import PlimsollCore

/// The `# check=` parser directive, read as BuildKit's `linter.ParseLintOptions` reads it: up to three
/// `;`-separated `key=value` options, `skip=` a comma-separated list of check names or `all`, `error=` a
/// boolean (Go's `strconv.ParseBool`) that makes any reported check fail the build.
public struct BuildKitCheckDirective: Sendable, Hashable {
    var skipsAll = false
    var skipped: Set<String> = []
    public var errorOnWarning = false

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

    /// True when the directive turns the check named `name` (BuildKit's name, such as `FromAsCasing`) off.
    public func skips(checkNamed name: String) -> Bool { skipsAll || skipped.contains(name) }
}
