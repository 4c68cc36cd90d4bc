/// Data about well-known actions: the `with:` inputs each major version accepts and the runtime it runs on.
/// Kept as data, with sources, so it is easy to update. When a version's list could not be verified, the
/// closest verified list is used and the source says so; unknown majors return nil (no check).
public enum KnownActions {
    /// One major version of an action.
    public struct Version: Sendable {
        public let major: Int
        /// `runs.using`: `node12`, `node16`, `node20`, `node24`.
        public let runtime: String
        public let inputs: Set<String>
        /// Where the list and runtime come from.
        public let source: String
    }

    /// The inputs accepted by the referenced action's major version; nil when the action or major is not known.
    public static func inputs(for reference: ActionReference) -> Set<String>? {
        version(for: reference)?.inputs
    }

    /// The runtime (`node20` …) of the referenced major version; nil when unknown.
    public static func runtime(for reference: ActionReference) -> String? {
        version(for: reference)?.runtime
    }

    /// The known data for the referenced action and major version.
    public static func version(for reference: ActionReference) -> Version? {
        guard reference.kind == .repository, reference.path == nil, let name = reference.fullName,
            let major = reference.majorVersion
        else { return nil }
        return table[name]?.first { $0.major == major }
    }

    /// All known majors of an action (`owner/repo`, lowercase), oldest first.
    public static func versions(of fullName: String) -> [Version] { table[fullName.lowercased()] ?? [] }

    /// The newest known major of an action.
    public static func latestMajor(of fullName: String) -> Int? { versions(of: fullName).last?.major }

    /// Runtimes GitHub has deprecated (FACTS.md F23: node20 deprecated, removal scheduled 2026-09-23; node12 and
    /// node16 earlier).
    public static let deprecatedRuntimes: Set<String> = ["node12", "node16", "node20"]

    // MARK: - Data

    private static let buildPushV5: Set<String> = [
        "add-hosts", "allow", "attests", "build-args", "build-contexts", "builder", "cache-from", "cache-to",
        "cgroup-parent", "context", "file", "labels", "load", "network", "no-cache", "no-cache-filters", "outputs",
        "platforms", "provenance", "pull", "push", "sbom", "secrets", "secret-files", "shm-size", "ssh", "tags",
        "target", "ulimit", "github-token",
    ]
    private static let buildPushV6 = buildPushV5.union(["annotations", "secret-envs"])
    private static let buildPushV7 = buildPushV6.union(["call"])

    private static let loginV1: Set<String> = ["registry", "username", "password", "logout"]
    private static let loginV2 = loginV1.union(["ecr"])
    private static let loginV4 = loginV2.union(["scope", "registry-auth"])

    private static let metadataV5: Set<String> = [
        "context", "images", "tags", "flavor", "labels", "annotations", "sep-tags", "sep-labels", "sep-annotations",
        "bake-target", "github-token",
    ]

    private static let qemuV3: Set<String> = ["image", "platforms", "cache-image"]
    private static let qemuV2: Set<String> = ["image", "platforms"]

    private static let buildxV3: Set<String> = [
        "version", "driver", "driver-opts", "buildkitd-flags", "buildkitd-config", "buildkitd-config-inline",
        "install", "use", "endpoint", "platforms", "append", "cache-binary", "cleanup", "config", "config-inline",
        "name", "keep-state",
    ]

    private static let checkoutV2: Set<String> = [
        "repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "persist-credentials", "path",
        "clean", "fetch-depth", "lfs", "submodules", "set-safe-directory",
    ]
    private static let checkoutV3 = checkoutV2.union([
        "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-tags", "show-progress", "github-server-url",
    ])
    private static let checkoutV4 = checkoutV3.union(["ssh-user"])

    private static let f10 = "FACTS.md F10 (build-push-action action.yml), runtime F14"
    private static let f13 = "FACTS.md F13 (login-action action.yml), runtime F14"

    private static let table: [String: [Version]] = [
        "docker/build-push-action": [
            Version(major: 5, runtime: "node20", inputs: buildPushV5, source: f10),
            Version(major: 6, runtime: "node20", inputs: buildPushV6, source: f10),
            Version(major: 7, runtime: "node24", inputs: buildPushV7, source: f10),
        ],
        "docker/login-action": [
            Version(major: 1, runtime: "node12", inputs: loginV1, source: f13),
            Version(major: 2, runtime: "node16", inputs: loginV2, source: f13),
            Version(major: 3, runtime: "node20", inputs: loginV2, source: f13),
            Version(major: 4, runtime: "node24", inputs: loginV4, source: f13),
        ],
        "docker/metadata-action": [
            Version(
                major: 5, runtime: "node20", inputs: metadataV5,
                source: "docker/metadata-action action.yml at 2bd8a81e96a4d52339513312666fd493529523b3 (node20)"),
            Version(
                major: 6, runtime: "node24", inputs: metadataV5,
                source: "assumed equal to v5 (not verified); runtime per FACTS.md F23 (v6 current)"),
        ],
        "docker/setup-qemu-action": [
            Version(major: 1, runtime: "node12", inputs: qemuV2, source: "FACTS.md F14; inputs assumed as v2"),
            Version(major: 2, runtime: "node16", inputs: qemuV2, source: "FACTS.md F14; inputs image, platforms"),
            Version(
                major: 3, runtime: "node20", inputs: qemuV3,
                source: "docker/setup-qemu-action action.yml at 0d7f78d53b85e8f2e65e8e5a3594425049239b86 (node20)"),
            Version(major: 4, runtime: "node24", inputs: qemuV3, source: "FACTS.md F14; inputs assumed as v3"),
        ],
        "docker/setup-buildx-action": [
            Version(
                major: 3, runtime: "node20", inputs: buildxV3,
                source: "docker/setup-buildx-action action.yml at 5334dd0cdd27e0ac92d6c98d35f3398fcc13195f (node20), "
                    + "plus name and keep-state seen in a later copy"),
            Version(major: 4, runtime: "node24", inputs: buildxV3, source: "FACTS.md F14; inputs assumed as v3"),
        ],
        "actions/checkout": [
            Version(
                major: 2, runtime: "node12", inputs: checkoutV2,
                source: "actions/checkout action.yml at f67ee5d6224ccd5af1909d53ea1faa5efb91db29 (node12)"),
            Version(major: 3, runtime: "node16", inputs: checkoutV3, source: "FACTS.md F14; inputs of late v3"),
            Version(
                major: 4, runtime: "node20", inputs: checkoutV4,
                source: "actions/checkout action.yml at 02c73802609a582111d8af3a9cd6519263dd983a (node20)"),
            Version(major: 5, runtime: "node24", inputs: checkoutV4, source: "actions/checkout releases; inputs assumed as v4"),
            Version(major: 6, runtime: "node24", inputs: checkoutV4, source: "actions/checkout releases; inputs assumed as v4"),
            Version(major: 7, runtime: "node24", inputs: checkoutV4, source: "actions/checkout v7.0.0 release (2026-06-18); inputs assumed as v4"),
        ],
    ]
}
