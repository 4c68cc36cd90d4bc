import PlimsollCore
@testable import RepositoryModel
import Testing
import WorkflowModel

@testable import PlimsollRules

/// The WORKFLOW-ARCH helpers: platform spelling, workspace writes and version comments.
@Suite("Arch helpers")
struct ArchHelperTests {
    @Test(
        "malformed platforms get the right name",
        arguments: [
            ("amd64", "linux/amd64"), ("linux/x86_64", "linux/amd64"), ("linux/aarch64", "linux/arm64"),
            ("arm64v8", "linux/arm64"), ("armhf", "linux/arm/v7"), ("Linux/AMD64", "linux/amd64"),
            ("linux/arm/v7", "linux/arm/v7"),
        ])
    func suggestions(_ text: String, _ expected: String) {
        #expect(BuildPlatform.suggestion(for: text) == expected)
    }

    /// containerd's `platforms.Parse` and `normalizeArch`, which BuildKit and buildx use.
    @Test(
        "platforms parse as containerd parses them",
        arguments: [
            ("linux/amd64", "linux/amd64"), ("linux/arm64/v8", "linux/arm64"), ("linux/arm64/8", "linux/arm64"),
            ("linux/arm/v7", "linux/arm/v7"), ("linux/arm/7", "linux/arm/v7"), ("linux/arm", "linux/arm/v7"),
            ("linux/armhf", "linux/arm/v7"), ("linux/armel", "linux/arm/v6"), ("linux/arm/6", "linux/arm/v6"),
            ("linux/x86_64", "linux/amd64"), ("linux/aarch64", "linux/arm64"), ("Linux/AMD64", "linux/amd64"),
            ("linux/amd64/v1", "linux/amd64"), ("linux/amd64/v2", "linux/amd64/v2"), ("linux/i386", "linux/386"),
            ("amd64", "linux/amd64"), ("arm64", "linux/arm64"),
        ])
    func parsing(_ text: String, _ normalized: String) {
        #expect(BuildPlatform(text)?.normalized == normalized)
    }

    @Test("what no builder builds is not a platform", arguments: [
        "linux/x64", "linux/armv7", "linux//amd64", "linux/amd64 ", "", "linux/amd64/v9", "linux/arm/v4", "plan10/amd64",
        "linux/amd64/v2/x", "linux/*",
    ])
    func notPlatforms(_ text: String) {
        #expect(BuildPlatform(text) == nil)
    }

    @Test func nativeRunners() {
        #expect(BuildPlatform("linux/386")?.isNative(on: "amd64") == true)
        #expect(BuildPlatform("linux/arm/v7")?.isNative(on: "arm64") == false)
    }

    @Test(
        "redirects into the workspace are writes; outputs, temp and home are not",
        arguments: [
            ("echo 1 > VERSION", true), ("echo x >> \"$GITHUB_OUTPUT\"", false), ("echo x >> $GITHUB_ENV", false),
            ("cmd 2>/dev/null", false), ("cmd >&2", false), ("echo '>' x", false), ("echo x > /tmp/y", false),
            ("jq . <<< \"$J\" > out.json", true), ("echo x > ~/.npmrc", false),
        ])
    func redirects(_ run: String, _ writes: Bool) {
        #expect(LoadContextRule.redirectsIntoFile(run) == writes)
    }

    @Test("version comments of pinned refs")
    func comments() {
        func version(_ line: String) -> String? {
            let file = SourceFile(path: "w.yml", text: line + "\r\n")
            return OutdatedActionMajorRule.commentVersion(onLine: 1, of: file).map { String(decoding: file.bytes[$0], as: UTF8.self) }
        }
        #expect(version("- uses: a/b@0123 # v3.3.0") == "v3.3.0")
        #expect(version("- uses: a/b@0123 #v12") == "v12")
        #expect(version("- uses: a/b@0123 #  v2 pinned") == "v2")
        #expect(version("- uses: a/b@0123") == nil)
        #expect(ActionReference.leadingMajor(of: "v3.3.0") == 3)
        #expect(ActionReference.leadingMajor(of: "12") == 12)
        #expect(ActionReference.leadingMajor(of: "main") == nil)
        #expect(OutdatedActionMajorRule.isPlainTag("v5.0.1") && !OutdatedActionMajorRule.isPlainTag("v5 # x\nrun: evil"))
    }

    @Test("paths are normalised inside the repository only")
    func paths() {
        #expect(RepositoryPath.normalize("./src//docker/../docker/Dockerfile") == "src/docker/Dockerfile")
        #expect(RepositoryPath.normalize("../x") == nil)
        #expect(RepositoryPath.normalize(".") == "")
    }

    @Test("whitespace and uppercase in references")
    func referenceCharacters() {
        for text in ["a b", "a\tb", "a\r\n", "\u{A0}", "x\u{2028}"] { #expect(InvalidReferenceRule.hasWhitespace(text)) }
        for text in ["", "ab", "é", "\u{200B}"] { #expect(!InvalidReferenceRule.hasWhitespace(text)) }
        for text in ["ghcr.io/Acme/app", "Z"] { #expect(ImageNameLowercaseRule.hasUppercase(text)) }
        for text in ["ghcr.io/acme/app", "é", ""] { #expect(!ImageNameLowercaseRule.hasUppercase(text)) }
    }
}

/// What a build reads, as build-push-action and docker resolve it: one answer for every rule.
@Suite("Build inputs")
struct BuildInputsTests {
    @Test(
        "the Git context, a path context and the Dockerfile in each",
        arguments: [
            ("", "", "", true, "Dockerfile"),
            ("{{defaultContext}}", "", "", true, "Dockerfile"),
            ("{{ defaultContext }}:sub", "", "sub", true, "sub/Dockerfile"),
            ("{{defaultContext}}:app", "Dockerfile", "app", true, "app/Dockerfile"),
            (".", "src/docker/Dockerfile", "", false, "src/docker/Dockerfile"),
            ("./app", "", "app", false, "app/Dockerfile"),
            ("${{ github.workspace }}/app", "${{ github.workspace }}/app/Dockerfile.prod", "app", false, "app/Dockerfile.prod"),
            ("app", "../x/Dockerfile", "app", false, nil),
        ] as [(String, String, String, Bool, String?)])
    func action(context: String, file: String, contextPath: String, git: Bool, dockerfile: String?) throws {
        var with = ""
        if !context.isEmpty { with += "          context: \"\(context)\"\n" }
        if !file.isEmpty { with += "          file: \"\(file)\"\n" }
        let yaml = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v7\n"
            + (with.isEmpty ? "" : "        with:\n" + with)
        let build = try #require(Self.builds(yaml).first)
        #expect(build.contextPath == contextPath)
        #expect(build.isGitContext == git)
        #expect(build.dockerfilePath == dockerfile)
    }

    @Test func commandLine() throws {
        let yaml = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - working-directory: web\n"
            + "        run: docker build -f docker/Dockerfile -t x .\n"
        let build = try #require(Self.builds(yaml).first)
        #expect(build.contextPath == "web")
        #expect(build.dockerfilePath == "web/docker/Dockerfile")
    }

    static func builds(_ yaml: String) -> [ImageBuild] {
        let file = SourceFile(path: ".github/workflows/x.yml", text: yaml)
        guard let workflow = Workflow.load(file).workflow else { return [] }
        return ImageBuild.all(in: workflow)
    }
}
