// libFuzzer entry point for the rules that read workflows and composite actions: the input is scanned as a
// workflow and as an action of an otherwise fixed repository, and the findings are rendered by every reporter.
// The rules walk the models in ways FuzzYAML does not (following `needs`, job outputs, step references), and
// that is where fuzzing found the worst bugs. Built only with PLIMSOLL_FUZZ=1.
import FuzzSupport
import PlimsollCore
import PlimsollKit

/// A small repository in the standard layout, so build rules find a Dockerfile and a build script to link to.
let fixedFiles: [String: [UInt8]] = [
    "src/docker/Dockerfile": Array("""
        # syntax=docker/dockerfile:1
        FROM --platform=$BUILDPLATFORM golang:1.23 AS build
        ARG TARGETOS TARGETARCH
        RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
        FROM alpine:3.20
        COPY --from=build /app /app
        RUN apk add --no-cache ca-certificates
        ENTRYPOINT ["/app"]

        """.utf8),
    "src/docker/docker-build.sh": Array("#!/bin/sh\nset -e\ndocker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/acme/app:dev src/docker\n".utf8),
]
let scanner = Scanner()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkflowRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    var files = fixedFiles
    files[".github/workflows/fuzz.yml"] = input
    files[".github/actions/fuzz/action.yml"] = input
    let source = InMemoryRepositorySource(files: files, executables: ["src/docker/docker-build.sh"])
    guard let result = try? scanner.scan(source, root: ".") else { return 0 }
    let options = ReportOptions(useColor: false, rootURI: "file:///fuzz/")
    _ = TextReporter.report(result, options: options)
    _ = SARIFReporter.report(result, options: options)
    _ = JSONReporter.report(result, options: options)
    _ = GitHubActionsReporter.report(result, options: options)
    _ = MarkdownReporter.report(result, options: options)
    return 0
}

runLibFuzzer { data, size in fuzzWorkflowRules(data, size) }
