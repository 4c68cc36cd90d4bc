import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

extension PlimsollCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Scan repositories, or files inside one, and report findings.",
            discussion: """
                A PATH may be a repository root or files inside one. For files (as pre-commit passes them), the \
                whole repository is still read for context, but only findings in those files are reported. \
                `-` reads one file's text from standard input, linted as the file --stdin-filename names (editors \
                and pipelines), with the repository around it as context.
                """
        )

        @Argument(help: "Repository roots or files inside one (default: the current directory).")
        var paths: [String] = []

        @Option(name: .long, help: ArgumentHelp("With '-': the repository path the standard input stands for.", valueName: "path"))
        var stdinFilename: String?

        @OptionGroup var options: ScanOptions

        @Flag(
            name: .long,
            help: ArgumentHelp(
                "Compute each finding's automatic fixes and put them in the sarif and json reports (`fixes`), "
                    + "as `plimsoll fix` would apply them."))
        var fixes = false

        @OptionGroup(title: "Online checks") var online: OnlineOptions

        @Option(name: .long, help: ArgumentHelp("Report only findings not recorded in this baseline file.", valueName: "file"))
        var baseline: String?

        @Option(
            name: [.customShort("j"), .long],
            help: ArgumentHelp(
                "Threads that read, parse and check a repository's files (default: the processors available). "
                    + "The report is the same for any number.", valueName: "n"))
        var jobs: Int?

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if paths.contains("-"), stdinFilename == nil {
                throw ValidationError("'-' reads standard input: name the file it stands for with --stdin-filename")
            }
            if stdinFilename != nil, !paths.contains("-") { throw ValidationError("--stdin-filename needs '-' among the paths") }
            if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' may be given once") }
        }

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            var targets: [ScanTarget]
            var standardInput: (path: String, bytes: [UInt8])?
            if let stdinFilename {
                // The file stands where it is named, in the repository that holds that place (it need not exist).
                let absolute = ScanTarget.absolutePath(stdinFilename, from: cwd)
                let folder = (absolute as NSString).deletingLastPathComponent
                let others = paths.filter { $0 != "-" }
                guard FileManager.default.fileExists(atPath: folder) else {
                    throw CLIError.usage("the folder of --stdin-filename '\(stdinFilename)' does not exist")
                }
                let root = try ScanTarget.resolve(others.isEmpty ? [folder] : others, currentDirectory: cwd)
                guard root.count == 1, let target = root.first else {
                    throw CLIError.usage("'-' scans one repository: name at most one repository besides it")
                }
                let rootPath = ScanTarget.absolutePath(target.root, from: cwd)
                guard absolute.hasPrefix(rootPath + "/") else {
                    throw CLIError.usage("--stdin-filename '\(stdinFilename)' is not inside the repository '\(target.root)'")
                }
                let relative = String(absolute.dropFirst(rootPath.count + 1))
                standardInput = (relative, try CLIFiles.readStandardInput())
                targets = [ScanTarget(root: target.root, onlyPaths: [relative])]
            } else {
                do { targets = try ScanTarget.resolve(paths, currentDirectory: cwd) } catch {
                // `plimsoll scna` reaches here as a path to scan (scan is the default command).
                let commands = PlimsollCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
                if let first = paths.first, !first.contains("/"),
                    !FileManager.default.fileExists(atPath: ScanTarget.absolutePath(first, from: cwd)),
                    let command = Suggestion.closest(to: first, in: commands)
                {
                    throw CLIError.usage(error.description + " (did you mean the command '\(command)'?)")
                }
                throw CLIError.usage(error.description)
                }
            }
            var scanner = PlimsollKit.Scanner(
                configFile: try options.config.map { try CLIFiles.readConfig($0, cwd: cwd) },
                policyFile: try options.policy.map { try CLIFiles.readConfig($0, cwd: cwd) },
                noIgnores: options.noIgnores)
            scanner.online = online.factsSource(cwd: cwd)
            scanner.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            scanner.computesFixes = fixes
            // One repository, then the process ends: no need to tear its parse down (several roots: free each).
            scanner.keepsParsedUntilExit = targets.count == 1
            var result = try ScanRunner.scan(targets, scanner: scanner, cwd: cwd, standardInput: standardInput)
            for note in result.notes { OnlineOptions.note(note, redactor: online.redactor) }
            if let baseline {
                guard let data = FileManager.default.contents(atPath: ScanTarget.absolutePath(baseline, from: cwd)) else {
                    throw CLIError.usage("cannot read the baseline '\(baseline)'")
                }
                let recorded: Baseline
                do { recorded = try Baseline.load(data, path: baseline) } catch { throw CLIError.usage(error.description) }
                recorded.apply(to: &result)
            }
            let rootPath = targets.count == 1 ? ScanTarget.absolutePath(targets[0].root, from: cwd) : cwd
            let rootURI = URL(fileURLWithPath: rootPath, isDirectory: true).absoluteString
            let shown = options.shown(result)
            for extra in options.report {
                let report = extra.format.reporter.reportBytes(shown, options: ReportOptions(rootURI: rootURI))
                try CLIFiles.write(bytes: report, to: extra.path)
            }
            let report = options.format.reporter.reportBytes(
                shown, options: ReportOptions(useColor: options.useColor, rootURI: rootURI, workers: scanner.jobs))
            try CLIFiles.write(bytes: report, to: options.output)
            if let threshold = options.failLevel.threshold,
                result.activeFindings.contains(where: { $0.severity >= threshold })
            {
                throw ExitStatus.findings.exitCode
            }
        }
    }
}
