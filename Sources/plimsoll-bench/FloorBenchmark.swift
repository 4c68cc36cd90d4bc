// The floor for the peer benchmark: read every file under a folder and parse the YAML ones with libyaml alone
// (events discarded), nothing else. Prints its own time so the harness can compare with whole processes.
import Foundation
import PlimsollCore
import YAMLSyntax

enum FloorBenchmark {
    static func run(folder: URL) {
        let clock = ContinuousClock()
        var files = 0
        var bytes = 0
        var events = 0
        let elapsed = clock.measure {
            guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
            while let path = enumerator.nextObject() as? String {
                if path.hasPrefix(".git/") || path == ".git" { continue }
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
                files += 1
                bytes += data.count
                if path.hasSuffix(".yml") || path.hasSuffix(".yaml") {
                    events &+= YAMLLoader.countEvents(SourceFile(path: path, bytes: Array(data)))
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "floor: %d files, %d bytes, %d events, %.6f s", files, bytes, events, seconds))
    }
}
