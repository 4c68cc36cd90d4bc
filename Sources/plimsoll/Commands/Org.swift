import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

extension PlimsollCommand {
    struct Org: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "Scan many repositories and write SARIF files, a summary, a matrix and a dashboard.",
            discussion: """
                Examples:
                  plimsoll org --checkouts ~/src --output org-results
                  plimsoll org --manifest repos.yml --cache .plimsoll-cache --output org-results --shard 2/4
                  plimsoll org --github-org example-org --cache .plimsoll-cache --output org-results --online

                A manifest is YAML (repos: a list of URLs, or of {url, ref, name, team}) or, for a .tsv file, lines \
                of url<TAB>ref<TAB>name<TAB>team; without a team, the owner CODEOWNERS names for every file is used. --github-org lists the organisation's repositories through GitHub's REST API \
                (archived repositories and forks only when asked) and fetches their clone URLs. A repository that cannot be fetched, read or configured is reported as \
                errored and the others go on. Running again into the same --output skips repositories whose \
                commit and configuration did not change, and adds the run to the folder's history.jsonl: the \
                dashboard charts compliant repositories run by run and lists what changed since the last run. \
                --history DIR takes the earlier runs from the summary.jsonl files of DIR's folders instead.

                --fix --branch NAME also applies the safe fixes in each git work tree (a --checkouts folder or a \
                cache clone) on a new branch NAME made from its HEAD, with one commit per rule family whose \
                message lists the rules, the fixes and the files. The commits are made without touching the work \
                tree, the index or the checked-out branch; no hook or filter runs and nothing is pushed. A \
                repository with nothing to fix gets no branch; one with uncommitted changes or an existing branch \
                NAME is refused (reported, the others go on). summary.jsonl and the dashboard say which \
                repositories got a branch and how many findings it clears. Every repository is scanned again.

                Exit status: 0 when every selected repository has a result (compliant, failing or errored), 2 for \
                a usage error, 3 when the output cannot be written.
                """
        )

        @Option(help: ArgumentHelp("Scan every folder in this directory (git work trees or plain folders).", valueName: "dir"))
        var checkouts: String?

        @Option(help: ArgumentHelp("Fetch and scan the repositories this YAML or TSV file lists.", valueName: "file"))
        var manifest: String?

        @Option(help: ArgumentHelp("Scan every repository of this GitHub organisation (GET /orgs/ORG/repos).", valueName: "org"))
        var githubOrg: String?

        @Flag(help: "With --github-org: include archived repositories.")
        var includeArchived = false

        @Flag(help: "With --github-org: include forks.")
        var includeForks = false

        @Option(help: ArgumentHelp("Where --manifest and --github-org repositories are fetched to, and kept for the next run.", valueName: "dir"))
        var cache: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var output: String

        @Option(help: ArgumentHelp("Earlier runs: folders (or summary .jsonl files) in this directory, oldest first by name.", valueName: "dir"))
        var history: String?

        @Option(help: ArgumentHelp("What the history calls this run (default: today's date in UTC; give every shard the same).", valueName: "text"))
        var label: String?

        @Option(help: ArgumentHelp("A central policy file applied after each repository's own; it wins.", valueName: "file"))
        var policy: String?

        @Option(help: ArgumentHelp("Scan only shard K of N (stable across runners).", valueName: "K/N"))
        var shard: String?

        @Option(name: .shortAndLong, help: "Repositories fetched and scanned at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: ArgumentHelp("Give up fetching one repository after this many seconds.", valueName: "seconds"))
        var timeout: Int = 300

        @Option(help: "Lowest severity of an unsuppressed finding that makes a rule family fail.")
        var failLevel: FailLevel = .error

        @Flag(help: "Apply the safe fixes in each git work tree on a new branch (needs --branch); never pushes.")
        var fix = false

        @Option(help: ArgumentHelp("With --fix: the branch to create in each repository with fixes.", valueName: "name"))
        var branch: String?

        @Flag(help: "Print no progress.")
        var quiet = false

        @OptionGroup(title: "Online checks") var online: OnlineOptions

        static func parseShard(_ text: String) throws -> OrgShard {
            do { return try OrgShard(parsing: text) } catch { throw CLIError.usage(error.description) }
        }

        func validate() throws {
            guard [checkouts, manifest, githubOrg].compactMap({ $0 }).count == 1 else {
                throw ValidationError("give exactly one of --checkouts DIR, --manifest FILE and --github-org ORG")
            }
            if manifest != nil, cache == nil { throw ValidationError("--manifest needs --cache DIR") }
            if githubOrg != nil, cache == nil { throw ValidationError("--github-org needs --cache DIR") }
            if checkouts != nil, cache != nil { throw ValidationError("--cache is only used with --manifest and --github-org") }
            if githubOrg == nil, includeArchived || includeForks {
                throw ValidationError("--include-archived and --include-forks need --github-org")
            }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
            if failLevel == .never { throw ValidationError("--fail-level never would make every family compliant") }
            if let shard { do { _ = try OrgShard(parsing: shard) } catch { throw ValidationError(error.description) } }
            if fix != (branch != nil) { throw ValidationError("--fix and --branch NAME go together") }
            if let branch, !OrgFixBranch.isValidBranchName(branch) {
                throw ValidationError("--branch '\(branch)' is not a valid git branch name")
            }
            var isDirectory: ObjCBool = false
            if let history, !FileManager.default.fileExists(atPath: history, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw ValidationError("--history \(history) is not a folder")
            }
        }

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let repositories: [OrgRepository]
            do {
                if let checkouts {
                    repositories = try OrgManifest.checkouts(in: ScanTarget.absolutePath(checkouts, from: cwd))
                        .map { repository in
                            // Show the folder as the user named it, so records do not depend on the runner's paths.
                            var shown = repository
                            shown.displayURL = (checkouts.hasSuffix("/") ? checkouts : checkouts + "/") + repository.name
                            return shown
                        }
                } else if let manifest {
                    repositories = try OrgManifest.load(path: ScanTarget.absolutePath(manifest, from: cwd))
                } else {
                    repositories = try discover(org: githubOrg ?? "", cwd: cwd)
                }
            } catch let error as CLIError { throw error } catch { throw CLIError.usage("\(error)") }
            var runner = OrgRunner(
                repositories: repositories, outputDirectory: ScanTarget.absolutePath(output, from: cwd),
                policyFile: try policy.map { try CLIFiles.readConfig($0, cwd: cwd) },
                shard: try shard.map(Self.parseShard),
                jobs: jobs, failLevel: failLevel.threshold ?? .error)
            runner.online = online.factsSource(cwd: cwd)
            runner.historyDirectory = history.map { ScanTarget.absolutePath($0, from: cwd) }
            runner.runLabel = label ?? Self.runLabel(Date())
            runner.fixBranch = branch
            if let cache {
                runner.fetcher = GitFetcher(
                    cacheDirectory: ScanTarget.absolutePath(cache, from: cwd), timeout: .seconds(timeout))
            }
            let progress: any OrgProgress =
                quiet
                ? SilentOrgProgress()
                : OrgProgressDisplay(isTerminal: isatty(STDERR_FILENO) == 1) { text in
                    FileHandle.standardError.write(Data(text.utf8))
                }
            let summary: OrgRunner.Summary
            do throws(OrgError) { summary = try runner.run(progress: progress) } catch {
                throw CLIError.internalError(error.description)
            }
            for note in Set(summary.notes).sorted() { OnlineOptions.note(note, redactor: online.redactor) }
            if !quiet {
                FileHandle.standardError.write(
                    Data(
                        ("\(summary.total) repositories: "
                            + "\(summary.total - summary.failing - summary.notApplicable - summary.errored) compliant, "
                            + "\(summary.failing) failing, \(summary.notApplicable) not applicable, "
                            + "\(summary.errored) errored; \(summary.reused) unchanged since the last run. "
                            + "Results in \(output)\n").utf8))
                if let branch {
                    FileHandle.standardError.write(
                        Data(
                            ("Branch \(branch) made in \(summary.fixBranches) "
                                + "\(summary.fixBranches == 1 ? "repository" : "repositories") (clearing "
                                + "\(summary.fixCleared) finding\(summary.fixCleared == 1 ? "" : "s")); "
                                + "\(summary.fixRefused) refused (see fixRefused in summary.jsonl). Nothing was pushed.\n")
                                .utf8))
                }
            }
        }

        /// What the history calls a run by default: the day it started, in UTC (shards of one run started the same
        /// day agree, so their merge matches an unsharded run byte for byte).
        static func runLabel(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: date)
        }

        /// The organisation's repositories from the API; without a token GitHub lists only public ones.
        private func discover(org: String, cwd: String) throws -> [OrgRepository] {
            let token = online.token
            if token == nil { OnlineOptions.note("no token in \(online.tokenEnv): GitHub lists only public repositories") }
            let client = online.client(cwd: cwd, token: token)
            switch OrgDiscovery.repositories(
                org: org, client: client, includeArchived: includeArchived, includeForks: includeForks)
            {
            case .success(let discovered):
                for note in discovered.notes { OnlineOptions.note(note, redactor: client.redactor) }
                return discovered.repositories
            case .failure(let error):
                throw CLIError.usage("cannot list the repositories of '\(org)': \(client.redactor(error.description))")
            }
        }
    }
}