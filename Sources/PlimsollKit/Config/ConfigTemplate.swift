import PlimsollCore
import PlimsollRules

/// The commented `.plimsoll.yml` that `plimsoll init` writes: every setting at its default, so the file
/// documents the policy in force and changing it is an edit, not a search.
public enum ConfigTemplate {
    public static func render(policy: Policy = Policy(), rules: [RuleDescription] = RuleRegistry.descriptions) -> String {
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        var text = """
            # Plimsoll configuration: https://github.com/plimsoll-lint/plimsoll#configuration-plimsollyml
            # Every key is optional; the values below are the defaults. Schema: .plimsoll.schema.json

            # Where the Dockerfile and local build script live: src-docker (src/docker/Dockerfile and
            # src/docker/docker-build.sh) or root (Dockerfile and docker-build.sh at the repository root).
            layout: \(policy.layout.rawValue)

            # Platforms every published image must cover (os/arch[/variant]).
            platforms: \(list(policy.platforms))

            # The registry images are pushed to, and its namespace (default: the GitHub owner from the git remote).
            registry: \(policy.registry)
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
            ignore-paths: []

            # Per-rule settings: off, or a severity (note, warning, error). `plimsoll rules` lists them all.
            rules:

            """
        for rule in rules {
            text += "  # \(rule.id): \(rule.defaultSeverity.rawValue)    # \(rule.title)\n"
        }
        return text
    }
}
