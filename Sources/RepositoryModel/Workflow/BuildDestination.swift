import PlimsollCore
import WorkflowModel
import YAMLSyntax

/// Where the images of a build go, as far as publishing is concerned.
///
/// A workflow can push to a registry that is not a publication: a `registry:2` service container of the job
/// that disappears with it (the usual end-to-end test of an action), a registry on the runner itself
/// (`localhost:5000`), or a registry the runner names in a variable the workflow never sets (a self-hosted
/// runner's own cache, such as runs-on's `RUNS_ON_ECR_CACHE`). The standard's rules about tags, platforms,
/// tokens and layout are about images people pull, so those pushes are left out of every publishing rule.
enum BuildDestination: Sendable, Equatable {
    /// A registry that outlives the run, or one the workflow cannot show: treated as a publication.
    case registry
    /// Only registries that serve the run itself.
    case throwaway

    /// The destination of a build's images, from the names it tags (literal tags, metadata-action's `images:`
    /// through `${{ steps.X.outputs.tags }}`, an `outputs:` name) with the workflow's `env:` resolved.
    static func of(_ kind: ImageBuild.Kind, job: Job, step: Step, workflow: Workflow) -> BuildDestination {
        guard let names = imageNames(kind, job: job, step: step, workflow: workflow), !names.isEmpty else {
            return .registry
        }
        let environment = StepEnvironment(workflow: workflow, job: job, step: step)
        let shell = if case .commandLine = kind { true } else { false }
        let services = Set(job.services.map { $0.key.lowercased() })
        let throwaway = names.allSatisfy { name in
            isThrowaway(environment.resolve(name, shell: shell), services: services, workflow: workflow.file.bytes)
        }
        return throwaway ? .throwaway : .registry
    }

    /// The image references a build names, as written; nil when some cannot be seen (another step's output
    /// that is not an `images:` list, a bake file).
    private static func imageNames(_ kind: ImageBuild.Kind, job: Job, step: Step, workflow: Workflow) -> [String]? {
        switch kind {
        case .buildPushAction:
            var names: [String] = []
            if let outputs = step.input("outputs")?.string {
                for field in outputs.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
                    let text = field.trimmingWhitespace()
                    if text.hasPrefix("name=") { names.append(String(text.dropFirst("name=".count))) }
                }
            }
            guard let tags = step.input("tags") else { return names }
            for item in ValueList.items(tags, file: workflow.file) {
                guard item.text.containsText("${{"), item.text.containsText("outputs.") else {
                    names.append(item.text)
                    continue
                }
                // `${{ steps.meta.outputs.tags }}`: the names are the `images:` of the step that makes the tags
                // (metadata-action, or an action of the same shape tested from its own repository, `uses: ./`).
                guard let images = producingStep(of: item.text, in: job)?.input("images"), let text = images.string
                else { return nil }
                for line in text.split(whereSeparator: \.isNewline) {
                    let entry = line.trimmingWhitespace()
                    if entry.isEmpty || entry.hasPrefix("#") { continue }
                    if entry.contains("=") {
                        guard let name = MetadataCSV.fields(entry).first(where: { $0.hasPrefix("name=") }) else {
                            return nil
                        }
                        names.append(String(name.dropFirst("name=".count)))
                    } else {
                        names.append(entry)
                    }
                }
            }
            return names
        case .commandLine(let command):
            switch command.kind {
            case .build, .imagetoolsCreate:
                return command.options("--tag").compactMap(\.text)
            case .push:
                return command.arguments.prefix(1).map(\.value)
            case .bake, .tag, .pull:
                return nil
            }
        }
    }

    /// The step of `job` whose output `text` (`${{ steps.X.outputs.Y }}`) reads.
    private static func producingStep(of text: String, in job: Job) -> Step? {
        guard let start = text.firstRange(of: "steps.") else { return nil }
        let id = text[start.upperBound...].prefix { $0 != "." && $0 != " " && $0 != "}" }
        return job.steps.first { $0.id?.value == String(id) }
    }

    /// True for a reference whose registry serves the run alone: `localhost`, a loopback address, a service
    /// container of the job (`registry:5000`), or a variable that nothing in the workflow sets.
    static func isThrowaway(_ reference: String, services: Set<String>, workflow: [UInt8]) -> Bool {
        let text = reference.trimmingWhitespace()
        if let variable = leadingVariable(text) {
            // Resolution already replaced the variables `env:` sets. One a step sets (`NAME=…` in a script or
            // into `$GITHUB_ENV`), GitHub's own and those actions export are not the runner's.
            guard !variable.isEmpty, !ExpressionScope.mayBeAssigned(variable, in: workflow) else { return false }
            return !["GITHUB_", "RUNNER_", "DOCKER_", "ACTIONS_", "INPUT_"].contains { variable.hasPrefix($0) }
        }
        guard let slash = text.firstIndex(of: "/") else { return false }
        let host = text[..<slash].lowercased()
        let name = host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? host
        // `.local` names a registry on the machine or its local network (kind's `registry.local:5000`, `ko.local`).
        if name == "localhost" || name.hasPrefix("127.") || host.hasPrefix("[::1]") || name.hasSuffix(".local") {
            return true
        }
        // A service container is reached by its key as host name, with the port it listens on.
        return host.contains(":") && services.contains(name)
    }

    /// The variable a reference starts with (`${{ env.CACHE }}:tag`, `$CACHE/app`, `${CACHE}/app`): its name,
    /// "" for an expression that is not `env.`, or nil when the reference starts with text.
    private static func leadingVariable(_ text: String) -> String? {
        if text.hasPrefix("${{") {
            let inner = text.dropFirst(3).prefix { $0 != "}" }.trimmingWhitespace()
            return inner.hasPrefix("env.") ? String(inner.dropFirst(4)) : ""
        }
        guard text.hasPrefix("$") else { return nil }
        let name = text.dropFirst().drop { $0 == "{" }.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return String(name)
    }
}
