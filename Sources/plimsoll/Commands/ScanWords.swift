import ArgumentParser
import PlimsollKit

extension PlimsollCommand {
    /// The words of a `scan` command line after its subcommand (`scan` is the default command); nil when they
    /// run another command.
    static func scanWords(_ words: [String]) -> [String]? {
        guard let first = words.first else { return [] }
        if first == Scan.configuration.commandName { return Array(words.dropFirst()) }
        let others = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        return others.contains(first) ? nil : words
    }

    /// A `scan` command line parsed by `Scan` alone, or nil when that fails; the caller then parses the whole
    /// command line from the root, which answers `--help`, `--version` and every mistake exactly as it always has.
    /// A scan is nearly every run, and parsing it from the root also builds the argument sets of the other
    /// commands, a large part of a pre-commit run on a small repository.
    static func parseScan(_ words: [String]?) -> ParsableCommand? {
        guard let words else { return nil }
        return try? Scan.parse(words)
    }
}
