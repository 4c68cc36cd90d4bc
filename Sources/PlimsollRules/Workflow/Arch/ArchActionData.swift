import WorkflowModel

/// Action data the WORKFLOW-ARCH rules need on top of `KnownActions`: the current major of each action the
/// standard uses, the runtimes of majors `KnownActions` does not list, and how far back its input lists hold.
/// Kept as data with sources, so a new major is a one-line change.
enum ArchActionData {
    /// The current major of each action, from each action's releases (checked 2026-11-25): actions/checkout v7
    /// was released 2026-06-18 (v6 is also on node24 and still supported), build-push-action 7.2 and
    /// login-action 4.2 are out. A newer major than these is never reported: the table may simply be behind.
    static let currentMajors: [String: Int] = [
        "actions/checkout": 7,
        "docker/setup-qemu-action": 4,
        "docker/setup-buildx-action": 4,
        "docker/login-action": 4,
        "docker/metadata-action": 6,
        "docker/build-push-action": 7,
    ]
    /// Where users can read why majors on node20 and older are outdated.
    static let deprecationSource = "github.blog changelog 2025-09-19, 'Deprecation of Node 20 on GitHub Actions runners'"

    /// `runs.using` of older majors that `KnownActions` does not list. build-push v2–v4 and metadata v3–v4
    /// come from the actions' release notes (node16 arrived in build-push v3 and metadata v4), not FACTS.md.
    static let olderRuntimes: [String: [Int: String]] = [
        "actions/checkout": [1: "node12"],
        "docker/build-push-action": [2: "node12", 3: "node16", 4: "node16"],
        "docker/metadata-action": [3: "node12", 4: "node16"],
        "docker/setup-buildx-action": [1: "node12", 2: "node16"],
    ]

    /// The oldest major for which the oldest `KnownActions` input list is still a safe stand-in (no input of
    /// that list was removed since). Majors below the table's first entry and at or above this minimum are
    /// checked against the table's first list; older ones are not checked.
    static let inputFallbackMinimum: [String: Int] = [
        "docker/build-push-action": 2,
        "docker/metadata-action": 3,
        "docker/setup-buildx-action": 1,
    ]

    /// The runtime of a referenced major, from `KnownActions` or the table above.
    static func runtime(of reference: ActionReference, major: Int) -> String? {
        reference.fullName.flatMap { runtime(ofAction: $0, major: major) }
    }

    static func runtime(ofAction name: String, major: Int) -> String? {
        if let version = KnownActions.versions(of: name).first(where: { $0.major == major }) { return version.runtime }
        return olderRuntimes[name]?[major]
    }

    /// The inputs of the referenced major, with the major whose list was used; nil when not known.
    static func inputs(for reference: ActionReference) -> (inputs: Set<String>, major: Int)? {
        guard let major = reference.majorVersion else { return nil }
        if let inputs = KnownActions.inputs(for: reference) { return (inputs, major) }
        guard reference.kind == .repository, reference.path == nil, let name = reference.fullName,
            let oldest = KnownActions.versions(of: name).first, major < oldest.major,
            let minimum = inputFallbackMinimum[name], major >= minimum
        else { return nil }
        return (oldest.inputs, oldest.major)
    }

    /// Every known input of every action, newest major first: for "did you mean another action" hints.
    static func actions(accepting input: String) -> [String] {
        currentMajors.keys.sorted().filter { name in
            KnownActions.versions(of: name).last?.inputs.contains(input) ?? false
        }
    }
}
