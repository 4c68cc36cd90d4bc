// Throughput benchmarks, run in release mode by `make bench`.
//   plimsoll-bench dockerfile [megabytes] [runs]   lex + parse a large concatenated Dockerfile corpus
//   plimsoll-bench yaml [iterations] [root]        bare libyaml parse vs. load + workflow model
//   plimsoll-bench yaml-once SIDE [root] [passes]  untimed passes (none|bare|model|load), for callgrind or perf
//   plimsoll-bench org [repos] [dir]               generate repositories, time `plimsoll org --checkouts` on them
//   plimsoll-bench floor FOLDER                    read every file, bare libyaml parse of the YAML ones
import Foundation

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "dockerfile":
    DockerfileBenchmark.run(
        megabytes: arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50,
        runs: arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1)
case "yaml":
    YAMLBenchmark.run(
        iterations: arguments.count > 2 ? max(1, Int(arguments[2]) ?? 20) : 20,
        root: URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : FileManager.default.currentDirectoryPath))
case "yaml-once" where arguments.count > 2:
    let root = URL(fileURLWithPath: arguments.count > 3 ? arguments[3] : FileManager.default.currentDirectoryPath)
    let passes = arguments.count > 4 ? max(1, Int(arguments[4]) ?? 1) : 1
    if !YAMLBenchmark.once(arguments[2], root: root, passes: passes) { exit(2) }
case "org":
    OrgBenchmark.run(
        repositories: arguments.count > 2 ? max(1, Int(arguments[2]) ?? 500) : 500,
        directory: arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "plimsoll-bench-org",
        plimsoll: URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("plimsoll").path)
case "floor" where arguments.count > 2:
    FloorBenchmark.run(folder: URL(fileURLWithPath: arguments[2]))
default:
    print("usage: plimsoll-bench dockerfile [megabytes] [runs] | yaml [iterations] [root] | yaml-once none|bare|model|load [root] [passes] | org [repos] [dir] | floor FOLDER")
    exit(2)
}
