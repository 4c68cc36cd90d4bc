import ArgumentParser
import PlimsollKit

extension PlimsollCommand {
    /// The words of a `scan` command line after its subcommand, read before ArgumentParser parses them so that
    /// the repository's file listing can start early (`ListingPrefetch`); nil when they run another command.
    static func scanWords(_ words: [String]) -> [String]? {
        ListingPrefetch.scanWords(
            words, scanCommand: Scan.configuration.commandName ?? "scan",
            otherCommands: configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
    }
}
