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
            // A named file is read even when .gitignore leaves it out of the listing, and the scan says so.
            let files = (target.onlyPaths ?? []).filter { !$0.hasSuffix("/") }.sorted()
            let named = NamedFilesSource(base: source, named: files)
            let scanned: any RepositorySource = standardInput.map {
                OverlaySource(base: named, edited: [$0.path: $0.bytes], created: [$0.path: .regular])
            } ?? named
            do {
                var result = try scanner.scan(scanned, root: target.root)
                result.notes += named.ignoredNames.map { "'\($0)' is ignored by git; it was scanned because it was named" }
                // A folder the enclosing repository ignores (nothing in it is listed) is a repository of its own.
                let folders = (target.onlyPaths ?? []).filter { $0.hasSuffix("/") }.sorted()
                if standardInput == nil, files.isEmpty, folders.count == 1, result.filesScanned == 0 {
                    let relative = String(folders[0].dropLast())
                    let folder: String = target.root == "." ? relative : target.root + "/" + relative
                    var own = base
                    own.onlyPaths = nil
                    let ownSource: DiskRepositorySource
                    do { ownSource = try DiskRepositorySource(root: ScanTarget.absolutePath(folder, from: cwd), walking: true) } catch {
                        throw CLIError.usage(error.description)
                    }
                    result = try own.scan(ownSource, root: folder)
                    result.notes.append("'\(folder)' is ignored by its repository; it was scanned as a repository of its own")
                }
                results.append(result)
            } catch let error as ScanError {
                throw CLIError.usage(error.description)
            }
        }
        return ScanResult.combining(results)
    }
}
