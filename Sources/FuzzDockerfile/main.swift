// libFuzzer entry point for the Dockerfile lexer, parser and dumper. Built only with PLIMSOLL_FUZZ=1.
import DockerfileSyntax
import PlimsollCore
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDockerfile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let file = SourceFile(path: "fuzz", bytes: bytes)
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

// SwiftPM makes this file's top-level code the process entry point (it renames `main`), which would hide
// libFuzzer's own `main`; hand control to libFuzzer's driver explicitly.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var fuzzArgc = CommandLine.argc
var fuzzArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = runFuzzerDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzzDockerfile(data, size) }
exit(status)
