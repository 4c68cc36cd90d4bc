// The floor for the peer benchmark: walk a folder (skipping `.git`, as the scanner does), read every file and
// parse the YAML ones with libyaml alone (events discarded), nothing else, on one thread. Prints its own time so
// the harness can compare with whole processes.
//
// The walk and the reads are plain POSIX calls, the cheapest way there is: the first floor used Foundation's
// directory enumerator and `FileManager.contents(atPath:)`, which descended into `.git` and cost about 45 µs a
// file, more than Plimsoll spends reading one, and so made every ratio against the floor look better than it is.
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
            for path in walk(folder.path) {
                guard let data = contents(of: path) else { continue }
                files += 1
                bytes += data.count
                if path.hasSuffix(".yml") || path.hasSuffix(".yaml") {
                    events &+= YAMLLoader.countEvents(SourceFile(path: path, bytes: data))
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "floor: %d files, %d bytes, %d events, %.6f s", files, bytes, events, seconds))
    }

    /// Regular files below `root`, depth first, without following links or entering `.git`.
    private static func walk(_ root: String) -> [String] {
        var result: [String] = []
        var pending = [root]
        while let directory = pending.popLast() {
            guard let handle = opendir(directory) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." || name == ".git" { continue }
                let path = directory + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): pending.append(path)
                case Int32(DT_REG): result.append(path)
                default: continue
                }
            }
        }
        return result
    }

    private static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, size - total) }
            if count <= 0 { break }
            total += count
        }
        return Array(bytes[0..<total])
    }
}
