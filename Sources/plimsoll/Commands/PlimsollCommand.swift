import ArgumentParser
import PlimsollKit

/// The root command: every subcommand is listed here, and `scan` runs when none is named.
///
/// Every command names itself (`commandName:`): without one, ArgumentParser derives the name from
/// `String(describing: Self.self)` on each parse, whose first calls look up protocol conformances across the whole
/// binary, on every run.
struct PlimsollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plimsoll",
        abstract: "Check a repository against the container CI/CD standard.",
        discussion: """
            Examples:
              plimsoll scan                           scan the current repository
              plimsoll scan path/to/repo --format sarif --output plimsoll.sarif
              plimsoll scan src/docker/Dockerfile     report only that file (pre-commit style)
              plimsoll rules                          list every rule
              plimsoll explain PL101                  show a rule's documentation
              plimsoll fix --dry-run                  show the automatic fixes as a diff; plimsoll fix applies them
              plimsoll init                           write a commented .plimsoll.yml with the defaults
              plimsoll baseline > .plimsoll-baseline.json   then: plimsoll scan --baseline .plimsoll-baseline.json
              plimsoll org --checkouts DIR --output OUT   scan every repository in DIR, with a dashboard

            Shell completions: plimsoll --generate-completion-script bash|zsh|fish

            Exit status: 0 no finding at or above --fail-level, 1 findings, 2 usage or configuration error,
            3 internal error.
            """,
        version: ToolInfo.version,
        subcommands: [
            Scan.self, Fix.self, Org.self, Merge.self, BaselineCommand.self, Init.self, Rules.self, Explain.self, Dump.self,
            GenerateDocs.self,
        ],
        defaultSubcommand: Scan.self
    )
}
