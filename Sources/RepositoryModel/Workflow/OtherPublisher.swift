import PlimsollCore
import WorkflowModel

/// A step that publishes images, or may, with a tool other than the standard's `docker/build-push-action` and
/// docker command lines: another image builder (`docker/bake-action`, `depot/build-push-action`, goreleaser with
/// a `dockers:` section, `ko`, `crane`/`regctl`/`skopeo` copies), or a step Plimsoll cannot read that a job
/// hands registry credentials (an external action given a registry password, or a script run after a registry
/// login). The publishing rules cannot see what such a step pushes; PL301 must not claim that nothing does.
public struct OtherPublisher: Sendable {
    public enum Evidence: Sendable, Equatable {
        /// A tool known to push images.
        case tool(String)
        /// A step given registry credentials, or run after a registry login, whose pushes cannot be read.
        case opaque(String)
    }

    public let step: Step
    public let evidence: Evidence

    /// Actions that build and push images themselves, with the input that makes them push (nil: always).
    static let pushingActions: [String: String?] = [
        "docker/bake-action": "push",
        "depot/build-push-action": "push",
        "depot/bake-action": "push",
        "redhat-actions/push-to-registry": nil,
    ]

    /// Command words that push or copy images.
    static let pushingCommands = ["crane push", "crane copy", "crane cp", "crane tag", "regctl image copy",
                                  "skopeo copy", "ko build", "ko publish", "podman push", "buildah push",
                                  "docker manifest push", "bashbrew push", "bashbrew put-shared", "nerdctl push",
                                  "apko publish"]

    /// The other publishers of one workflow file: known tools in step order, then steps that may publish.
    public static func all(in file: WorkflowFile, repository: Repository) -> [OtherPublisher] {
        guard let workflow = file.workflow else { return [] }
        let goreleaserBuildsImages = [".goreleaser.yml", ".goreleaser.yaml"].contains { path in
            guard let source = repository.buildFiles[path] else { return false }
            let text = String(decoding: source.bytes, as: UTF8.self)
            return ["dockers:", "docker_manifests:", "kos:", "dockers_v2:"].contains { key in
                text.hasPrefix(key) || text.containsText("\n" + key)
            }
        }
        var tools: [OtherPublisher] = []
        var opaque: [OtherPublisher] = []
        for job in workflow.jobs {
            var loggedIn = false
            for step in job.steps {
                if StepFacts.isRegistryLogin(step) { loggedIn = true }
                if let name = step.action?.fullName {
                    if let input = pushingActions[name] {
                        let pushes = input.map { key in
                            ImageBuild.pushSetting(step.input(key)).mayPush
                                || (step.input("set")?.string ?? "").containsText("push=true")
                        } ?? true
                        if pushes { tools.append(OtherPublisher(step: step, evidence: .tool(name))) }
                    } else if name == "goreleaser/goreleaser-action", goreleaserBuildsImages {
                        tools.append(OtherPublisher(step: step, evidence: .tool(name)))
                    } else if name == "goreleaser/goreleaser-action", loggedIn {
                        opaque.append(OtherPublisher(step: step, evidence: .opaque(step.uses?.value ?? name)))
                    } else if step.action?.kind == .repository, !name.hasPrefix("docker/"),
                        step.with.contains(where: Self.isRegistryCredential)
                    {
                        opaque.append(OtherPublisher(step: step, evidence: .opaque(step.uses?.value ?? name)))
                    }
                } else if let runValue = step.run, let run = step.run?.value {
                    if let command = pushingCommands.first(where: { run.containsText($0) }),
                        command != "skopeo copy" || skopeoCopiesToRegistry(runValue, file: workflow.file)
                    {
                        // ko pushes to KO_DOCKER_REPO: a kind cluster's registry is a test, not a publication.
                        let koRepository = EnvironmentEntries(workflow: workflow, job: job, step: step).values["KO_DOCKER_REPO"]
                        if command.hasPrefix("ko "), let koRepository,
                            BuildDestination.isThrowaway(koRepository + "/x", services: [], workflow: workflow.file.bytes)
                        {
                            continue
                        }
                        tools.append(OtherPublisher(step: step, evidence: .tool(command)))
                    } else if loggedIn, !run.containsText("--snapshot"), let script = Self.localScript(in: run) {
                        opaque.append(OtherPublisher(step: step, evidence: .opaque(script)))
                    }
                }
            }
        }
        // Known tools first: they are what the repository publishes with for sure. Of the steps that may
        // publish, those whose name or command says so (`make release`, "Build and publish") come first, so a
        // message names the likely publisher rather than the first script after the login.
        let likely = opaque.filter(\.soundsLikePublishing)
        return tools + likely + opaque.filter { !$0.soundsLikePublishing }
    }

    /// Whether the step's name or command speaks of publishing (release, publish, push, deploy, upload).
    var soundsLikePublishing: Bool {
        let words = ["release", "publish", "push", "deploy", "upload"]
        let text = ((step.name?.value ?? "") + " " + (step.run?.value ?? step.uses?.value ?? "")).lowercased()
        return words.contains { text.containsText($0) }
    }

    /// Whether a `skopeo copy` of the script writes to a registry: its destination is a `docker://` reference or
    /// one the script computes. `docker-daemon:`, `oci:`, `dir:` and the archive transports stay on the runner
    /// (skopeo(1), "IMAGE NAMES").
    static func skopeoCopiesToRegistry(_ run: StringValue, file: SourceFile) -> Bool {
        RunScript.commands(run, file: file).contains { command in
            let words = command.programWords
            guard words.count >= 2, words.first?.value == "skopeo",
                words.dropFirst().first?.value == "copy"
            else { return false }
            guard let destination = words.dropFirst(2).last(where: { !$0.value.hasPrefix("-") }) else { return false }
            return destination.value.hasPrefix("docker://") || destination.hasExpansion
        }
    }

    /// An input that hands a registry password or token to an action (`ghcr_io_password`, `registry-token`,
    /// `docker_hub_password`).
    private static func isRegistryCredential(_ entry: Entry) -> Bool {
        let words = Set(entry.key.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init))
        let secret = !words.isDisjoint(with: ["password", "token", "pat"])
        let registry = !words.isDisjoint(with: ["registry", "docker", "dockerhub", "ghcr", "quay", "hub", "ecr", "gcr", "cr"])
        return secret && registry
    }

    /// The first command of a script that runs code Plimsoll does not read for pushes: a local script, a make
    /// target, a package-manager script, or a command that is itself an expression (`${{ matrix.build_cmd }}`).
    private static func localScript(in run: String) -> String? {
        for line in run.split(whereSeparator: \.isNewline) {
            let text = line.trimmingWhitespace()
            if text.hasPrefix("${{") { return String(text.prefix(80)) }
            for prefix in ["./", "bash ./", "sh ./", "make ", "npm run ", "pnpm run ", "yarn ", "pipenv run ", "just "]
            where text.hasPrefix(prefix) {
                return String(text.prefix(80))
            }
        }
        return nil
    }
}
