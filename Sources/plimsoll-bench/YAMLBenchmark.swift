// Times the YAML layer over the workflow fixtures (and the shared corpus when present):
//   (a) a bare libyaml event parse (every event, nothing built), and
//   (b) YAMLLoader.load + Workflow/ActionMetadata model build, including freeing the tree and the model (the
//       scanner pays that too, and it is a fifth of the work).
import Foundation
import PlimsollCore
import WorkflowModel
import YAMLSyntax

enum YAMLBenchmark {
    /// The workflow corpus: the fixtures plus the shared corpus when present, sorted by path.
    static func corpus(root: URL) -> (files: [SourceFile], directories: [URL]) {
        func yamlFiles(under directory: URL) -> [URL] {
            guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
            var result: [URL] = []
            while let path = enumerator.nextObject() as? String {
                if path.hasSuffix(".yml") || path.hasSuffix(".yaml") { result.append(directory.appendingPathComponent(path)) }
            }
            return result.sorted { $0.path < $1.path }
        }

        var directories = [root.appendingPathComponent("Fixtures/workflows")]
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/workflows")
        if FileManager.default.fileExists(atPath: shared.path) { directories.append(shared) }

        let files: [SourceFile] = directories.flatMap(yamlFiles(under:)).compactMap { url in
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return SourceFile(path: url.path, bytes: Array(data))
        }
        return (files, directories)
    }

    static func isAction(_ file: SourceFile) -> Bool {
        let name = file.path.split(separator: "/").last ?? ""
        return name == "action.yml" || name == "action.yaml"
    }

    /// (a): libyaml alone, every event parsed and discarded.
    static func bare(_ files: [SourceFile]) -> Int {
        files.reduce(0) { $0 &+ YAMLLoader.countEvents($1) }
    }

    /// (b): the YAML tree plus the workflow (or action) model, as the scanner builds them. `actions` flags the
    /// `action.yml` files, classified once outside the timing (the scanner classifies paths before parsing).
    static func model(_ files: [SourceFile], actions: [Bool]) -> Int {
        zip(files, actions).reduce(0) { count, pair in
            let (file, isAction) = pair
            let loaded = YAMLLoader.load(file)
            guard let document = loaded.documents.first else { return count &+ loaded.diagnostics.count }
            if isAction {
                return count &+ ActionMetadata.build(from: document, file: file).diagnostics.count
            }
            let built = Workflow.build(from: document, file: file)
            return count &+ (built.workflow?.jobs.count ?? 0) &+ built.diagnostics.count
        }
    }

    static func loadOnly(_ files: [SourceFile]) -> Int {
        files.reduce(0) { $0 &+ YAMLLoader.load($1).documents.count }
    }

    /// One untimed pass of one side, for instruction counts under `valgrind --tool=callgrind` (repeatable where
    /// wall time on a shared machine is not). Run `bare` and `model` and divide their totals minus `none`'s
    /// (which only reads the corpus). `passes` > 1 repeats the side, so that a sampling profiler (`perf record`)
    /// sees that side alone, long enough to attribute its cycles.
    static func once(_ side: String, root: URL, passes: Int = 1) -> Bool {
        let files = corpus(root: root).files
        // Classified for every side, as `run` does outside its timing, so `model − none` is the load + model only.
        let actions = files.map(isAction)
        var result = 0
        for _ in 0..<passes {
            switch side {
            case "none": result &+= files.count + actions.count
            case "bare": result &+= bare(files)
            case "model": result &+= model(files, actions: actions)
            case "load": result &+= loadOnly(files)
            default: return false
            }
        }
        print("\(side): \(files.count) files, checksum \(result)")
        return true
    }

    static func run(iterations: Int, root: URL) {
        let (files, directories) = corpus(root: root)
        let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
        print("files: \(files.count) (\(totalBytes) bytes) from \(directories.map(\.path).joined(separator: ", ")); iterations: \(iterations)")

        // The sides take turns, one pass over every file each per round, and the medians are reported: on a
        // shared machine a burst of load in one side's block of passes moved the ratio by a tenth or more when
        // each side ran all its passes in one go.
        let actions = files.map(isAction)
        let sides: [(label: String, body: () -> Int)] = [
            ("(a) bare libyaml event parse", { Self.bare(files) }),
            ("(b) load + model + free     ", { Self.model(files, actions: actions) }),
            ("    (load + free only)      ", { Self.loadOnly(files) }),
        ]
        let clock = ContinuousClock()
        var checksums = [Int](repeating: 0, count: sides.count)
        var perFile = [[Double]](repeating: [], count: sides.count)
        for side in sides { _ = side.body() }  // warm up
        for _ in 0..<iterations {
            for (index, side) in sides.enumerated() {
                var checksum = 0
                let elapsed = clock.measure { checksum = side.body() }
                checksums[index] &+= checksum
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                perFile[index].append(seconds / Double(files.count) * 1e6)
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        for (index, side) in sides.enumerated() {
            let microseconds = median(perFile[index])
            let megabytes = Double(totalBytes) / (microseconds * Double(files.count))
            print("\(side.label): \(String(format: "%.1f", microseconds)) µs/file, \(String(format: "%.1f", megabytes)) MB/s "
                + "(median of \(iterations) rounds; checksum \(checksums[index]))")
        }
        // The ratio of each round's own times, then their median: both sides of a round saw the same machine.
        let ratios = (0..<iterations).map { perFile[1][$0] / perFile[0][$0] }.sorted()
        let loadRatios = (0..<iterations).map { perFile[2][$0] / perFile[0][$0] }
        print("ratio (b)/(a), same files, teardown included: \(String(format: "%.2f", median(ratios)))× (target ≤ 2×; "
            + "rounds \(String(format: "%.2f", ratios.first!))–\(String(format: "%.2f", ratios.last!))); "
            + "load-only/(a): \(String(format: "%.2f", median(loadRatios)))×")

        // Per-folder summary: files, files with YAML errors, files with model diagnostics.
        var summary: [String: (files: Int, yamlErrors: Int, modelDiagnostics: Int)] = [:]
        for file in files {
            let components = file.path.split(separator: "/")
            guard let index = components.lastIndex(where: { $0 == "workflows" }), index + 1 < components.count else { continue }
            var folder = String(components[index + 1])
            if folder == "actionlint-examples", index + 2 < components.count { folder += "/" + components[index + 2] }
            let loaded = YAMLLoader.load(file)
            let model = loaded.documents.first.map {
                isAction(file) ? ActionMetadata.build(from: $0, file: file).diagnostics : Workflow.build(from: $0, file: file).diagnostics
            } ?? []
            var entry = summary[folder, default: (0, 0, 0)]
            entry.files += 1
            if loaded.hasErrors { entry.yamlErrors += 1 }
            if !model.isEmpty { entry.modelDiagnostics += 1 }
            summary[folder] = entry
        }
        for (folder, entry) in summary.sorted(by: { $0.key < $1.key }) {
            print("\(folder): \(entry.files) files, \(entry.yamlErrors) with YAML errors, \(entry.modelDiagnostics) with model diagnostics")
        }
    }
}
