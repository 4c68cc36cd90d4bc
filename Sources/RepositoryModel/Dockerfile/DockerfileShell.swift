import DockerfileSyntax
import PlimsollCore
import ShellSyntax

/// The shell source of `RUN` instructions, split with `ShellSplitter` over the file's own bytes so every word
/// keeps its file byte range. Exec-form commands (`RUN ["go", "build"]`) are read as one command.
public enum DockerfileShell {
    /// Byte ranges of the shell text a RUN runs: the shell-form command and, when the command is a heredoc
    /// fed to a shell (`RUN <<EOF`, `RUN bash <<EOF`), each heredoc body.
    static func scriptRanges(of instruction: Instruction) -> [Range<Int>] {
        guard instruction.kind == .run, case .shell(let argument)? = instruction.command else { return [] }
        var ranges = [argument.byteRange]
        if !instruction.heredocs.isEmpty, feedsHeredocs(argument) {
            ranges += instruction.heredocs.map(\.bodyByteRange)
        }
        return ranges
    }

    /// True when the command, trimmed, starts with `<<` or its first space-separated word is a shell (bare or as
    /// a path): its heredoc bodies are then shell script too.
    private static func feedsHeredocs(_ argument: Argument) -> Bool {
        let bytes = argument.bytes
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, UTF8Text.isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, UTF8Text.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        if end - start >= 2, bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "<") { return true }
        var programEnd = start
        while programEnd < end, bytes[programEnd] != 0x20 { programEnd += 1 }
        let program = bytes[start..<programEnd]
        // `split(separator: "/").last`: the last non-empty path component.
        var componentEnd = programEnd
        while componentEnd > start, bytes[componentEnd - 1] == UInt8(ascii: "/") { componentEnd -= 1 }
        var componentStart = componentEnd
        while componentStart > start, bytes[componentStart - 1] != UInt8(ascii: "/") { componentStart -= 1 }
        let component = bytes[componentStart..<componentEnd]
        return shellNames.contains { $0.elementsEqual(program) || $0.elementsEqual(component) }
    }

    /// The simple commands of a RUN instruction, word ranges in file bytes.
    static func commands(of instruction: Instruction, in file: SourceFile) -> [ShellCommand] {
        if instruction.kind == .run, case .exec(let arguments)? = instruction.command {
            return [ShellCommand(words: arguments.map {
                ShellSyntax.ShellWord(value: $0.value, range: $0.byteRange, hasExpansion: false, isQuoted: true)
            })]
        }
        return scriptRanges(of: instruction).flatMap { ShellSplitter.commands(in: file.bytes, range: $0) }
    }

    static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh"]
    private static let shellNames: [[UInt8]] = shells.map { Array($0.utf8) }

    /// The instructions of a stage, with their index in `Dockerfile.instructions`.
    public static func instructions(of stage: Stage, in dockerfile: Dockerfile) -> [(index: Int, instruction: Instruction)] {
        stage.instructionIndices.map { ($0, dockerfile.instructions[$0]) }
    }
}

/// What a build step produces, for the rules about where compilation runs.
public enum DockerfileCompileKind: Sendable, Equatable {
    /// Machine code for one architecture: `go build`, `cargo build`, `gcc`, `pip wheel`, a `make` target whose
    /// recipe runs one of those.
    case native
    /// Output any architecture can use: SPA assets (`npm run build`), jars, .NET IL.
    case portable
}

/// One compile step found in a RUN.
public struct DockerfileCompileStep {
    /// The program word (`go`, `cargo`, `npm`).
    public let word: ShellSyntax.ShellWord
    /// The command as a short label (`go build`).
    public let label: String
    public let kind: DockerfileCompileKind
    public let command: ShellCommand
    /// For `make <target>`: the commands of the target's recipe that compile (from the repository's Makefile,
    /// word ranges in that file), whose words may name the target (`GOARCH=…`) as the command's do.
    public var recipeCommands: [ShellCommand] = []

    /// Compile steps of a RUN instruction, from its shell commands (`DockerfileFile.shellCommands(ofInstructionAt:)`).
    /// `make` is resolved through `makefile` (the repository's, `Repository.makefile`): see `step(_:among:makefile:)`.
    public static func all(in commands: [ShellCommand], makefile: MakefileTargets?) -> [DockerfileCompileStep] {
        commands.compactMap { step($0, among: commands, makefile: makefile) }
    }

    /// Every program name `step` has a case for.
    static let compilers: Set<String> = [
        "go", "cargo", "gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "swiftc", "cmake", "ninja",
        "meson", "swift", "zig", "pip", "pip3", "npm", "pnpm", "yarn", "bun", "ng", "vite", "next", "webpack", "mvn",
        "mvnw", "gradle", "gradlew", "dotnet",
    ]

    /// `text.split(separator: "/").last ?? text`: the last non-empty path component.
    static func lastPathComponent(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "/")) else { return text }
        let bytes = Array(text.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard end > 0 else { return text }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The compile step `command` is, if any. `commands` are the commands of the same RUN, and `makefile` the
    /// repository's: `make <target>` is what the target's recipe builds (`make build-js` running `yarn build` is
    /// portable), and when the recipe cannot be read (no Makefile, no such target, `make -C dir`, sources fetched
    /// in the same RUN) `make` is native only when the RUN shows a C toolchain: `./configure`, `cmake`, a
    /// compiler installed or named (`CC=`). `make` alone says nothing about what it builds.
    public static func step(
        _ command: ShellCommand, among commands: [ShellCommand], makefile: MakefileTargets?
    ) -> DockerfileCompileStep? {
        guard let first = command.programWords.first, ["make", "gmake"].contains(lastPathComponent(first.value)) else {
            return step(command)
        }
        return makeStep(command, among: commands, makefile: makefile)
    }

    /// Options of make that take the next word as their value.
    private static let makeOptionsWithValue: Set<String> = ["-C", "-f", "-I", "-o", "-W", "-l", "--file", "--directory"]

    private static func makeStep(
        _ command: ShellCommand, among commands: [ShellCommand], makefile: MakefileTargets?
    ) -> DockerfileCompileStep? {
        let words = Array(command.programWords)
        var goals: [String] = []
        var otherMakefile = false
        var index = 1
        while index < words.count {
            let value = words[index].value
            if makeOptionsWithValue.contains(value) {
                if ["-C", "-f", "--file", "--directory"].contains(value) { otherMakefile = true }
                index += 2
                continue
            }
            if ["--directory=", "--file=", "--makefile="].contains(where: value.hasPrefix)
                || (value.hasPrefix("-C") && value.count > 2) || (value.hasPrefix("-f") && value.count > 2) {
                otherMakefile = true
            } else if value == "-j" || value == "--jobs" {
                // `-j 4`: the count is optional.
                if index + 1 < words.count, Int(words[index + 1].value) != nil { index += 1 }
            } else if !value.hasPrefix("-"), !value.contains("=") {
                goals.append(value)
            }
            index += 1
        }
        if let goal = goals.first, ["clean", "help", "install"].contains(goal) { return nil }
        let label = (["make"] + goals).joined(separator: " ")
        func make(_ kind: DockerfileCompileKind, recipe: [ShellCommand] = []) -> DockerfileCompileStep {
            var step = DockerfileCompileStep(word: words[0], label: label, kind: kind, command: command)
            step.recipeCommands = recipe
            return step
        }
        // Sources fetched in the same RUN are not the repository's: its Makefile is not the one that runs.
        let fetches = commands.contains { other in
            let words = Array(other.programWords)
            guard let program = words.first.map({ lastPathComponent($0.value) }) else { return false }
            return (program == "git" && words.dropFirst().contains { $0.value == "clone" })
                || ["curl", "wget", "tar", "unzip"].contains(program)
        }
        if let makefile, !otherMakefile, !fetches {
            let targets = goals.isEmpty ? makefile.defaultGoal.map { [$0] } ?? [] : goals
            let recipes = targets.map { makefile.commands(of: $0) }
            if !recipes.isEmpty, !recipes.contains(where: { $0 == nil }) {
                let steps = recipes.flatMap { $0 ?? [] }.compactMap { step($0) }
                let native = steps.filter { $0.kind == .native }.map(\.command)
                if !native.isEmpty { return make(.native, recipe: native) }
                return steps.isEmpty ? nil : make(.portable, recipe: steps.map(\.command))
            }
        }
        return showsNativeToolchain(command, among: commands) ? make(.native) : nil
    }

    /// Programs that prepare a native build for make: autotools, CMake, Meson, qmake, phpize.
    private static let nativeBuildGenerators: Set<String> = [
        "configure", "autogen.sh", "autoreconf", "bootstrap", "cmake", "meson", "qmake", "phpize",
    ]
    /// Packages of a C toolchain, installed in the same RUN.
    private static let toolchainPackages: Set<String> = [
        "gcc", "g++", "gcc-c++", "clang", "build-essential", "build-base", "musl-dev", "libc6-dev", "glibc-devel",
    ]

    /// True when the RUN of `command` shows that make builds native code: a compiler named to make (`CC=gcc`,
    /// `CXX=…`), a build system generator run before it, a compiler run, or a C toolchain installed.
    static func showsNativeToolchain(_ command: ShellCommand, among commands: [ShellCommand]) -> Bool {
        if command.words.contains(where: { ["CC=", "CXX=", "CFLAGS=", "CXXFLAGS=", "CPPFLAGS="].contains(where: $0.value.hasPrefix) }) {
            return true
        }
        return commands.contains { other in
            let words = Array(other.programWords)
            guard let first = words.first else { return false }
            let program = lastPathComponent(first.value)
            if nativeBuildGenerators.contains(program) { return true }
            if ["gcc", "g++", "cc", "c++", "clang", "clang++"].contains(program) { return true }
            if ["apt-get", "apt", "apk", "yum", "dnf", "microdnf"].contains(program) {
                return words.dropFirst().contains { toolchainPackages.contains($0.value) }
            }
            return false
        }
    }

    /// The compile step `command` is, read alone. `make` is none here: what it builds is in a Makefile, which
    /// `step(_:among:makefile:)` reads.
    static func step(_ command: ShellCommand) -> DockerfileCompileStep? {
        var words = Array(command.programWords)
        guard let first = words.first else { return nil }
        var program = lastPathComponent(first.value)
        // Only the programs below (and `python -m …`) are compile steps: others stop here, before the rest of the
        // words are copied.
        guard program.hasPrefix("python") || compilers.contains(program) else { return nil }
        // `python -m pip wheel`
        if program.hasPrefix("python"), words.count > 2, words[1].value == "-m" {
            program = words[2].value
            words = Array(words.dropFirst(2))
        }
        let rest = words.dropFirst().map(\.value).filter { !$0.hasPrefix("-") }
        let subcommand = rest.first ?? ""
        func make(_ label: String, _ kind: DockerfileCompileKind) -> DockerfileCompileStep {
            DockerfileCompileStep(word: first, label: label, kind: kind, command: command)
        }
        switch program {
        case "go" where ["build", "install"].contains(subcommand): return make("go \(subcommand)", .native)
        case "cargo" where ["build", "install", "zigbuild", "auditable"].contains(subcommand):
            return make("cargo \(subcommand)", .native)
        case "gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "swiftc": return make(program, .native)
        case "cmake", "ninja", "meson":
            if program == "cmake", !words.contains(where: { $0.value == "--build" }) { return nil }
            return make(program, .native)
        case "swift" where subcommand == "build": return make("swift build", .native)
        case "zig" where ["build", "build-exe", "cc"].contains(subcommand): return make("zig \(subcommand)", .native)
        case "pip", "pip3": return subcommand == "wheel" ? make("\(program) wheel", .native) : nil
        case "npm", "pnpm", "yarn", "bun":
            let script = subcommand == "run" ? (rest.dropFirst().first ?? "") : subcommand
            guard ["build", "generate", "export"].contains(script) || script.hasPrefix("build:") else { return nil }
            return make("\(program) \(subcommand == "run" ? "run " : "")\(script)", .portable)
        case "ng", "vite", "next":
            return subcommand == "build" ? make("\(program) build", .portable) : nil
        case "webpack": return make(program, .portable)
        case "mvn", "mvnw", "gradle", "gradlew":
            let goals: Set<String> = ["package", "install", "verify", "build", "assemble", "bootJar", "jar", "shadowJar"]
            guard rest.contains(where: { goals.contains($0) }) else { return nil }
            return make(program, .portable)
        case "dotnet" where ["publish", "build"].contains(subcommand): return make("dotnet \(subcommand)", .portable)
        default: return nil
        }
    }
}
