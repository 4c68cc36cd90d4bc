import PlimsollCore
import ShellSyntax
import WorkflowModel

/// `docker buildx imagetools create` makes the image people pull from images pushed before: by digest, one
/// platform per runner (Docker docs, "Multi-platform image with GitHub Actions", "Distribute build across
/// multiple runners"), or by a tag of their own (`<sha>-amd64`). Those builds are the merge's members: they are
/// not publications of their own (their tags are the merge's inputs), and the merged image carries their labels.
///
/// A build is a member of a merge when the merge runs in a later job of the same workflow (one that needs the
/// build's job, directly or not) and one of its sources names what the build pushed: the build's `outputs:` name
/// for a digest source (`name@sha256:…`, `name@${{ needs.x.outputs.digest }}`), or one of the build's tags.
/// `${{ matrix.* }}` stands for any value on either side, as the matrix expands it.
enum ImageMerge {
    /// Sets `members` on each merge and `isMergeMember` on each build that is one.
    static func link(_ builds: inout [ImageBuild], in workflow: Workflow) {
        let merges = builds.indices.filter { index in
            if case .commandLine(let command) = builds[index].kind { command.kind == .imagetoolsCreate } else { false }
        }
        guard !merges.isEmpty else { return }
        for merge in merges {
            guard case .commandLine(let command) = builds[merge].kind else { continue }
            let sources = command.arguments.compactMap { reference(in: $0.value) }
            guard !sources.isEmpty else { continue }
            defer {
                // Sources written out (tags or digests) that no build here pushed: an image that already exists
                // gets another tag. Sources a command substitution lists are not known, so not a promotion.
                if builds[merge].members.isEmpty, !command.arguments.contains(where: { $0.value.hasPrefix("$(") }) {
                    builds[merge].isPromotion = true
                }
            }
            let upstream = jobsBefore(builds[merge].job, in: workflow)
            for index in builds.indices where index != merge && builds[index].push.mayPush {
                let build = builds[index]
                guard upstream.contains(build.job.id) || (build.job.id == builds[merge].job.id && index < merge),
                    !isMerge(build)
                else { continue }
                let pushed = pushedReferences(of: build, file: workflow.file)
                let matches = sources.contains { source in
                    pushed.contains { Self.matches(source, $0, digestSource: source.contains("@")) }
                }
                guard matches else { continue }
                builds[merge].members.append(index)
                builds[index].isMergeMember = true
            }
        }
    }

    private static func isMerge(_ build: ImageBuild) -> Bool {
        if case .commandLine(let command) = build.kind { command.kind == .imagetoolsCreate } else { false }
    }

    /// The image reference inside a source word: `name@sha256:…` may be built by `printf` in a command
    /// substitution (`$(printf 'ghcr.io/o/r@sha256:%s ' *)`).
    private static func reference(in word: String) -> String? {
        // Written canonically first, so the spaces inside `${{ env.IMAGE }}` do not end the reference.
        var text = Substring(canonical(word))
        if text.hasPrefix("$(") {
            guard let at = text.firstIndex(of: "@") else { return nil }
            let start = text[..<at].lastIndex(where: { $0 == "'" || $0 == "\"" || $0 == " " }).map(text.index(after:))
                ?? text.startIndex
            text = text[start...].prefix { $0 != "'" && $0 != "\"" && $0 != " " }
        }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty || trimmed.hasPrefix("-") ? nil : canonical(trimmed)
    }

    /// What a build pushed, as a merge would name it: its `outputs:` names and its tags.
    private static func pushedReferences(of build: ImageBuild, file: SourceFile) -> [String] {
        var references: [String] = []
        switch build.kind {
        case .buildPushAction:
            if let outputs = build.step.input("outputs")?.string {
                for field in outputs.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
                    var text = field.trimmingWhitespace()
                    if text.hasPrefix("\"") { text = String(text.dropFirst()) }
                    if text.hasSuffix("\"") { text = String(text.dropLast()) }
                    if text.hasPrefix("name=") { references.append(canonical(String(text.dropFirst(5)))) }
                }
            }
            if let tags = build.step.input("tags") {
                references += ValueList.items(tags, file: file).map { canonical($0.text) }
            }
        case .commandLine(let command):
            references += command.options("--tag").compactMap(\.text).map(canonical)
            if command.kind == .push { references += command.arguments.prefix(1).map { canonical($0.value) } }
        }
        return references
    }

    /// The jobs `job` needs, directly or not.
    private static func jobsBefore(_ job: Job, in workflow: Workflow) -> Set<String> {
        var seen: Set<String> = []
        var pending = job.needs.map(\.value)
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let needed = workflow.job(next) else { continue }
            pending += needed.needs.map(\.value)
        }
        return seen
    }

    /// `${{ x }}` written one way (`${{x}}`, `${{ x }}`), and every `${{ matrix.* }}` as `*`; lowercased.
    static func canonical(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let inner = rest[open.upperBound..<close.lowerBound].filter { $0 != " " }
            result += inner.lowercased().hasPrefix("matrix.") ? "*" : "${{\(inner)}}"
            rest = rest[close.upperBound...]
        }
        return (result + rest).lowercased()
    }

    /// Whether a merge source names a pushed reference. A digest source names a repository: it matches a pushed
    /// name or tag of that repository. A tag source must match a pushed tag whole. `*` (a matrix value) in
    /// either matches any text.
    static func matches(_ source: String, _ pushed: String, digestSource: Bool) -> Bool {
        if digestSource {
            let name = source.split(separator: "@", maxSplits: 1).first.map(String.init) ?? source
            let pushedName = String(pushed.split(separator: "@", maxSplits: 1).first ?? "")
            return globEqual(name, repository(of: pushedName))
        }
        return globEqual(source, pushed)
    }

    /// The repository part of a reference: before a `:` that follows the last `/` (outside `${{ }}`).
    private static func repository(of reference: String) -> String {
        var depth = 0
        var lastColon: String.Index?
        var index = reference.startIndex
        while index < reference.endIndex {
            if reference[index...].hasPrefix("${{") { depth += 1 } else if reference[index...].hasPrefix("}}") { depth = max(0, depth - 1) }
            if depth == 0 {
                if reference[index] == "/" { lastColon = nil } else if reference[index] == ":" { lastColon = index }
            }
            index = reference.index(after: index)
        }
        return lastColon.map { String(reference[..<$0]) } ?? reference
    }

    /// Equality where `*` on either side matches any run of characters.
    static func globEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        // Past real references' lengths, only plain equality (the table would be their product).
        guard x.count <= 1024, y.count <= 1024 else { return a == b }
        // reach[i][j]: x[..<i] and y[..<j] can be matched.
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: y.count + 1), count: x.count + 1)
        reach[0][0] = true
        for i in 0...x.count {
            for j in 0...y.count {
                guard reach[i][j] else { continue }
                if i < x.count, x[i] == "*" {
                    reach[i + 1][j] = true
                    if j < y.count { reach[i][j + 1] = true }
                }
                if j < y.count, y[j] == "*" {
                    reach[i][j + 1] = true
                    if i < x.count { reach[i + 1][j] = true }
                }
                if i < x.count, j < y.count, x[i] == y[j] { reach[i + 1][j + 1] = true }
            }
        }
        return reach[x.count][y.count]
    }
}
