import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel

/// A pushing build names every platform the policy requires, each spelled `os/arch[/variant]`.
struct PlatformsRule: Rule {
    static let description = RuleDescription(
        id: "PL302",
        name: "platforms-missing-or-wrong",
        title: "Platforms Missing or Wrong",
        family: .workflowArch,
        defaultSeverity: .error,
        summary: "A pushing build has no `platforms`, fewer platforms than the policy requires, or an entry that "
            + "is not `os/arch[/variant]`.",
        rationale: """
            Without `platforms` (or `--platform`) BuildKit builds only the runner's platform, so the image the \
            standard calls multi-arch is published for `linux/amd64` alone and fails on arm64 hosts with \
            "no matching manifest" or runs under emulation. The policy's `platforms` (default \
            `linux/amd64,linux/arm64`) is the set every published image must cover. BuildKit reads each entry \
            as `os/arch[/variant]` the way containerd's platform parser does: it lowercases it, accepts the \
            names it normalizes (`linux/aarch64` is `linux/arm64`, `linux/arm/7` is `linux/arm/v7`, a lone \
            `amd64` takes the runner's OS), and fails the build on an architecture no builder knows \
            (`linux/x64`, `linux/arm64v8`). `platform:` (singular) is not an input at all (see PL303).

            Docker's recommended alternative to emulation is one job per platform on native runners, each \
            pushing by digest, merged by `docker buildx imagetools create` (Docker docs, "Multi-platform builds", Docker docs "Multi-platform \
            image with GitHub Actions"). So `platforms: ${{ matrix.platform }}` is fine when the matrix values \
            cover the policy's set and a step of the workflow merges the digests. Platforms computed from \
            inputs or step outputs cannot be read and are not reported; `${{ env.X }}` is read from a literal \
            `env:`. A `docker build` followed by `docker push` in the same job is checked like a pushing build.
            """,
        fix: "Set `platforms: linux/amd64,linux/arm64` (the policy's set) on the pushing build.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: ↓docker/build-push-action@v7\n        with:\n          push: true\n",
                caption: "no `platforms`: only the runner's platform is published"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: ↓linux/x64,↓linux/arm64v8\n",
                caption: "architectures BuildKit does not know: the message suggests `linux/amd64` and `linux/arm64`"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: ↓linux/amd64\n",
                caption: "short of the policy's `linux/amd64,linux/arm64`"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ${{ matrix.runner }}\n    strategy:\n      matrix:\n"
                    + "        include:\n          - { runner: ubuntu-latest, platform: linux/amd64 }\n"
                    + "          - { runner: ubuntu-24.04-arm, platform: linux/arm64 }\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: ↓${{ matrix.platform }}\n",
                caption: "one platform per matrix job, but nothing merges the images into one index"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: |\n          ↓docker build -t ghcr.io/o/r .\n          docker push ghcr.io/o/r\n",
                caption: "`docker build` + `docker push` publishes the runner's platform only"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: linux/x86_64,linux/aarch64,linux/arm/7\n",
                caption: "names BuildKit normalizes: linux/amd64, linux/arm64 and linux/arm/v7"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: |\n            linux/amd64\n            linux/arm64\n"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  build:\n    runs-on: ${{ matrix.runner }}\n    strategy:\n      matrix:\n"
                    + "        include:\n          - { runner: ubuntu-latest, platform: linux/amd64 }\n"
                    + "          - { runner: ubuntu-24.04-arm, platform: linux/arm64 }\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          platforms: ${{ matrix.platform }}\n"
                    + "          outputs: type=image,name=ghcr.io/o/r,push-by-digest=true,push=true\n"
                    + "  merge:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: docker buildx imagetools create -t ghcr.io/o/r:latest ghcr.io/o/r@sha256:1 ghcr.io/o/r@sha256:2\n",
                caption: "matrix per platform, pushed by digest and merged with `imagetools create`"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                    + "        include:\n          - platforms: linux/amd64,linux/arm64\n    steps:\n"
                    + "      - uses: docker/setup-qemu-action@v4\n      - uses: docker/setup-buildx-action@v4\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: ${{ matrix.platforms }}\n",
                caption: "a matrix value that lists every platform: one job builds the whole index"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  amd64:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          platforms: linux/amd64\n"
                    + "          outputs: type=image,name=ghcr.io/o/r,push-by-digest=true,push=true\n"
                    + "  arm64:\n    runs-on: ubuntu-24.04-arm\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          platforms: linux/arm64\n"
                    + "          outputs: type=image,name=ghcr.io/o/r,push-by-digest=true,push=true\n"
                    + "  merge:\n    needs: [amd64, arm64]\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: docker buildx imagetools create -t ghcr.io/o/r:latest ghcr.io/o/r@sha256:1 ghcr.io/o/r@sha256:2\n",
                caption: "one job per native runner, pushed by digest and merged"),
            RuleExample(
                ".github/workflows/ci.yml",
                "on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          load: true\n",
                caption: "a build that does not push"),
            RuleExample(
                ".github/workflows/publish.yml",
                "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - uses: docker/build-push-action@v7\n        with:\n          push: true\n"
                    + "          platforms: ${{ inputs.platforms }}\n",
                caption: "platforms computed at run time cannot be judged"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        let builds = workflow.imageBuilds
        // Builds that push one platform each by digest, for `imagetools create` to merge (Docker's "distribute
        // the build across multiple runners"): the image covers what they cover together.
        let byDigest = workflow.buildFacts.filter { $0.build.pushesByDigest && $0.workflowMergesImages }
        let merged: Set<String>? = byDigest.count > 1
            ? Set(byDigest.flatMap { $0.platforms.texts ?? [] }.compactMap { BuildPlatform($0)?.normalized }) : nil
        for facts in workflow.buildFacts {
            guard facts.isBuild, let publisher = Self.publisher(of: facts, among: builds) else { continue }
            let together = facts.build.pushesByDigest && facts.workflowMergesImages ? merged : nil
            check(facts, publisher: publisher, policy: repository.policy, mergedWith: together, emitter: &emitter)
        }
    }

    /// How the build gets published: by itself, or by a later `docker push` in the job; nil when it is not.
    static func publisher(of facts: BuildFacts, among builds: [ImageBuild]) -> String? {
        if facts.mayPush { return "" }
        guard let command = facts.command, command.kind == .build(buildx: false) || command.kind == .build(buildx: true)
        else { return nil }
        let laterPush = builds.first { other in
            guard other.job.id == facts.job.id, other.step.index >= facts.step.index,
                case .commandLine(let line) = other.kind, line.kind == .push
            else { return false }
            return other.step.index > facts.step.index || line.command.range.lowerBound > command.command.range.lowerBound
        }
        guard let laterPush, case .commandLine(let line) = laterPush.kind else { return nil }
        return "'docker push' at line \(facts.file.span(line.verbRange).lowerBound.line)"
    }

    /// `mergedWith`: the platforms of every by-digest build the workflow merges into one image, when this build
    /// is one of several such.
    private func check(
        _ facts: BuildFacts, publisher: String, policy: Policy, mergedWith merged: Set<String>?,
        emitter: inout FindingEmitter
    ) {
        let required = policy.platforms.map { BuildPlatform($0)?.normalized ?? $0 }
        switch facts.platforms {
        case .unknown:
            return
        case .absent:
            if facts.job.strategy != nil, facts.workflowMergesImages { return }
            let span = facts.buildSpan
            let subject: String
            if let command = facts.command {
                let verb = command.kind == .build(buildx: true) ? "buildx build" : "build"
                subject = publisher.isEmpty
                    ? "'docker \(verb)' pushes without --platform"
                    : "'docker \(verb)' has no --platform and \(publisher) pushes the result"
            } else {
                subject = "docker/build-push-action pushes without 'platforms'"
            }
            var notes = ["add \(facts.command == nil ? "platforms:" : "--platform") \(policy.platforms.joined(separator: ","))"]
            if let typo = facts.step.with.first(where: { $0.key != "platforms" && $0.key.hasPrefix("platform") }) {
                notes.insert("'\(typo.key)' is not an input; the action ignores it (PL303)", at: 0)
            }
            emitter.emit(.absent(subject), path: facts.file.path, span: span, notes: notes)
        case .literal(let items):
            var covered: Set<String> = []
            for item in items {
                if let platform = BuildPlatform(item.text) {
                    covered.insert(platform.normalized)
                } else if let suggestion = BuildPlatform.suggestion(for: item.text) {
                    covered.insert(BuildPlatform(suggestion)?.normalized ?? suggestion)
                    emitter.emit(.malformed(item.text, suggestion: suggestion), path: facts.file.path, span: item.span)
                } else {
                    emitter.emit(.malformed(item.text, suggestion: nil), path: facts.file.path, span: item.span)
                }
            }
            let missing = required.filter { !covered.contains($0) && !(merged?.contains($0) ?? false) }
            guard !missing.isEmpty, let first = items.first else { return }
            let span = items.count == 1 || !first.isExactSpan ? first.span : first.span.lowerBound..<items.last!.span.upperBound
            emitter.emit(.short(missing), path: facts.file.path, span: span)
        case .matrix(let axis, let values, let span):
            // A value may list several platforms (`linux/amd64,linux/arm64`): that job builds them as one index.
            let perJob = values.map { value in
                Set(value.trimmedPieces(separatedBy: [UInt8(ascii: ",")]).map { BuildPlatform($0)?.normalized ?? $0 })
            }
            let covered = perJob.reduce(into: Set<String>()) { $0.formUnion($1) }
            let missing = required.filter { !covered.contains($0) }
            let oneJobBuildsAll = perJob.contains { job in required.allSatisfy(job.contains) }
            if !missing.isEmpty {
                emitter.emit(.matrixShort(axis: axis, missing: missing), path: facts.file.path, span: span)
            } else if !oneJobBuildsAll, !facts.workflowMergesImages {
                emitter.emit(
                    .notMerged(axis: axis), path: facts.file.path, span: span,
                    notes: ["push each platform by digest, then run `docker buildx imagetools create` in a job that "
                        + "`needs:` the matrix job"])
            }
        }
    }
}

extension String {
    fileprivate static func absent(_ subject: String) -> String {
        "\(subject), so only the runner's platform is published"
    }

    fileprivate static func malformed(_ text: String, suggestion: String?) -> String {
        if let suggestion { return "'\(text)' is not a platform BuildKit builds; write '\(suggestion)'" }
        return "'\(text)' is not a platform BuildKit builds (os/arch[/variant])"
    }

    fileprivate static func short(_ missing: [String]) -> String {
        "the platforms lack '\(missing.joined(separator: "', '"))', which the policy requires"
    }

    fileprivate static func matrixShort(axis: String, missing: [String]) -> String {
        "the matrix axis '\(axis)' lacks '\(missing.joined(separator: "', '"))', which the policy requires"
    }

    fileprivate static func notMerged(axis: String) -> String {
        "each matrix job pushes one platform of '\(axis)', but no step merges them with "
            + "'docker buildx imagetools create'"
    }
}
