import DockerfileSyntax
import PlimsollCore

/// Which stages a build of the Dockerfile runs, and on which platform each runs, per target architecture, as
/// BuildKit decides them.
///
/// BuildKit builds only the stages its target needs (dockerfile2llb, `isReachable`): the target's `FROM <stage>`
/// chain and every stage that a `COPY --from`, `ADD --from` or `RUN --mount=…,from=` of a needed stage names.
/// Names are expanded first: a `FROM` line with the global ARGs and the automatic platform ARGs of the target
/// (`FROM base-${TARGETARCH}`, `ARG FLAVOR=${TARGETARCH}` then `FROM ${FLAVOR}`), an instruction's `--from` with
/// the ARGs of its stage. A stage built `FROM` another stage runs on that stage's platform
/// (`d.platform = d.base.platform`), a stage with `--platform` on that platform, any other on the target's.
///
/// The graph is read for the default target (the last stage) and the two architectures the standard builds.
public struct DockerfileStageGraph: Sendable {
    /// The machine a stage's RUN instructions run on, for one target.
    enum RunPlatform: Hashable, Sendable {
        /// A known architecture, canonical (`amd64`, `arm64`) where `DockerfileArch.architectureTokens` knows it.
        case arch(String)
        /// `--platform=$BUILDPLATFORM` (or another BUILD* form): the builder's machine, whatever the target.
        case build
        /// A value Plimsoll cannot evaluate (an ARG without a default, a build argument).
        case unknown
    }

    /// The target architectures whose builds are followed.
    static let targetArches = ["amd64", "arm64"]

    /// For each stage (by index), the target architectures for which building the default target runs it.
    /// Empty when the default target never needs the stage: it is built with another `--target`, or never.
    public let reachingArches: [Set<String>]
    /// For each stage (by index), the platform it runs on for each target architecture.
    let runPlatforms: [[String: RunPlatform]]
    /// For each stage (by index), the `--platform` it runs with as written: its own, else the one of the
    /// nearest stage of its lineage that has one.
    let effectivePlatforms: [String?]
    /// Stages that only hold files (`isFileOnly(_:)`).
    let fileOnlyStages: Set<Int>

    init(dockerfile: Dockerfile) {
        let stages = dockerfile.stages
        guard !stages.isEmpty else {
            reachingArches = []
            runPlatforms = []
            effectivePlatforms = []
            fileOnlyStages = []
            return
        }
        // A stage's base is always an earlier stage, so one pass in order sees every base first, and one pass
        // in reverse every stage built on it.
        var inherited = [String?](repeating: nil, count: stages.count)
        var rootIsScratch = [Bool](repeating: false, count: stages.count)
        var lineageRuns = [Bool](repeating: false, count: stages.count)
        var descendantsRun = [Bool](repeating: false, count: stages.count)
        for stage in stages {
            let runs = stage.instructionIndices.contains { dockerfile.instructions[$0].kind == .run }
            descendantsRun[stage.index] = runs
            if let base = stage.baseStageIndex, base < stage.index {
                inherited[stage.index] = stage.platform.flatMap { $0.isEmpty ? nil : $0 } ?? inherited[base]
                rootIsScratch[stage.index] = rootIsScratch[base]
                lineageRuns[stage.index] = runs || lineageRuns[base]
            } else {
                inherited[stage.index] = stage.platform.flatMap { $0.isEmpty ? nil : $0 }
                rootIsScratch[stage.index] = stage.baseImage.lowercased() == "scratch"
                lineageRuns[stage.index] = runs
            }
        }
        for stage in stages.reversed() {
            if let base = stage.baseStageIndex, base < stage.index, descendantsRun[stage.index] {
                descendantsRun[base] = true
            }
        }
        effectivePlatforms = inherited
        fileOnlyStages = Set(stages.indices.filter { rootIsScratch[$0] && !lineageRuns[$0] && !descendantsRun[$0] })

        // Stage names, lowercased, to their first stage (BuildKit compares them case-insensitively; a second
        // stage of a name is a parse error).
        var names: [String: Int] = [:]
        for stage in stages {
            if let name = stage.name?.lowercased(), names[name] == nil { names[name] = stage.index }
        }
        var reaching = [Set<String>](repeating: [], count: stages.count)
        var platforms = [[String: RunPlatform]](repeating: [:], count: stages.count)
        for arch in Self.targetArches {
            let global = Self.globalEnvironment(of: dockerfile, arch: arch)
            var edges = [[Int]](repeating: [], count: stages.count)
            var bases = [Int?](repeating: nil, count: stages.count)
            var environments = [[String: String]](repeating: [:], count: stages.count)
            for stage in stages {
                let baseMatches = Self.stages(
                    named: stage.baseImage, before: stage.index, environment: global, names: names, in: dockerfile)
                if baseMatches.count == 1 { bases[stage.index] = baseMatches[0] }
                edges[stage.index] += baseMatches
                // The stage's ARGs, with those of the stage it is built on (Dockerfile reference, "Scope": a
                // stage based on another inherits its arguments); a bare `ARG NAME` takes the global value.
                var local = stage.baseStageIndex.flatMap { $0 < stage.index ? environments[$0] : nil } ?? [:]
                for entry in stage.args {
                    let declaration = entry.declaration
                    if let raw = declaration.defaultValue {
                        local[declaration.name] = try? ShellExpansion.expand(
                            raw, environment: local, escape: dockerfile.escapeCharacter, keepUnset: true)
                    } else if let value = global[declaration.name] {
                        local[declaration.name] = value
                    }
                }
                environments[stage.index] = local
                for index in stage.instructionIndices {
                    for name in Self.sourceStageNames(of: dockerfile.instructions[index]) {
                        edges[stage.index] += Self.stages(
                            named: name, before: stage.index, environment: local, names: names, in: dockerfile)
                    }
                }
                platforms[stage.index][arch] = Self.runPlatform(
                    of: stage, base: bases[stage.index].map { platforms[$0][arch] ?? .unknown }, arch: arch,
                    environment: global, in: dockerfile)
            }
            var pending = [stages.count - 1]
            var seen: Set<Int> = []
            while let index = pending.popLast() {
                guard seen.insert(index).inserted else { continue }
                reaching[index].insert(arch)
                pending += edges[index]
            }
        }
        reachingArches = reaching
        runPlatforms = platforms
    }

    /// The one architecture every run of the stage uses: for each target architecture whose default build
    /// needs it (all of them when none does), the stage runs on that same known machine. Nil when runs differ,
    /// or one runs on the builder or on a platform Plimsoll cannot evaluate.
    public func onlyArch(of stage: Int) -> String? {
        guard stage < runPlatforms.count else { return nil }
        let arches = reachingArches[stage].isEmpty ? Set(Self.targetArches) : reachingArches[stage]
        var only: String?
        for arch in arches.sorted() {
            guard case .arch(let machine)? = runPlatforms[stage][arch] else { return nil }
            if let only, only != machine { return nil }
            only = machine
        }
        return only
    }

    /// True when the default target needs the stage and itself runs on the build machine
    /// (`--platform=$BUILDPLATFORM`, its own or inherited), for every target: what the build outputs is then
    /// the builder's (a lint or test run), and a build-machine binary in it is what it should be.
    public func neededOnlyByBuilderTarget(_ stage: Int) -> Bool {
        guard stage < reachingArches.count, !reachingArches[stage].isEmpty, let last = runPlatforms.last else {
            return false
        }
        return Self.targetArches.allSatisfy { last[$0] == .build }
    }

    /// The automatic platform ARGs of a target (Dockerfile reference, "Automatic platform ARGs in the global
    /// scope"; `linux/amd64` and `linux/arm64` have no variant), then the global ARGs with their defaults.
    /// BUILD* values depend on the builder and stay unset.
    static func globalEnvironment(of dockerfile: Dockerfile, arch: String) -> [String: String] {
        var environment = [
            "TARGETPLATFORM": "linux/\(arch)", "TARGETOS": "linux", "TARGETARCH": arch, "TARGETVARIANT": "",
        ]
        for declaration in dockerfile.globalArgs {
            guard let raw = declaration.defaultValue else { continue }
            if let value = try? ShellExpansion.expand(
                raw, environment: environment, escape: dockerfile.escapeCharacter, keepUnset: true) {
                environment[declaration.name] = value
            }
        }
        return environment
    }

    /// The stage, then the stage it is built `FROM`, and so on up to one built on an image. A stage inherits the
    /// ARGs, ENV and platform of that chain (Dockerfile reference, "Scope"; dockerfile2llb
    /// `d.platform = d.base.platform`).
    public static func lineage(of stage: Stage, in dockerfile: Dockerfile) -> [Stage] {
        var chain: [Stage] = []
        var current: Stage? = stage
        while let each = current, !chain.contains(where: { $0.index == each.index }) {
            chain.append(each)
            current = each.baseStageIndex.flatMap { dockerfile.stages.indices.contains($0) ? dockerfile.stages[$0] : nil }
        }
        return chain
    }

    /// The `--platform` a stage runs with as written (`effectivePlatforms`).
    public func effectivePlatform(of stage: Int) -> String? {
        stage < effectivePlatforms.count ? effectivePlatforms[stage] : nil
    }

    /// True when a stage only holds files: it and the stages it is built on start from `scratch` and run no
    /// `RUN`, and no stage built `FROM` it runs one. Its platform then only labels the files it collects;
    /// nothing in it executes on that platform.
    public func isFileOnly(_ stage: Int) -> Bool { fileOnlyStages.contains(stage) }

    /// Stage names an instruction reads from: `COPY/ADD --from=`, and `from=` of each `RUN --mount`.
    static func sourceStageNames(of instruction: Instruction) -> [String] {
        guard !instruction.flags.isEmpty else { return [] }
        switch instruction.kind {
        case .copy, .add:
            return instruction.flag("from")?.value.map { [$0] } ?? []
        case .run:
            return instruction.flags(named: "mount").compactMap { flag in
                flag.value?.split(separator: ",").lazy.compactMap { field -> String? in
                    let parts = field.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "from" else { return nil }
                    return String(parts[1])
                }.first
            }
        default:
            return []
        }
    }

    /// The earlier stages a name refers to once expanded: one stage, or, while a variable is left that Plimsoll
    /// cannot evaluate, every stage whose name fits the text around it. A number is a stage index (BuildKit
    /// accepts `--from=0`).
    static func stages(
        named raw: String, before limit: Int, environment: [String: String], names: [String: Int], in dockerfile: Dockerfile
    ) -> [Int] {
        guard !raw.isEmpty else { return [] }
        // Only a `$` makes expansion change anything.
        let expanded = !raw.containsByte(UInt8(ascii: "$")) ? raw : (try? ShellExpansion.expand(
            raw, environment: environment, escape: dockerfile.escapeCharacter, keepUnset: true)) ?? raw
        let candidates = dockerfile.stages[..<min(limit, dockerfile.stages.count)]
        if let number = Int(expanded), candidates.indices.contains(number) { return [number] }
        let name = expanded.lowercased()
        guard name.containsByte(UInt8(ascii: "$")) else {
            return names[name].flatMap { $0 < limit ? [$0] : nil } ?? []
        }
        let references = ShellExpansion.references(in: name, escape: dockerfile.escapeCharacter)
        guard let first = references.first, let last = references.last else { return [] }
        let utf8 = Array(name.utf8)
        let prefix = String(decoding: utf8[..<first.byteRange.lowerBound], as: UTF8.self)
        let suffix = String(decoding: utf8[last.byteRange.upperBound...], as: UTF8.self)
        // `FROM ${BASE_IMAGE}`: nothing around the variable says it names a stage at all.
        guard !prefix.isEmpty || !suffix.isEmpty else { return [] }
        return candidates.compactMap { stage in
            guard let stageName = stage.name?.lowercased(), stageName.count > prefix.count + suffix.count,
                  stageName.hasPrefix(prefix), stageName.hasSuffix(suffix) else { return nil }
            return stage.index
        }
    }

    /// Where a stage runs for one target: its own `--platform`, else the platform of the stage it is built on,
    /// else the target's.
    static func runPlatform(
        of stage: Stage, base: RunPlatform?, arch: String, environment: [String: String], in dockerfile: Dockerfile
    ) -> RunPlatform {
        guard let raw = stage.platform, !raw.isEmpty else { return base ?? .arch(arch) }
        guard let value = try? ShellExpansion.expand(
            raw, environment: environment, escape: dockerfile.escapeCharacter, keepUnset: true) else { return .unknown }
        if value.containsByte(UInt8(ascii: "$")) {
            let names = ShellExpansion.references(in: value, escape: dockerfile.escapeCharacter).map(\.name)
            return names.contains { $0.hasPrefix("BUILD") } ? .build : .unknown
        }
        guard let machine = platformArch(value) else { return .unknown }
        return .arch(machine)
    }

    /// The architecture of an `os/arch[/variant]` platform, canonical where `architectureTokens` knows it.
    public static func platformArch(_ platform: String) -> String? {
        let parts = platform.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[1].isEmpty else { return nil }
        let arch = String(parts[1])
        return DockerfileArch.architectureTokens[arch] ?? arch
    }
}
