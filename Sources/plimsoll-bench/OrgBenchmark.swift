import Foundation

/// `plimsoll-bench org [repos] [dir]`: generates that many small repositories as git work trees (compliant,
/// violating, broken workflow YAML, bad configuration, in turn), then runs the release `plimsoll org --checkouts`
/// on them under `/usr/bin/time -v`, twice: a cold run and a resumed one. Reports repositories per second and
/// peak resident memory.
enum OrgBenchmark {
    static func run(repositories count: Int, directory: String, plimsoll: String) {
        let checkouts = directory + "/checkouts"
        let output = directory + "/out"
        try? FileManager.default.removeItem(atPath: directory)
        let generationStart = ContinuousClock.now
        for index in 0..<count {
            generate(checkouts + String(format: "/repo-%04d", index), variant: index % 4)
        }
        print("generated \(count) git repositories in \(format(ContinuousClock.now - generationStart))")
        for label in ["cold run", "resumed run"] {
            guard let measured = timed([plimsoll, "org", "--checkouts", checkouts, "--output", output, "--quiet"]) else {
                print("\(label): plimsoll org failed")
                exit(1)
            }
            let rate = Double(count) / measured.seconds
            print(
                "\(label): \(count) repositories in \(String(format: "%.2f", measured.seconds)) s = "
                    + "\(String(format: "%.0f", rate)) repos/s, peak RSS \(measured.peakKilobytes / 1024) MiB")
        }
        print("results in \(output)")
    }

    private static func generate(_ root: String, variant: Int) {
        var files: [String: String] = [
            "README.md": "# service\n",
            "src/docker/Dockerfile": "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n",
            "src/docker/docker-build.sh": "#!/bin/sh\nset -eu\ndocker build -t app:dev src/docker\n",
            ".github/workflows/publish.yml": """
                name: publish
                on:
                  push:
                    tags: ['v*']
                permissions: {}
                jobs:
                  publish:
                    runs-on: ubuntu-24.04
                    permissions:
                      contents: read
                      packages: write
                    steps:
                      - uses: actions/checkout@v5
                      - uses: docker/setup-qemu-action@v3
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: src/docker
                          platforms: linux/amd64,linux/arm64
                          push: true
                          tags: ghcr.io/example-org/app:${{ github.ref_name }}

                """,
        ]
        switch variant {
        case 1:
            files["Dockerfile"] = files.removeValue(forKey: "src/docker/Dockerfile")
            files["scripts/build.sh"] = files.removeValue(forKey: "src/docker/docker-build.sh")
        case 2: files[".github/workflows/broken.yml"] = "on: [push\njobs: {build:\n"
        case 3: files[".plimsoll.yml"] = "layout: [src-docker\n"
        default: break
        }
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
        }
        for arguments in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "initial"]] {
            _ = timed(
                ["/usr/bin/env", "git", "-C", root, "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
                    + arguments, measure: false)
        }
    }

    /// Runs a command (under `/usr/bin/time -v` when measuring); nil when it fails.
    private static func timed(_ command: [String], measure: Bool = true) -> (seconds: Double, peakKilobytes: Int)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: measure ? "/usr/bin/time" : command[0])
        process.arguments = measure ? ["-v"] + command : Array(command.dropFirst())
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        do { try process.run() } catch { return nil }
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0 else {
            if measure { print(report) }
            return nil
        }
        let peak = report.split(separator: "\n").first { $0.contains("Maximum resident set size") }
            .flatMap { $0.split(separator: ":").last }.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, peak)
    }

    private static func format(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
