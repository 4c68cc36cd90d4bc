import PlimsollCore
import PlimsollRules
import RepositoryModel

/// The commented `.plimsoll.yml` that `plimsoll init` writes: every setting at its default, so the file
/// documents the policy in force and changing it is an edit, not a search.
public enum ConfigTemplate {
    /// `text` as a YAML flow scalar: plain where YAML reads it back unchanged, else double-quoted (a glob's
    /// `*` would start an alias).
    static func scalar(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-".unicodeScalars.contains(scalar)
        } && !text.hasPrefix("-")
        if plain { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    public static func render(policy: Policy = Policy(), rules: [RuleDescription] = RuleRegistry.descriptions) -> String {
        func list(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }
        var text = """
            # Plimsoll configuration: https://github.com/plimsoll-lint/plimsoll#configuration-plimsollyml
            # Every key is optional; the values below are the defaults. Schema: .plimsoll.schema.json

            # Where the Dockerfile and local build script live: src-docker (src/docker/Dockerfile and
            # src/docker/docker-build.sh) or root (Dockerfile and docker-build.sh at the repository root).
            layout: \(policy.layout.rawValue)

            # Platforms every published image must cover (os/arch[/variant]).
            platforms: \(list(policy.platforms))

            # The registry images are pushed to, and its namespace (default: the GitHub owner from the git remote).
            registry: \(scalar(policy.registry))
            # owner: example-org

            # Environment tags for promotion by re-tagging, and whether default-branch builds must add `dev`
            # (required, optional or off).
            environment-tags: \(list(policy.environmentTags))
            dev-tag: \(policy.devTag.rawValue)

            # The visibility the image package must have on GitHub (public, private or internal), checked by
            # `plimsoll scan --online`; unset: any.
            # package-visibility: public

            # Other registries (with namespace) images may also be pushed to.
            extra-registries: []

            # Paths that are neither parsed nor reported (globs: * within a folder, ** across folders).
            ignore-paths: \(list(policy.ignorePaths))

            # Test fixtures: read (a workflow that builds one still finds it) but never checked as files of their own.
            test-paths: \(list(policy.testPaths))

            # Templates this repository declares (globs): their blanks are expected; each gets one note, no other finding.
            templates: \(list(policy.templates))

            # Per-rule settings: off, or a severity (note, warning, error). `plimsoll rules` lists them all.
            rules:

            """
        for rule in rules {
            text += "  # \(rule.id): \(rule.defaultSeverity.rawValue)    # \(rule.title)\n"
        }
        return text
    }
}
