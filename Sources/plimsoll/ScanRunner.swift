import Foundation
import PlimsollKit

/// Scans targets from the command line and turns library errors into CLI errors (exit status 2).
enum ScanRunner {
    /// `standardInput` stands for one file of the (single) target: `scan - --stdin-filename PATH`.
    static func scan(
        _ targets: [ScanTarget], scanner base: PlimsollKit.Scanner, cwd: String,
        standardInput: (path: String, bytes: [UInt8])? = nil
    ) throws -> ScanResult {
        var results: [ScanResult] = []
        for target in targets {
            var scanner = base
            scanner.onlyPaths = target.onlyPaths
            let source: DiskRepositorySource
            do { source = try DiskRepositorySource(root: ScanTarget.absolutePath(target.root, from: cwd)) } catch {
                throw CLIError.usage(error.description)
            }
            let scanned: any RepositorySource = standardInput.map {
                OverlaySource(base: source, path: $0.path, bytes: $0.bytes)
            } ?? source
            do { results.append(try scanner.scan(scanned, root: target.root)) } catch {
                throw CLIError.usage(error.description)
            }
        }
        return ScanResult.combining(results)
    }
}
