import PlimsollCore
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// Where a credential comes from, as far as a workflow file shows.
public enum TokenCredential: Equatable {
    /// `secrets.GITHUB_TOKEN` or `github.token`.
    case automatic
    /// Another secret (`secrets.CR_PAT`), by its dotted name.
    case otherSecret(String)
    /// A literal written in the file.
    case literal
    /// Inputs, step outputs, unresolved variables: the file cannot tell.
    case unknown
}

/// Step and credential facts the token rules share.
public enum StepFacts {
    /// Classifies a value such as `${{ secrets.CR_PAT }}`; `env.X` is followed through the step's, job's and
    /// workflow's `env:` once.
    public static func credential(_ node: YAMLNode, step: Step?, job: Job?, workflow: Workflow, depth: Int = 0) -> TokenCredential {
        guard let text = node.string?.trimmingWhitespace(), !text.isEmpty else { return .unknown }
        let expressions = ExpressionFinder.expressions(in: node, file: workflow.file)
        if expressions.isEmpty {
            return text.hasPrefix("$") ? .unknown : .literal
        }
        var sawAutomatic = false
        for expression in expressions {
            for reference in expression.references {
                let dotted = reference.dotted.lowercased()
                if dotted == "secrets.github_token" || dotted == "github.token" {
                    sawAutomatic = true
                } else if reference.context.lowercased() == "secrets" {
                    return .otherSecret(reference.dotted)
                } else if reference.context.lowercased() == "env", reference.path.count == 2, depth == 0,
                    let value = envValue(reference.path[1], step: step, job: job, workflow: workflow)
                {
                    let inner = credential(value, step: step, job: job, workflow: workflow, depth: 1)
                    if case .otherSecret = inner { return inner }
                    if inner == .automatic { sawAutomatic = true }
                }
            }
        }
        return sawAutomatic ? .automatic : .unknown
    }

    /// The value of an environment variable set in the step's, job's or workflow's `env:`, innermost first.
    public static func envValue(_ name: String, step: Step?, job: Job?, workflow: Workflow) -> YAMLNode? {
        EnvironmentEntries(workflow: workflow, job: job, step: step).nodes[name]
    }

    /// Classifies a shell word (`${{ secrets.CR_PAT }}`, `"$CR_PAT"`): expressions, then `$NAME` through `env:`.
    public static func credential(word: String, step: Step, job: Job, workflow: Workflow) -> TokenCredential {
        let lowered = word.lowercased()
        if lowered.containsText("secrets.github_token") || lowered.containsText("github.token") { return .automatic }
        if let name = identifier(after: "secrets.", in: word) { return .otherSecret("secrets." + name) }
        if let name = identifier(after: "${", in: word) ?? identifier(after: "$", in: word),
            let value = envValue(name, step: step, job: job, workflow: workflow)
        {
            return credential(value, step: step, job: job, workflow: workflow, depth: 1)
        }
        return .unknown
    }

    /// The identifier (`[A-Za-z0-9_]+`) right after the first case-insensitive `prefix` in `text`.
    public static func identifier(after prefix: String, in text: String) -> String? {
        let bytes = Array(text.utf8)
        let needle = Array(prefix.lowercased().utf8)
        guard bytes.count > needle.count else { return nil }
        func isIdent(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == 0x5F
        }
        for start in 0...(bytes.count - needle.count) {
            let lowered = bytes[start..<(start + needle.count)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            guard lowered == needle else { continue }
            var end = start + needle.count
            while end < bytes.count, isIdent(bytes[end]) { end += 1 }
            if end > start + needle.count { return String(decoding: bytes[(start + needle.count)..<end], as: UTF8.self) }
        }
        return nil
    }

    /// A value with a whole-value `${{ env.X }}` replaced by `X`'s literal value from `env:` (one level).
    public static func resolved(_ node: YAMLNode, step: Step?, job: Job?, workflow: Workflow) -> String {
        let text = node.string?.trimmingWhitespace() ?? ""
        guard let inner = text.wholeExpression?.trimmingWhitespace() else { return text }
        guard inner.lowercased().hasPrefix("env."), let value = envValue(
            String(inner.dropFirst(4)), step: step, job: job, workflow: workflow)?.string
        else { return text }
        return value
    }

    /// True when a registry value names GHCR.
    public static func isGHCR(_ text: String) -> Bool {
        let lowered = text.trimmingWhitespace().lowercased()
        return lowered == "ghcr.io" || lowered.hasPrefix("ghcr.io/") || lowered.hasPrefix("https://ghcr.io")
    }

    /// True when the command's program words begin with `prefix` (`gh release create`), compared in place
    /// rather than by making an array of the words for every command of every script.
    public static func programStarts(_ command: ShellCommand, with prefix: String...) -> Bool {
        let words = command.programWords
        guard words.count >= prefix.count else { return false }
        return zip(words, prefix).allSatisfy { $0.value == $1 }
    }

    /// Attestation actions, which need `id-token: write` and `attestations: write` (GitHub docs, "Publishing Docker images").
    static let attestationActions: Set<String> = [
        "actions/attest-build-provenance", "actions/attest", "actions/attest-sbom",
    ]

    public static func isAttestation(_ step: Step) -> Bool {
        step.action?.fullName.map(attestationActions.contains) ?? false
    }

    /// Actions that create a GitHub release, with the input that takes another token.
    public static let releaseActions: [String: String] = [
        "softprops/action-gh-release": "token", "actions/create-release": "", "ncipollo/release-action": "token",
    ]

    /// Steps that get an OIDC token (`id-token: write`): cloud logins and keyless signing.
    static let oidcActions: Set<String> = [
        "aws-actions/configure-aws-credentials", "google-github-actions/auth", "azure/login",
        "sigstore/cosign-installer", "actions/attest-build-provenance", "actions/attest", "actions/attest-sbom",
        "docker/scout-action", "pypa/gh-action-pypi-publish", "hashicorp/vault-action", "octo-sts/action",
    ]

    public static func isCheckout(_ step: Step) -> Bool { step.action?.fullName == "actions/checkout" }

    /// Actions that log in to a registry for the steps after them.
    static let loginActions: Set<String> = [
        "docker/login-action", "ko-build/setup-ko", "imjasonh/setup-crane", "redhat-actions/podman-login",
    ]

    /// True for a step that logs in to a registry: a login action, or `docker login`/`podman login` in a script.
    public static func isRegistryLogin(_ step: Step) -> Bool {
        if let name = step.action?.fullName { return loginActions.contains(name) }
        guard let run = step.run?.value else { return false }
        return run.containsText("docker login") || run.containsText("podman login")
    }

    /// True when a value of the job, or an `env:` value it can read, names `ghcr.io` (comments are not values:
    /// a registry commented out of `images:` is not pushed to).
    public static func mentionsGHCR(_ job: Job, in workflow: Workflow) -> Bool {
        valueMentions([job.node] + (workflow.env + job.env).map(\.value), "ghcr.io")
    }

    /// Whether a scalar in the trees under `roots` holds `needle`, ASCII case ignored. Each node is visited
    /// once, so aliases to one subtree cost one walk.
    static func valueMentions(_ roots: [YAMLNode], _ needle: String) -> Bool {
        var stack = roots
        var visited: Set<YAMLNode> = []
        while let node = stack.popLast() {
            guard visited.insert(node).inserted else { continue }
            if let text = node.string, text.containsText(needle, ignoringASCIICase: true) { return true }
            if let items = node.sequence { stack.append(contentsOf: items) }
            if let pairs = node.mapping {
                for position in pairs.indices {
                    stack.append(pairs.key(at: position))
                    stack.append(pairs.value(at: position))
                }
            }
        }
        return false
    }

    /// Actions that write to the repository with the token they are given: releases, pages branches, commits.
    static let contentsWriters: Set<String> = [
        "goreleaser/goreleaser-action", "stefanprodan/helm-gh-pages", "peaceiris/actions-gh-pages",
        "jamesives/github-pages-deploy-action", "stefanzweifel/git-auto-commit-action", "endbug/add-and-commit",
        "peter-evans/create-pull-request", "googleapis/release-please-action", "changesets/action",
        "cycjimmy/semantic-release-action", "svenstaro/upload-release-action", "ad-m/github-push-action",
        "marvinpinto/action-automatic-releases", "helm/chart-releaser-action",
    ]

    /// True when a step hands the workflow's token to code Plimsoll does not know: an action outside the docker
    /// and `actions/` families, or a script, given `github.token` or `secrets.GITHUB_TOKEN` in `with:` or `env:`.
    /// What such code does with the token cannot be told, so no scope it may need is called unneeded.
    static func handsTokenToUnknownCode(_ step: Step, file: SourceFile) -> Bool {
        if let name = step.action?.fullName, name.hasPrefix("docker/") || name.hasPrefix("actions/") { return false }
        return (step.with + step.env).contains { entry in
            guard let value = entry.value.string?.lowercased() else { return false }
            return value.containsText("github.token") || value.containsText("secrets.github_token")
        }
    }

    /// The write scopes a publishing job may hold for what its steps do: `packages` always; `id-token` next to an
    /// OIDC or attestation step; `attestations` next to an attestation; `contents` next to a release, a pages or
    /// commit action, a `git push`, or code Plimsoll does not know that is handed the token.
    public static func expectedWrites(_ job: Job, in file: WorkflowFile) -> Set<String> {
        var allowed: Set<String> = ["packages"]
        for step in job.steps {
            let name = step.action?.fullName ?? ""
            if oidcActions.contains(name) { allowed.insert("id-token") }
            if attestationActions.contains(name) { allowed.insert("attestations") }
            if releaseActions[name] != nil || contentsWriters.contains(name) { allowed.insert("contents") }
            // Code scanning uploads (a vulnerability scan's SARIF) need `security-events: write` (GitHub docs,
            // "Uploading a SARIF file to GitHub").
            if name == "github/codeql-action" { allowed.insert("security-events") }
            if handsTokenToUnknownCode(step, file: file.source) { allowed.insert("contents") }
            if let run = step.run {
                // The scripts as the workflow file split them once, not split again by each rule.
                for command in file.shellCommands(of: run) {
                    if programStarts(command, with: "git", "push") || programStarts(command, with: "gh", "release") {
                        allowed.insert("contents")
                    }
                    if programStarts(command, with: "cosign") { allowed.insert("id-token") }
                }
            }
        }
        return allowed
    }
}
