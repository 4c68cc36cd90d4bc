import PlimsollCore
import RepositoryModel
import ShellSyntax
import WorkflowModel
import YAMLSyntax

/// PL101's unsafe fix: moves a repository's image build from one layout to the other (`src/docker` → root, or
/// back), keeping what every build builds. It moves the Dockerfile with its per-architecture siblings
/// (`Dockerfile.aarch64`, which belong next to it), the `<Dockerfile>.dockerignore` BuildKit reads next to each,
/// and the local build script (`src/docker/docker-build.sh` ↔ `docker-build.sh`), and
/// rewrites each reference so that every build reads the moved file from the same context:
/// - build-push-action's `file:` (added where the build read `{context}/Dockerfile`), written as the build
///   reads it (`DockerfilePathRule.layoutFileEdit`);
/// - `docker build -f` in workflow steps, scripts, the Makefile and the Pipfile or package.json `container`
///   script, from the folder the command runs in (`-f` added where the build read `<context>/Dockerfile`);
/// - the moved script's own folder (`$(dirname "$0")`): the path after it is rewritten so it still leads where
///   it led;
/// - the old paths written whole anywhere else in those files (a trigger's `paths:`, a linter's input).
///
/// No fix is offered when any of it cannot be done exactly: a build whose Dockerfile or working folder is an
/// expression, a `cd` that cannot be followed, a script that finds its folder another way, a Compose file that
/// builds from the moved Dockerfile's folder, or something already at a new path.
enum LayoutMigration {
    static func fix(to layout: Layout, in repository: Repository) -> Fix? {
        guard let other = Layout.allCases.first(where: { $0 != layout }) else { return nil }
        let dockerfile = FileMove(from: other.dockerfilePath, to: layout.dockerfilePath)
        guard repository.entry(at: dockerfile.from) != nil else { return nil }
        let oldFolder = RepositoryPath.folder(of: dockerfile.from)
        let newFolder = RepositoryPath.folder(of: dockerfile.to)
        func moved(_ path: String) -> FileMove {
            FileMove(from: path, to: RepositoryPath.join(newFolder, PerArchDockerfiles.split(path).name))
        }
        // The Dockerfile and its per-architecture siblings, which are one build split by architecture.
        let name = PerArchDockerfiles.split(dockerfile.from).name
        let siblings = repository.perArchDockerfiles.keys.filter { path in
            let (folder, file) = PerArchDockerfiles.split(path)
            return path != dockerfile.from && folder == oldFolder && file.hasPrefix(name + ".")
        }
        let dockerfiles = [dockerfile] + siblings.sorted().map(moved)
        var moves = dockerfiles
        // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile in place of the context's.
        for file in dockerfiles {
            if repository.entry(at: file.from + ".dockerignore") != nil {
                moves.append(FileMove(from: file.from + ".dockerignore", to: file.to + ".dockerignore"))
            } else if repository.entry(at: file.to + ".dockerignore") != nil {
                // One waiting at the new path would start applying to the moved file.
                return nil
            }
        }
        guard moves.allSatisfy({ repository.entry(at: $0.to) == nil }) else { return nil }
        var edits: [FileEdit] = []
        let script = FileMove(from: other.buildScriptPath, to: layout.buildScriptPath)
        if repository.entry(at: script.from) != nil {
            guard repository.entry(at: script.to) == nil, let file = repository.script(at: script.from),
                let relocation = ScriptFolderEdit.edits(moving: file, to: RepositoryPath.folder(of: script.to))
            else { return nil }
            edits += relocation
            moves.append(script)
        }
        guard !composeBuilds(from: oldFolder, in: repository), repository.unreadBuilds.isEmpty else { return nil }

        // Every build that reads one of the Dockerfiles.
        for workflow in repository.workflows {
            for build in workflow.imageBuilds {
                guard let read = build.dockerfilePath else {
                    // A path from the workflow's own values is rewritten with them below; any other may be a
                    // moved file.
                    if case .buildPushAction = build.kind, !readsOwnValues(build) { return nil }
                    continue
                }
                guard let dockerfile = dockerfiles.first(where: { $0.from == read }) else { continue }
                switch build.kind {
                case .buildPushAction:
                    guard let edit = fileInputEdit(build, to: dockerfile.to, in: workflow.source) else { return nil }
                    edits.append(edit)
                case .commandLine(let command):
                    guard DockerfilePathRule.isBuild(command) else { continue }
                    let directory = build.step.workingDirectory?.value ?? ""
                    guard !directory.contains("$"), let folder = RepositoryPath.normalize(directory) else { return nil }
                    switch CommandLineEdit.edit(command, folder: folder, moves: dockerfiles, in: workflow.source) {
                    case .edit(let edit): edits.append(edit)
                    case .cannot: return nil
                    case .none: break
                    }
                }
            }
        }
        var commandFiles: [(file: SourceFile, commands: [DockerCommand], folder: (Int) -> String?)] = []
        for file in repository.scripts {
            commandFiles.append((file.source, file.dockerCommands, { file.workingFolder(at: $0) }))
        }
        for file in repository.localBuildFiles where !file.source.path.hasSuffix(".sh") {
            // Make and npm run from the file's folder (the root); Pipenv from the Pipfile's.
            commandFiles.append((file.source, file.dockerCommands, { _ in "" }))
        }
        for (file, commands, folder) in commandFiles {
            for command in commands where DockerfilePathRule.isBuild(command) {
                guard let folder = folder(command.command.range.lowerBound) else {
                    // After a `cd` that cannot be followed, a build might read the Dockerfile.
                    return nil
                }
                switch CommandLineEdit.edit(command, folder: folder, moves: dockerfiles, in: file) {
                case .edit(let edit): edits.append(edit)
                case .cannot: return nil
                case .none: break
                }
            }
        }

        // The old paths written whole anywhere else in the files Plimsoll reads.
        var texts: [(file: SourceFile, kind: PathMention.Reading)] = repository.workflows.map { ($0.source, .yaml($0.workflow?.root)) }
        texts += repository.actions.map { ($0.source, .yaml($0.action?.root)) }
        texts += repository.scripts.map { ($0.source, .shell) }
        texts += repository.buildFiles.values.sorted { $0.path < $1.path }.map { ($0, .text) }
        var seen = Set<String>()
        for (file, reading) in texts where seen.insert(file.path).inserted {
            for move in moves {
                for range in PathMention.ranges(of: move.from, in: file, reading: reading)
                where !edits.contains(where: { $0.path == file.path && $0.range.overlaps(range) }) {
                    edits.append(FileEdit(path: file.path, range: range, replacement: move.to))
                }
            }
        }

        let moved = moves.map { "'\($0.from)' → '\($0.to)'" }.joined(separator: ", ")
        let references = Set(edits.map(\.path)).count
        let also = references == 0 ? "" : "; update the references in \(references) file\(references == 1 ? "" : "s")"
        return Fix(
            title: "move to the '\(layout.rawValue)' layout: \(moved)\(also)", safety: .unsafe, edits: edits, moves: moves)
    }

    /// The edit that makes a build-push-action read `path` instead of the Dockerfile it reads now: its `file:`
    /// rewritten, or added where it read `{context}/Dockerfile`, as the build resolves it (inside a Git context
    /// relative to the context; otherwise from the workspace, through the folder the context is checked out in).
    private static func fileInputEdit(_ build: ImageBuild, to path: String, in file: SourceFile) -> FileEdit? {
        if let entry = build.input("file"), entry.value.string?.trimmingWhitespace().isEmpty == false {
            return DockerfilePathRule.layoutFileEdit(entry, build: build, layout: path, in: file)
        }
        guard let context = build.contextPath else { return nil }
        let written: String
        if build.isGitContext {
            guard let inContext = build.gitContextFile(reading: path) else { return nil }
            written = inContext
        } else {
            // The context as written is the checkout's folder, then the repository path it resolved to.
            guard let text = build.input("context")?.value.string?.trimmingWhitespace(),
                let workspace = RepositoryPath.normalize(RepositoryPath.withoutWorkspace(text))
            else { return nil }
            let checkout: String
            if workspace == context {
                checkout = ""
            } else if context.isEmpty {
                checkout = workspace + "/"
            } else if workspace.hasSuffix("/" + context) {
                checkout = String(workspace.dropLast(context.count))
            } else {
                return nil
            }
            written = checkout + path
        }
        return StepInputEdit.addingEntry("file", lines: [written], to: build.step, in: file)
    }

    /// True when every expression in the build's `context:` and `file:` reads a matrix or `env` value, which the
    /// workflow itself writes (and the fix rewrites where it names a moved file).
    private static func readsOwnValues(_ build: ImageBuild) -> Bool {
        ["context", "file"].allSatisfy { input in
            guard let text = build.input(input)?.value.string else { return true }
            return text.expressionBodies.allSatisfy { body in
                let trimmed = body.trimmingWhitespace()
                return trimmed.hasPrefix("matrix.") || trimmed.hasPrefix("env.")
            }
        }
    }

    /// True when a Compose file builds from `folder` (`build: <folder>` or `context: <folder>`, from the Compose
    /// file's own folder): Compose reads `<context>/Dockerfile` unless told otherwise, and this fix does not
    /// rewrite Compose files.
    private static func composeBuilds(from folder: String, in repository: Repository) -> Bool {
        for file in repository.buildFiles.values where FileKind.isComposeFile(PerArchDockerfiles.split(file.path).name) {
            let base = RepositoryPath.folder(of: file.path)
            for line in file.text.split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingWhitespace()
                for key in ["build:", "context:"] where trimmed.hasPrefix(key) {
                    var value = trimmed.dropFirst(key.count).trimmingWhitespace()
                    if let comment = value.firstRange(of: " #") { value = String(value[..<comment.lowerBound]).trimmingWhitespace() }
                    if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                        value = String(value.dropFirst().dropLast())
                    }
                    guard !value.isEmpty else { continue }
                    if RepositoryPath.normalize(RepositoryPath.join(base, value)) == folder { return true }
                }
            }
        }
        return false
    }
}

/// The edit of one `docker build` command line for a Dockerfile that moves.
enum CommandLineEdit {
    enum Outcome {
        /// The command does not read the file.
        case none
        case edit(FileEdit)
        /// It may read it, but cannot be rewritten exactly.
        case cannot
    }

    /// For a build that runs in the repository folder `folder` and reads one of the files that move: its `-f`
    /// rewritten to the file's new path from that folder (a leading `./` kept), or `-f <path>` added after
    /// `build` where it read `<context>/Dockerfile`.
    static func edit(_ command: DockerCommand, folder: String, moves: [FileMove], in file: SourceFile) -> Outcome {
        let bytes = file.bytes
        if let option = command.options("--file").first {
            guard let text = option.text else { return .cannot }
            let word = option.value ?? option.word
            // Standard input is no file; a variable or an absolute path might be a moved one.
            if text == "-" { return .none }
            if word.hasExpansion || text.hasPrefix("/") { return .cannot }
            let read = RepositoryPath.normalize(RepositoryPath.join(folder, text))
            guard let move = moves.first(where: { $0.from == read }) else { return .none }
            let target = RepositoryPath.relative(from: folder, to: move.to)
            // The path's own bytes: the whole word, inside its quotes, or after `--file=`.
            var range = word.range
            guard range.upperBound <= bytes.count else { return .cannot }
            if option.value == nil, let equals = bytes[range].firstIndex(of: UInt8(ascii: "=")) {
                range = (equals + 1)..<range.upperBound
            }
            if range.count >= 2, let first = bytes[range].first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
                bytes[range.upperBound - 1] == first
            {
                range = (range.lowerBound + 1)..<(range.upperBound - 1)
            }
            guard bytes[range].elementsEqual(text.utf8) else { return .cannot }
            let dot = text.hasPrefix("./") && !target.hasPrefix("..") ? "./" : ""
            return .edit(FileEdit(path: file.path, range: range, replacement: dot + target))
        }
        guard let context = command.arguments.last else { return .none }
        // A remote context reads its own Dockerfile; a variable or an absolute path might be a moved file's folder.
        if context.value == "-" || context.value.containsText("://") || context.value.hasPrefix("git@") { return .none }
        if context.hasExpansion || context.value.hasPrefix("/") { return .cannot }
        guard let contextPath = RepositoryPath.normalize(RepositoryPath.join(folder, context.value)),
            let move = moves.first(where: { $0.from == RepositoryPath.normalize(RepositoryPath.join(contextPath, "Dockerfile")) })
        else { return .none }
        let end = command.verbRange.upperBound
        guard end <= bytes.count else { return .cannot }
        return .edit(FileEdit(path: file.path, range: end..<end, replacement: " -f " + RepositoryPath.relative(from: folder, to: move.to)))
    }
}

/// A moved script's references to its own folder, rewritten so they still lead where they led:
/// `$(dirname "$0")` (or `${BASH_SOURCE[0]}`, or in backquotes) and the path written right after it.
enum ScriptFolderEdit {
    /// The edits, or nil when the script finds its folder in a way this does not rewrite (`readlink -f "$0"`,
    /// `${0%/*}`), so moving it could change what it does.
    static func edits(moving script: ScriptFile, to newFolder: String) -> [FileEdit]? {
        let bytes = script.source.bytes
        let oldFolder = RepositoryPath.folder(of: script.path)
        var edits: [FileEdit] = []
        var handled: [Range<Int>] = []
        for start in bytes.byteRanges(of: "dirname").map(\.lowerBound) {
            // `$(dirname ARG)` or `` `dirname ARG` ``, ARG naming the script.
            var open = start
            while open > 0, bytes[open - 1] == UInt8(ascii: " ") { open -= 1 }
            let closer: UInt8
            if open >= 2, bytes[open - 2] == UInt8(ascii: "$"), bytes[open - 1] == UInt8(ascii: "(") {
                closer = UInt8(ascii: ")")
            } else if open >= 1, bytes[open - 1] == UInt8(ascii: "`") {
                closer = UInt8(ascii: "`")
            } else {
                return nil
            }
            guard let close = bytes[(start + 7)...].firstIndex(where: { $0 == closer || $0 == UInt8(ascii: "\n") }),
                bytes[close] == closer
            else { return nil }
            var argument = String(decoding: bytes[(start + 7)..<close], as: UTF8.self).trimmingWhitespace()
            if argument.hasPrefix("-- ") { argument = String(argument.dropFirst(3)).trimmingWhitespace() }
            guard selfReferences.contains(argument) else { return nil }
            // The path written after it (`/../..`), up to a quote, a space or an operator.
            var end = close + 1
            while end < bytes.count, !pathEnd.contains(bytes[end]) { end += 1 }
            let written = String(decoding: bytes[(close + 1)..<end], as: UTF8.self)
            guard written.isEmpty || written.hasPrefix("/"),
                let destination = RepositoryPath.normalize(RepositoryPath.join(oldFolder, String(written.dropFirst())))
            else { return nil }
            let relative = RepositoryPath.relative(from: newFolder, to: destination)
            let replacement = relative.isEmpty ? "" : "/" + relative
            if replacement != written {
                edits.append(FileEdit(path: script.path, range: (close + 1)..<end, replacement: replacement))
            }
            handled.append(start..<end)
        }
        // Any other way of naming the script's own path.
        for needle in ["BASH_SOURCE", "${0%", "${0#", "realpath", "readlink"] {
            for range in bytes.byteRanges(of: needle) where !handled.contains(where: { $0.overlaps(range) }) {
                return nil
            }
        }
        return edits
    }

    private static let selfReferences: Set<String> = [
        "$0", "\"$0\"", "${0}", "\"${0}\"", "${BASH_SOURCE[0]}", "\"${BASH_SOURCE[0]}\"", "$BASH_SOURCE",
        "\"$BASH_SOURCE\"", "${BASH_SOURCE}", "\"${BASH_SOURCE}\"",
    ]

    private static let pathEnd: Set<UInt8> = Set("\"' \t\n;&|)`".utf8)
}

/// Where a repository path is written whole in a file. A path with a folder (`src/docker/Dockerfile`) is
/// found anywhere it is not part of a longer path or name (`x/src/docker/…`, `Dockerfile.dev`); a bare name
/// (`Dockerfile`) is a word of prose as often as a path, so it counts only as a whole YAML value or a whole word
/// of a shell script. A leading `./` is allowed and kept.
enum PathMention {
    /// How a file is read for bare names.
    enum Reading {
        case yaml(YAMLNode?)
        case shell
        /// Bare names are not looked for.
        case text
    }

    static func ranges(of path: String, in file: SourceFile, reading: Reading) -> [Range<Int>] {
        guard !path.contains("/") else { return ranges(of: path, in: file.bytes) }
        var candidates: [(value: String, range: Range<Int>, quoted: Bool)] = []
        switch reading {
        case .yaml(let root):
            var stack = root.map { [$0] } ?? []
            while let node = stack.popLast() {
                switch node.kind {
                case .scalar(let scalar):
                    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                    guard scalar.style == .plain || quoted else { continue }
                    candidates.append((scalar.value, node.span.lowerBound.offset..<node.span.upperBound.offset, quoted))
                case .sequence(let items): stack += items
                case .mapping(let pairs): stack += pairs.map(\.value)
                }
            }
        case .shell:
            for command in ShellSplitter.commands(in: file.bytes, range: nil) {
                for word in command.words where !word.hasExpansion {
                    candidates.append((word.value, word.range, word.isQuoted))
                }
            }
        case .text:
            return []
        }
        return candidates.compactMap { candidate in
            guard candidate.value == path || candidate.value == "./" + path else { return nil }
            var range = candidate.range
            if candidate.quoted, range.count >= 2 { range = (range.lowerBound + 1)..<(range.upperBound - 1) }
            guard range.upperBound <= file.bytes.count, file.bytes[range].elementsEqual(candidate.value.utf8) else { return nil }
            return (range.upperBound - path.utf8.count)..<range.upperBound
        }.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The whole-path occurrences of a path with a folder.
    private static func ranges(of path: String, in bytes: [UInt8]) -> [Range<Int>] {
        bytes.byteRanges(of: path).filter { range in
            if range.lowerBound > 0 {
                let before = bytes[range.lowerBound - 1]
                let dotSlash = before == UInt8(ascii: "/") && range.lowerBound >= 2 && bytes[range.lowerBound - 2] == UInt8(ascii: ".")
                    && (range.lowerBound == 2 || !isPathByte(bytes[range.lowerBound - 3]))
                if isPathByte(before) && !dotSlash { return false }
            }
            if range.upperBound < bytes.count {
                let after = bytes[range.upperBound]
                if isPathByte(after) && after != UInt8(ascii: ".") { return false }
                // `Dockerfile.dev`, not `Dockerfile.` ending a sentence.
                if after == UInt8(ascii: "."), range.upperBound + 1 < bytes.count, isPathByte(bytes[range.upperBound + 1]) {
                    return false
                }
            }
            return true
        }
    }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
            || byte >= 0x80
    }
}
