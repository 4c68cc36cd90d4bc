import ArgumentParser
import Foundation
import PlimsollCore
import PlimsollKit
import PlimsollRules

extension PlimsollCommand {
    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fix",
            abstract: "Apply the automatic fixes of the findings, then scan again until nothing changes.",
            discussion: """
                Only the bytes a fix needs are edited: comments, quoting, indentation and line ends (CRLF stays \
                CRLF) are kept. Safe fixes keep what is built and pushed; unsafe ones (--unsafe) change it and \
                need review. Each round scans the repository as the previous one left it, up to five rounds. \
                Where two fixes would edit the same bytes, the first by position is applied and the other waits \
                for the next round. Files are written through a temporary file renamed over them, keeping their \
                mode; a symbolic link is never written through. A fix may create a file (such as the local build \
                script): only where nothing is, with its folders made beneath the root and never through a link. \
                A fix may move a file (the layout migration): with `git mv` where git tracks it, so history \
                follows it, and never over anything. --dry-run prints a unified diff instead, which \
                `git apply` accepts at the repository root.

                Exit status: 0 nothing to fix, 1 files were changed (with --dry-run: would be), 2 usage or \
                configuration error, 3 internal error (a file that could not be written is reported and counts \
                as 3).
                """
        )

        @Argument(help: "Repository roots or files inside one (default: the current directory); only findings in the named files are fixed.")
        var paths: [String] = []

        @Flag(name: .long, help: "Print a unified diff of the fixes and change nothing.")
        var dryRun = false

        @Flag(name: .long, help: "Apply unsafe fixes too (they change what is built or pushed; review them).")
        var unsafe = false

        @Option(name: .long, help: ArgumentHelp("Fix only this rule's findings (repeatable).", valueName: "id"))
        var rule: [String] = []

        @Option(name: .long, help: ArgumentHelp("Use this configuration instead of the repository's .plimsoll.yml.", valueName: "file"))
        var config: String?

        @Option(name: .long, help: ArgumentHelp("A central policy file applied after the repository's own; it wins.", valueName: "file"))
        var policy: String?

        @OptionGroup(title: "Online (for PL307's fix of a ref pinned to a commit: the new release's commit)")
        var online: OnlineOptions

        func validate() throws {
            let known = Set(RuleRegistry.descriptions.map(\.id))
            for id in rule where !known.contains(id.uppercased()) {
                throw ValidationError("unknown rule '\(id)' (see `plimsoll rules`)")
            }
        }

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let targets: [ScanTarget]
            do { targets = try ScanTarget.resolve(paths, currentDirectory: cwd) } catch {
                throw CLIError.usage(error.description)
            }
            var scanner = PlimsollKit.Scanner(
                configFile: try config.map { try CLIFiles.readConfig($0, cwd: cwd) },
                policyFile: try policy.map { try CLIFiles.readConfig($0, cwd: cwd) })
            scanner.jobs = ProcessInfo.processInfo.activeProcessorCount
            scanner.online = online.factsSource(cwd: cwd)
            let options = FixOptions(
                includeUnsafe: unsafe, ruleIDs: rule.isEmpty ? nil : Set(rule.map { $0.uppercased() }))
            var changed = false
            var writeFailed = false
            var diff: [UInt8] = []
            for target in targets {
                let root = ScanTarget.absolutePath(target.root, from: cwd)
                let source: DiskRepositorySource
                do { source = try DiskRepositorySource(root: root) } catch { throw CLIError.usage(error.description) }
                var targetScanner = scanner
                targetScanner.onlyPaths = target.onlyPaths
                let outcome: FixOutcome
                do { outcome = try Fixer(scanner: targetScanner, options: options).run(source, root: target.root) } catch {
                    throw CLIError.usage(error.description)
                }
                // Online notes may quote GitHub's answers: the token is masked whatever the text.
                for note in outcome.notes { Self.log(online.redactor("\(target.root): \(note)")) }
                let paths = outcome.changedPaths
                if paths.isEmpty { continue }
                changed = true
                for path in paths {
                    let move = outcome.move(to: path)
                    let old = outcome.original[move?.from ?? path] ?? []
                    let new = outcome.final[path] ?? []
                    let created = outcome.created[path]
                    if dryRun {
                        diff += UnifiedDiff.diff(path: path, old: old, new: new, created: created, movedFrom: move?.from)
                        continue
                    }
                    let writer = FixWriter(root: root)
                    let written: Result<Void, FixWriteError>
                    if let move {
                        written = writer.move(move, expected: old, bytes: new)
                    } else if let created {
                        written = writer.create(path: path, bytes: new, mode: created)
                    } else {
                        written = writer.write(path: path, expected: old, bytes: new)
                    }
                    if case .failure(let error) = written {
                        Self.log("\(target.root): \(error.description)")
                        writeFailed = true
                    }
                }
                let counts = outcome.countsByRule.map { "\($0.ruleID) \($0.count)" }.joined(separator: ", ")
                let verb = dryRun ? "would fix" : "fixed"
                var summary = "\(target.root): \(verb) \(outcome.applied.count) finding\(outcome.applied.count == 1 ? "" : "s") "
                    + "in \(paths.count) file\(paths.count == 1 ? "" : "s") (\(counts))"
                if !outcome.converged { summary += "; more fixes remain after \(outcome.rounds) rounds: run fix again" }
                Self.log(summary)
                // Each fix, where its finding was in the round that applied it.
                for fix in outcome.applied {
                    let unsafe = fix.fix.safety == .unsafe ? " (unsafe)" : ""
                    Self.log("  \(fix.path):\(fix.line): \(fix.ruleID) \(fix.fix.title)\(unsafe)")
                }
            }
            if dryRun { FileHandle.standardOutput.write(Data(diff)) }
            if writeFailed { throw ExitStatus.internalError.exitCode }
            if changed { throw ExitStatus.findings.exitCode }
        }

        private static func log(_ text: String) {
            FileHandle.standardError.write(Data((LogText.line(text) + "\n").utf8))
        }
    }
}
