import Foundation
import PlimsollKit

/// Scans targets from the command line and turns library errors into CLI errors (exit status 2).
enum ScanRunner {
    static func scan(_ targets: [ScanTarget], scanner base: PlimsollKit.Scanner, cwd: String) throws -> ScanResult {
        var results: [ScanResult] = []
        for target in targets {
            var scanner = base
            scanner.onlyPaths = target.onlyPaths
            let source: DiskRepositorySource
            do { source = try DiskRepositorySource(root: ScanTarget.absolutePath(target.root, from: cwd)) } catch {
                throw CLIError.usage(error.description)
            }
            do { results.append(try scanner.scan(source, root: target.root)) } catch {
                throw CLIError.usage(error.description)
            }
        }
        return ScanResult.combining(results)
    }
}
