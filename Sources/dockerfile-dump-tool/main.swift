// Prints the parse of each Dockerfile named on the command line, for the differential test.
//   dockerfile-dump-tool [--dump|--lines] FILE...     BuildKit `result` text
//   dockerfile-dump-tool --json FILE...               one JSON object per file, one per line
import DockerfileSyntax
import Foundation
import PlimsollCore

var arguments = Array(CommandLine.arguments.dropFirst())
var mode = "--json"
if let first = arguments.first, first.hasPrefix("--") {
    mode = first
    arguments.removeFirst()
}
var output = ""
for path in arguments {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    let dockerfile = DockerfileParser.parse(SourceFile(path: path, bytes: Array(data)))
    switch mode {
    case "--dump": output += DockerfileDump.dump(dockerfile)
    case "--lines": output += DockerfileDump.dump(dockerfile, lines: true)
    default: output += DockerfileDump.json(dockerfile) + "\n"
    }
}
FileHandle.standardOutput.write(Data(output.utf8))
