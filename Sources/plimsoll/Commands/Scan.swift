import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit

extension PlimsollCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan repositories, or files inside one, and report findings.",
            discussion: """
                A PATH may be a repository root or files inside one. For files (as pre-commit passes them), the \
                whole repository is still read for context, but only findings in those files are reported.
                """
        )

        @Argument(help: "Repository roots or files inside one (default: the current directory).")
        var paths: [String] = []

        @OptionGroup var options: ScanOptions

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let targets: [ScanTarget]
            do { targets = try ScanTarget.resolve(paths, currentDirectory: cwd) } catch {
                throw CLIError.usage(error.description)
            }
            let configFile = try options.config.map { try CLIFiles.readConfig($0, cwd: cwd) }
            let policyFile = try options.policy.map { try CLIFiles.readConfig($0, cwd: cwd) }

            var results: [ScanResult] = []
            for target in targets {
                let scanner = Scanner(
                    configFile: configFile, policyFile: policyFile, onlyPaths: target.onlyPaths,
                    noIgnores: options.noIgnores)
                do {
                    let source = try DiskRepositorySource(root: ScanTarget.absolutePath(target.root, from: cwd))
                    results.append(try scanner.scan(source, root: target.root))
                } catch let error as ScanError {
                    throw CLIError.usage(error.description)
                } catch let error as DiscoveryError {
                    throw CLIError.usage(error.description)
                }
            }
            let result = ScanResult.combining(results)
            let rootURI = results.count == 1
                ? URL(fileURLWithPath: ScanTarget.absolutePath(results[0].root, from: cwd), isDirectory: true).absoluteString
                : URL(fileURLWithPath: cwd, isDirectory: true).absoluteString
            let report = options.format.reporter.report(
                result, options: ReportOptions(useColor: options.useColor, rootURI: rootURI))
            try CLIFiles.write(report, to: options.output)
            if let threshold = options.failLevel.threshold,
                result.activeFindings.contains(where: { $0.severity >= threshold })
            {
                throw ExitStatus.findings.exitCode
            }
        }
    }
}
