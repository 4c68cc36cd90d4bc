import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Secrets passed as build arguments end up in the image's provenance and history.
struct SecretBuildArgsRule: Rule {
    static let description = RuleDescription(
        id: "PL405",
        name: "secret-build-args",
        title: "Secrets in build-args",
        family: .token,
        defaultSeverity: .error,
        summary: "A `build-args` item of `docker/build-push-action`, or a `--build-arg` of a `docker build` command, "
            + "passes `secrets.*` or `github.token`, or sets a key named like `*TOKEN*` or `*PASSWORD*`.",
        rationale: """
            Build arguments are not secret. An `ARG` used in a `RUN` is recorded in the image history, and \
            build-push-action's default provenance for public repositories is `mode=max`, which records every \
            build-arg value in the attestation pushed next to the image (Docker docs, "Provenance attestations", Docker docs \
            "Attestations"). A token passed this way is published with the image, and BuildKit itself warns \
            about it (SecretsUsedInArgOrEnv, Docker docs, "Build checks"). A `GITHUB_TOKEN` leaked this way is valid until the job \
            ends (GitHub docs, "Automatic token authentication"), a PAT much longer.
            """,
        fix: "Pass it with the `secrets:` input (`secrets: GIT_AUTH_TOKEN=${{ secrets.GITHUB_TOKEN }}`) and read it "
            + "in the Dockerfile with `RUN --mount=type=secret,id=GIT_AUTH_TOKEN`.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          build-args: |
                            VERSION=1.2.3
                            ↓NPM_AUTH=${{ secrets.NPM_AUTH }}

                """, caption: "one item of a newline list"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          build-args: ↓GH_TOKEN=${{ github.token }}

                """, caption: "the job's own token"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build --build-arg ↓REGISTRY_PASSWORD="$PASS" -t app .

                """, caption: "a `--build-arg` named like a password"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          build-args: |
                            VERSION=${{ github.ref_name }}
                            REVISION=${{ github.sha }}
                            NPM_TOKEN_FILE=/run/secrets/npm
                          secrets: |
                            GIT_AUTH_TOKEN=${{ secrets.GITHUB_TOKEN }}

                """, caption: "secrets go through the `secrets:` input"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build --secret id=npm,env=NPM_TOKEN --build-arg VERSION=1 -t app .
                        env:
                          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}

                """, caption: "a secret mount on the command line"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let workflow = file.workflow else { return }
        for build in file.imageBuilds {
            switch build.kind {
            case .buildPushAction:
                guard let node = build.input("build-args")?.value else { continue }
                for item in ValueList.items(node, file: workflow.file, separators: [UInt8(ascii: "\n")]) {
                    if let reason = Self.reason(item.text) {
                        emitter.emit(.secretArg(Self.key(item.text), reason), path: file.path, span: item.span, notes: [.secretNote])
                    }
                }
            case .commandLine(let command):
                for option in command.options("--build-arg") {
                    guard let text = option.text, let reason = Self.reason(text) else { continue }
                    let word = option.value ?? option.word
                    let range = option.value == nil ? option.word.range : word.range
                    emitter.emit(.secretArg(Self.key(text), reason), in: workflow.file, bytes: range, notes: [.secretNote])
                }
            }
        }
    }

    static func key(_ item: String) -> String {
        String(item.prefix { $0 != "=" }).trimmingWhitespace()
    }

    /// Why an item `KEY=value` carries a secret, or nil.
    static func reason(_ item: String) -> String? {
        let lowered = item.lowercased()
        if let name = StepFacts.identifier(after: "secrets.", in: item), lowered.containsText("${{") {
            return "secrets.\(name)"
        }
        if lowered.containsText("github.token") { return "github.token" }
        let key = key(item).uppercased()
        guard let equals = item.firstIndex(of: "=") else { return nil }
        let value = item[item.index(after: equals)...].trimmingWhitespace()
        // A key that names where a credential is (`NPM_TOKEN_FILE`, `TOKEN_URL`) carries none itself.
        let pointer = ["_FILE", "_PATH", "_URL", "_NAME", "_ID"].contains { key.hasSuffix($0) }
        if (key.containsText("TOKEN") || key.containsText("PASSWORD")), !value.isEmpty, !pointer { return "its name" }
        return nil
    }
}

extension String {
    fileprivate static func secretArg(_ key: String, _ reason: String) -> String {
        reason == "its name"
            ? "build argument '\(key)' looks like a credential; build arguments are recorded in provenance"
            : "build argument '\(key)' passes '\(reason)'; build arguments are recorded in provenance"
    }

    fileprivate static let secretNote = "use the 'secrets:' input and 'RUN --mount=type=secret' in the Dockerfile"
}
