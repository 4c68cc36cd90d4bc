// libFuzzer entry point for the shell word-splitter and the docker command reader, on the input as a script.
// Built only with PLIMSOLL_FUZZ=1.
import FuzzSupport
import ShellSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShell(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    // The whole buffer, as for a script file, and from the text, as for a quoted `run:` value.
    split(bytes, 0..<bytes.count, depth: 0)
    inspect(ShellSplitter.commands(in: String(decoding: bytes, as: UTF8.self)))
    // A slice, as for a RUN instruction or a `run: |` block inside a larger file: the first byte picks where.
    if let first = bytes.first {
        let start = min(Int(first), bytes.count)
        split(bytes, start..<bytes.count, depth: 0)
        split(bytes, 0..<(bytes.count - start), depth: 0)
    }
    return 0
}

/// Splits `bytes[range]` and, like the RUN rules, again inside each `$(…)` and backquote up to three levels.
func split(_ bytes: [UInt8], _ range: Range<Int>, depth: Int) {
    let commands = ShellSplitter.commands(in: bytes, range: range)
    var previousEnd = range.lowerBound
    for command in commands {
        precondition(!command.words.isEmpty, "empty command")
        for word in command.words {
            // Rules read `bytes[word.range]` and point findings at it: it must lie inside the range, in order.
            precondition(word.range.lowerBound >= previousEnd && word.range.upperBound <= range.upperBound,
                "word \(word.range) outside \(range) or overlapping the previous word (ends \(previousEnd))")
            precondition(!word.range.isEmpty, "empty word range at \(word.range)")
            previousEnd = word.range.upperBound
        }
    }
    inspect(commands)
    guard depth < 3 else { return }
    for command in commands {
        for word in command.words where word.hasExpansion {
            var index = word.range.lowerBound
            while index < word.range.upperBound {
                let byte = bytes[index]
                if byte == UInt8(ascii: "`")
                    || (byte == UInt8(ascii: "$") && index + 1 < word.range.upperBound && bytes[index + 1] == UInt8(ascii: "("))
                {
                    split(bytes, (index + (byte == UInt8(ascii: "$") ? 2 : 1))..<word.range.upperBound, depth: depth + 1)
                    break
                }
                index += 1
            }
        }
    }
}

/// What the rules read of each command: the program words, and every docker command with its flags.
func inspect(_ commands: [ShellCommand]) {
    for command in commands {
        _ = (command.range, command.programWords.first?.value)
    }
    for docker in DockerCommand.find(in: commands) {
        precondition(docker.verbRange.lowerBound >= docker.command.range.lowerBound
            && docker.verbRange.upperBound <= docker.command.range.upperBound, "verb outside its command")
        for option in docker.options {
            _ = (option.canonicalName, option.text, option.value?.range)
        }
        _ = (docker.options("--platform"), docker.options("--tag", "-t"), docker.has("--push"), docker.arguments.count)
    }
}

runLibFuzzer { data, size in fuzzShell(data, size) }
