// swift-tools-version:6.0
import PackageDescription

// The pipeline is visible in the targets: discover and report live in PlimsollKit; parse in DockerfileSyntax,
// YAMLSyntax (with WorkflowModel, the typed reading of a workflow file) and ShellSyntax; model in
// RepositoryModel (what the repository builds and publishes); check in PlimsollRules.
let package = Package(
    name: "Plimsoll",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PlimsollKit", targets: ["PlimsollKit"]),
        .executable(name: "plimsoll", targets: ["plimsoll"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // HTML for the org dashboard, escaped by construction.
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Positions, findings, rule metadata and policy: the vocabulary every other target shares.
        .target(name: "PlimsollCore"),
        .target(name: "DockerfileSyntax", dependencies: ["PlimsollCore"]),
        .target(name: "YAMLSyntax", dependencies: ["CYAML", "PlimsollCore"]),
        .target(
            name: "WorkflowModel", dependencies: ["YAMLSyntax", "PlimsollCore"],
            // What Plimsoll knows about actions, as data compiled into the program (no file to find at run time).
            resources: [.embedInCode("Resources/known-actions.yml")]),
        // An honest shell word-splitter: enough to find `docker build` in a script and read its flags.
        .target(name: "ShellSyntax"),
        // What a repository builds and publishes, read once: files, Dockerfile stages, local builds, and every
        // workflow step that builds, pushes or promotes an image. Rules are queries on it.
        .target(
            name: "RepositoryModel", dependencies: ["PlimsollCore", "DockerfileSyntax", "WorkflowModel", "ShellSyntax", "YAMLSyntax"]),
        .target(
            name: "PlimsollRules",
            dependencies: ["PlimsollCore", "DockerfileSyntax", "WorkflowModel", "ShellSyntax", "RepositoryModel"]),
        // libcurl through dlopen, for the online mode only (see its header for why not URLSession).
        .target(name: "CHTTP", linkerSettings: [.linkedLibrary("dl")]),
        // openat2(2) with RESOLVE_BENEATH: reads that cannot leave the scanned root (a system call Swift cannot
        // call directly, as syscall(2) is variadic).
        .target(name: "CFileAccess"),
        // glibc heap tuning (mallopt, MADV_HUGEPAGE) for a scan's short-lived process; see its header.
        .target(name: "CHeap"),
        .target(
            name: "PlimsollKit",
            dependencies: [
                "CHTTP", "CFileAccess", "CHeap", "PlimsollCore", "DockerfileSyntax", "YAMLSyntax", "WorkflowModel",
                "RepositoryModel",
                "PlimsollRules",
                .product(name: "Plot", package: "Plot"),
            ]),
        .executableTarget(
            name: "plimsoll",
            dependencies: ["PlimsollKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
        // Throughput benchmarks for `make bench` (release mode): Dockerfile parser, YAML layer and model.
        .executableTarget(
            name: "plimsoll-bench", dependencies: ["DockerfileSyntax", "YAMLSyntax", "WorkflowModel", "PlimsollCore"]),
        .testTarget(name: "YAMLSyntaxTests", dependencies: ["YAMLSyntax", "WorkflowModel"]),
        .testTarget(name: "PlimsollKitTests", dependencies: ["PlimsollKit"]),
        .testTarget(name: "ShellSyntaxTests", dependencies: ["ShellSyntax"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (`make fuzz`); only with PLIMSOLL_FUZZ=1 so normal builds never link them. FuzzSupport holds
// the driver call they share.
if Context.environment["PLIMSOLL_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport"))
    let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzDockerfile", ["DockerfileSyntax", "PlimsollCore"]),
        ("FuzzYAML", ["YAMLSyntax", "WorkflowModel", "PlimsollCore"]),
        ("FuzzShell", ["ShellSyntax"]),
        ("FuzzConfig", ["PlimsollKit", "PlimsollCore"]),
        ("FuzzWorkflowRules", ["PlimsollKit", "PlimsollCore"]),
    ]
    for fuzzer in fuzzers {
        package.targets.append(.executableTarget(name: fuzzer.name, dependencies: ["FuzzSupport"] + fuzzer.dependencies))
        package.products.append(.executable(name: fuzzer.name, targets: [fuzzer.name]))
    }
}

// Release builds on Linux link the Swift runtime and Foundation into the executables, as
// `swift build --static-swift-stdlib` does. A process then starts without loading and relocating twenty shared
// libraries: `plimsoll scan` of a small repository 11.5 -> 8.0 ms, of 441 Dockerfiles 30.4 -> 27.5 ms. The binary
// is larger (63 MB stripped, ICU data included) and runs where no Swift runtime is installed. Only executables
// carry the flags, so the PlimsollKit library stays free of unsafe flags for packages that embed it. Foundation's
// static libraries are named in one group because, compiled without `-static-stdlib`, our modules do not list
// their dependencies for the linker. Not for the fuzzers, whose sanitizer runtime expects the shared libraries.
if Context.environment["PLIMSOLL_FUZZ"] != "1" {
    let release = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
    let foundation = ["Foundation", "FoundationInternationalization", "FoundationEssentials", "_FoundationCollections",
                      "_FoundationCShims", "_FoundationICU", "CoreFoundation", "swiftSynchronization"]
    let flags = ["-static-stdlib", "-Xlinker", "--start-group"] + foundation.flatMap { ["-Xlinker", "-l" + $0] }
        + ["-Xlinker", "--end-group", "-Xlinker", "-lstdc++"]
    for target in package.targets where target.type == .executable {
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(flags, release)]
    }
}
