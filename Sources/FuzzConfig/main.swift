// libFuzzer entry point for the configuration loader, on the input as a repository's `.plimsoll.yml`.
// Built only with PLIMSOLL_FUZZ=1.
import FuzzSupport
import PlimsollCore
import PlimsollKit

/// Paths an `ignore-paths` glob is matched against, as the repository loader does for every listed file.
let paths = [
    "Dockerfile", "src/docker/Dockerfile", "src/docker/docker-build.sh", ".github/workflows/build.yml",
    "action.yml", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.yml", "",
]
let loader = ConfigLoader()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = SourceFile(path: ".plimsoll.yml", bytes: fuzzInput(data, size))
    var policy = Policy()
    do {
        try loader.apply(file, to: &policy)
    } catch {
        // The message the CLI prints, with its position.
        _ = error.description
        if let location = error.location {
            precondition(location.offset >= 0 && location.offset <= file.bytes.count, "error past the end: \(location)")
        }
        return 0
    }
    for pattern in policy.ignorePaths {
        let glob = Glob(pattern)
        for path in paths { _ = glob.matches(path) }
        _ = glob.matches(pattern)
    }
    _ = (policy.layout, policy.platforms, policy.registry, policy.owner, policy.environmentTags, policy.devTag)
    _ = (policy.extraRegistries, policy.rules.count, policy.enforce)
    return 0
}

runLibFuzzer { data, size in fuzzConfig(data, size) }
