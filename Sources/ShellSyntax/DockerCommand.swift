/// A `docker` (or `podman`) command line found in shell text, classified and with its flags read.
public struct DockerCommand: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `docker build`, `docker image build`, `docker buildx build`, `podman build`.
        case build(buildx: Bool)
        /// `docker push`, `docker image push`.
        case push
        /// `docker buildx imagetools create`.
        case imagetoolsCreate
        /// `docker tag`, `docker image tag`.
        case tag
        /// `docker pull`, `docker image pull`.
        case pull
        /// `docker buildx bake`.
        case bake
    }

    /// One `--flag value` or `--flag=value` occurrence.
    public struct Option: Sendable, Hashable {
        /// The flag as written, e.g. `--platform` or `-t`.
        public let name: String
        /// The value word, nil for a boolean flag.
        public let value: ShellWord?
        /// The flag word itself.
        public let word: ShellWord
        /// The value's text (for `--flag=value`, the part after `=`).
        public var text: String? {
            if let value { return value.value }
            if let equals = word.value.firstIndex(of: "=") { return String(word.value[word.value.index(after: equals)...]) }
            return nil
        }
    }

    public let kind: Kind
    public let command: ShellCommand
    /// The words naming the subcommand (`docker buildx build`), for pointing at the command itself.
    public let verbRange: Range<Int>
    public let options: [Option]
    /// Positional arguments after the subcommand (the build context, the image to push…).
    public let arguments: [ShellWord]

    /// Every option whose name is one of `names` (long and short spellings).
    public func options(_ names: String...) -> [Option] {
        options.filter { option in names.contains(option.canonicalName) }
    }

    public func has(_ names: String...) -> Bool {
        options.contains { names.contains($0.canonicalName) }
    }

    /// Finds the docker commands among shell commands.
    public static func find(in commands: [ShellCommand]) -> [DockerCommand] {
        commands.compactMap(parse)
    }

    public static func parse(_ command: ShellCommand) -> DockerCommand? {
        let words = Array(command.programWords)
        guard let program = words.first, ["docker", "podman"].contains(program.value) else { return nil }
        // Global options before the subcommand (`docker --context x build`).
        var index = 1
        while index < words.count, words[index].value.hasPrefix("-") {
            let takesValue = ["--context", "-c", "--host", "-H", "--config", "--log-level", "-l"].contains(words[index].value)
            index += takesValue ? 2 : 1
        }
        func word(_ offset: Int) -> String? { index + offset < words.count ? words[index + offset].value : nil }
        let kind: Kind
        let verbLength: Int
        switch (word(0), word(1), word(2)) {
        case ("build", _, _), ("builder", "build", _): (kind, verbLength) = (.build(buildx: false), word(0) == "build" ? 1 : 2)
        case ("image", "build", _): (kind, verbLength) = (.build(buildx: false), 2)
        case ("buildx", "build", _), ("buildx", "b", _): (kind, verbLength) = (.build(buildx: true), 2)
        case ("buildx", "bake", _): (kind, verbLength) = (.bake, 2)
        case ("buildx", "imagetools", "create"): (kind, verbLength) = (.imagetoolsCreate, 3)
        case ("push", _, _): (kind, verbLength) = (.push, 1)
        case ("image", "push", _): (kind, verbLength) = (.push, 2)
        case ("tag", _, _): (kind, verbLength) = (.tag, 1)
        case ("image", "tag", _): (kind, verbLength) = (.tag, 2)
        case ("pull", _, _): (kind, verbLength) = (.pull, 1)
        case ("image", "pull", _): (kind, verbLength) = (.pull, 2)
        default: return nil
        }
        let verbRange = words[index].range.lowerBound..<words[index + verbLength - 1].range.upperBound
        var options: [Option] = []
        var arguments: [ShellWord] = []
        var position = index + verbLength
        var optionsEnded = false
        while position < words.count {
            let current = words[position]
            position += 1
            if optionsEnded || !current.value.hasPrefix("-") || current.value == "-" {
                arguments.append(current)
                continue
            }
            if current.value == "--" {
                optionsEnded = true
                continue
            }
            let name = current.value.split(separator: "=", maxSplits: 1).first.map(String.init) ?? current.value
            if current.value.contains("=") || !Self.valueOptions.contains(Option.canonical(name)) {
                options.append(Option(name: name, value: nil, word: current))
            } else if position < words.count {
                options.append(Option(name: name, value: words[position], word: current))
                position += 1
            } else {
                options.append(Option(name: name, value: nil, word: current))
            }
        }
        return DockerCommand(kind: kind, command: command, verbRange: verbRange, options: options, arguments: arguments)
    }

    /// Options of `docker build`/`buildx build`/`imagetools create` that take a value (canonical long names).
    static let valueOptions: Set<String> = [
        "--file", "--tag", "--platform", "--output", "--build-arg", "--target", "--label", "--cache-from",
        "--cache-to", "--secret", "--ssh", "--network", "--progress", "--iidfile", "--metadata-file", "--builder",
        "--add-host", "--build-context", "--attest", "--sbom", "--provenance", "--annotation", "--allow",
        "--cgroup-parent", "--shm-size", "--ulimit", "--memory", "--memory-swap", "--cpu-shares", "--cpuset-cpus",
        "--cpuset-mems", "--cpu-period", "--cpu-quota", "--isolation", "--security-opt", "--call", "--set",
        "--append", "--annotation",
    ]
}

extension DockerCommand.Option {
    /// The long spelling of a short flag (`-t` → `--tag`).
    public var canonicalName: String { Self.canonical(name) }

    static func canonical(_ name: String) -> String {
        switch name {
        case "-f": "--file"
        case "-t": "--tag"
        case "-o": "--output"
        case "-m": "--memory"
        case "-q": "--quiet"
        default: name
        }
    }
}
