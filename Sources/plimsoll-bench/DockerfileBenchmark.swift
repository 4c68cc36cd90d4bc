import DockerfileSyntax
import Foundation
import PlimsollCore
#if canImport(Glibc)
import Glibc
#endif

/// Lexes and parses a large buffer made of every fixture Dockerfile repeated, on one core, and prints MB/s.
/// With several runs (the machine may be shared) it prints each run, then the median and the best. Each run
/// also reports the parsing thread's CPU time, which other processes on the machine do not inflate.
enum DockerfileBenchmark {
    static func fixtureDockerfiles() -> [[UInt8]] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        var files: [[UInt8]] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix("Dockerfile"), !path.contains("negative") else { continue }
            if let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) {
                files.append(Array(data))
            }
        }
        return files
    }

    /// CPU time (user and system) of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func run(megabytes: Int, runs: Int = 1) {
        let files = fixtureDockerfiles()
        guard !files.isEmpty else {
            print("no fixture Dockerfiles found")
            exit(1)
        }
        var buffer: [UInt8] = []
        let target = megabytes * 1_000_000
        buffer.reserveCapacity(target + 100_000)
        // Start each copy on a fresh line so one file's trailing continuation cannot swallow the next one.
        while buffer.count < target {
            for file in files {
                buffer.append(contentsOf: file)
                buffer.append(0x0A)
            }
        }
        let file = SourceFile(path: "bench", bytes: buffer)
        let clock = ContinuousClock()
        let mb = Double(buffer.count) / 1_000_000
        var rates: [Double] = []
        for _ in 0..<runs {
            var result: Dockerfile?
            let cpuBefore = threadCPUSeconds()
            let elapsed = clock.measure {
                result = DockerfileParser.parse(file)
            }
            let cpu = threadCPUSeconds() - cpuBefore
            // Freeing the result is not part of parsing; it happens after the measurement.
            let instructions = result?.instructions.count ?? 0
            result = nil
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            rates.append(mb / seconds)
            print(String(format: "dockerfile: %.1f MB, %d instructions, %.3f s, %.1f MB/s (thread CPU %.3f s, %.1f MB/s)",
                         mb, instructions, seconds, mb / seconds, cpu, mb / cpu))
        }
        if runs > 1 {
            let sorted = rates.sorted()
            print(String(format: "dockerfile: %d runs, median %.1f MB/s, best %.1f MB/s", runs, sorted[runs / 2], sorted[runs - 1]))
        }
    }
}
