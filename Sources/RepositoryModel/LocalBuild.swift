import PlimsollCore
import ShellSyntax

/// A file that holds a local build, with the docker command lines it runs (byte ranges in the file).
public struct LocalBuildFile: Sendable {
    public let source: SourceFile
    public let dockerCommands: [DockerCommand]
    /// True for the entry point the standard names: the layout's build script, or the `container` script of
    /// Pipfile or package.json. False for Makefile recipes and helper scripts, which may build other images.
    public let isEntryPoint: Bool
}

/// Where a repository keeps its local build, read once for every rule about it. The `src-docker` layout keeps it
/// in `src/docker/docker-build.sh`; the root layout in `docker-build.sh`, a `container` script in Pipfile
/// (`[scripts]`) or package.json (`scripts`), or a Makefile recipe. Nothing here is run: the commands are read
/// as text, as a shell would split them.
extension Repository {
    /// Every place a local build may be, the layout's script first.
    public var localBuildFiles: [LocalBuildFile] {
        var files: [LocalBuildFile] = []
        if let script = script(at: policy.layout.buildScriptPath) {
            files.append(LocalBuildFile(source: script.source, dockerCommands: script.dockerCommands, isEntryPoint: true))
        }
        if let makefile {
            files.append(LocalBuildFile(source: makefile.file, dockerCommands: makefile.dockerCommands, isEntryPoint: false))
        }
        for (path, scripts) in [("Pipfile", LocalBuildScripts.pipfile), ("package.json", LocalBuildScripts.packageJSON)] {
            guard let file = buildFiles[path], let range = scripts(file.bytes, "container") else { continue }
            files.append(
                LocalBuildFile(
                    source: file, dockerCommands: DockerCommand.find(in: ShellSplitter.commands(in: file.bytes, range: range)),
                    isEntryPoint: true))
        }
        return files
    }
}

/// The byte range of one named script's command in the files task runners read.
enum LocalBuildScripts {
    /// `name = "command"` (or single quotes) in Pipfile's `[scripts]` table (TOML).
    static func pipfile(_ bytes: [UInt8], _ name: String) -> Range<Int>? {
        var inScripts = false
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("[") {
                inScripts = trimmed == "[scripts]"
            } else if inScripts, let equals = line.firstIndex(of: "="),
                line[..<equals].trimmingWhitespace().filter({ $0 != "\"" && $0 != "'" }) == name
            {
                let valueStart = start + line.utf8.distance(from: line.startIndex, to: line.index(after: equals))
                var open = valueStart
                while open < end, bytes[open] == UInt8(ascii: " ") || bytes[open] == UInt8(ascii: "\t") { open += 1 }
                guard open < end, bytes[open] == UInt8(ascii: "\"") || bytes[open] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[open]
                guard let close = bytes[(open + 1)..<end].lastIndex(of: quote) else { return nil }
                return (open + 1)..<close
            }
            start = end + 1
        }
        return nil
    }

    /// `"name": "command"` inside the top-level `"scripts"` object of package.json. A small scanner over JSON
    /// strings (escapes skipped), so the range points into the file.
    static func packageJSON(_ bytes: [UInt8], _ name: String) -> Range<Int>? {
        var index = 0
        var depth = 0
        var scriptsDepth: Int?
        var lastString: Range<Int>?
        var afterColon = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard end < bytes.count else { return nil }
                let string = start..<end
                if afterColon {
                    if let scriptsDepth, depth == scriptsDepth, let key = lastString,
                        String(decoding: bytes[key], as: UTF8.self) == name
                    {
                        return string
                    }
                    afterColon = false
                } else {
                    lastString = string
                }
                index = end + 1
                continue
            case UInt8(ascii: ":"):
                afterColon = true
            case UInt8(ascii: "{"):
                if afterColon, depth == 1, let key = lastString, String(decoding: bytes[key], as: UTF8.self) == "scripts" {
                    scriptsDepth = depth + 1
                }
                depth += 1
                afterColon = false
            case UInt8(ascii: "}"):
                if depth == scriptsDepth { scriptsDepth = nil }
                depth -= 1
                afterColon = false
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"):
                afterColon = false
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
