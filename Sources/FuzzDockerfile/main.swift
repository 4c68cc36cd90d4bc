// libFuzzer entry point for the Dockerfile lexer, parser and dumper. Built only with PLIMSOLL_FUZZ=1.
import DockerfileSyntax
import FuzzSupport
import PlimsollCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDockerfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = SourceFile(path: "fuzz", bytes: fuzzInput(data, size))
    let dockerfile = DockerfileParser.parse(file)
    _ = DockerfileDump.dump(dockerfile, lines: true)
    _ = DockerfileDump.json(dockerfile)
    for (index, instruction) in dockerfile.instructions.enumerated() {
        _ = instruction.variableReferences(in: file)
        _ = instruction.from
        _ = instruction.copy
        _ = instruction.run
        _ = instruction.healthcheck
        _ = instruction.argDeclarations
        _ = dockerfile.stage(containing: index)
    }
    for stage in dockerfile.stages {
        _ = dockerfile.baseImageReference(of: stage)
        _ = ImageReference.parse(stage.baseImage)
    }
    return 0
}

runLibFuzzer { data, size in fuzzDockerfile(data, size) }
