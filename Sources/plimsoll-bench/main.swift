// Throughput benchmarks. Usage: plimsoll-bench dockerfile [megabytes]
// (`yaml` is reserved for the YAML parser's benchmark.)
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: plimsoll-bench dockerfile [megabytes]")
    exit(2)
}
switch arguments[1] {
case "dockerfile":
    let megabytes = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50
    DockerfileBenchmark.run(megabytes: megabytes)
default:
    print("unknown benchmark: \(arguments[1])")
    exit(2)
}
