import ShellSyntax
import Testing

@Suite("Shell word-splitter")
struct ShellSplitterTests {
    private func values(_ text: String) -> [[String]] {
        ShellSplitter.commands(in: text).map { $0.words.map(\.value) }
    }

    @Test("quotes, escapes and expansions")
    func quoting() {
        #expect(values(#"docker build -t "my image" 'a b' c\ d"#) == [["docker", "build", "-t", "my image", "a b", "c d"]])
        #expect(values(#"echo "$(git rev-parse --short HEAD)" ${X:-"a b"}"#) == [["echo", "$(git rev-parse --short HEAD)", #"${X:-"a b"}"#]])
        #expect(values("echo \"a\\\"b\" 'c\\d'") == [["echo", "a\"b", "c\\d"]])
    }

    @Test("control operators, comments and continuations")
    func operators() {
        let script = """
            #!/bin/sh
            set -e # comment with docker push
            cd "$(dirname "$0")" && docker build \\
              --platform linux/amd64 . ; echo done
            a | b || c & d
            """
        #expect(values(script) == [
            ["set", "-e"], ["cd", "$(dirname \"$0\")"], ["docker", "build", "--platform", "linux/amd64", "."],
            ["echo", "done"], ["a"], ["b"], ["c"], ["d"],
        ])
    }

    @Test("a case inside $(…) keeps its pattern parentheses inside the word")
    func caseInCommandSubstitution() {
        let text = "curl -o go.tgz https://go.dev/dl/go1.23.linux-$(case $(uname -m) in x86_64) echo amd64 ;; "
            + "aarch64) echo arm64 ;; esac).tar.gz | tar xz"
        #expect(values(text) == [
            ["curl", "-o", "go.tgz",
             "https://go.dev/dl/go1.23.linux-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tar.gz"],
            ["tar", "xz"],
        ])
        #expect(values("echo $(echo case) x; y") == [["echo", "$(echo case)", "x"], ["y"]])
        #expect(values("a=$(case $v in (x) echo 1 ;; esac) b") == [["a=$(case $v in (x) echo 1 ;; esac)", "b"]])
    }

    @Test("here-document bodies are not commands")
    func heredocs() {
        let script = "cat <<EOF > notes\ndocker push x\nEOF\ncat <<-'END'\n\tdocker push y\n\tEND\necho after\n"
        #expect(values(script) == [["cat", "notes"], ["cat"], ["echo", "after"]])
    }

    @Test("word ranges point at the text as written")
    func ranges() throws {
        let text = "x=1 docker  build -f 'src/docker/Dockerfile' ."
        let command = try #require(ShellSplitter.commands(in: text).first)
        let file = try #require(command.words.first { $0.value == "src/docker/Dockerfile" })
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[file.range], as: UTF8.self) == "'src/docker/Dockerfile'")
        #expect(file.isQuoted)
        #expect(command.programWords.first?.value == "docker")
    }

    @Test("unbalanced quotes and stray bytes never hang or crash", arguments: [
        "echo 'unterminated", "echo \"unterminated $(", "$(((", "`", "\\", "<<", "<<EOF", "a <<EOF\nb", "\u{0}\u{1}",
        "docker build ${", "docker build $(echo 'x", String(repeating: "(", count: 10_000),
    ])
    func robustness(_ text: String) {
        _ = ShellSplitter.commands(in: text)
    }
}

@Suite("Docker command lines")
struct DockerCommandTests {
    private func docker(_ text: String) -> [DockerCommand] {
        DockerCommand.find(in: ShellSplitter.commands(in: text))
    }

    @Test("build flags in every spelling")
    func buildFlags() throws {
        let command = try #require(docker(
            "sudo -E docker buildx build --platform=linux/amd64,linux/arm64 -t a:1 --tag b:2 -f src/docker/Dockerfile --push .").first)
        #expect(command.kind == .build(buildx: true))
        #expect(command.options("--platform").first?.text == "linux/amd64,linux/arm64")
        #expect(command.options("--tag").compactMap(\.text) == ["a:1", "b:2"])
        #expect(command.options("--file").first?.text == "src/docker/Dockerfile")
        #expect(command.has("--push"))
        #expect(command.arguments.map(\.value) == ["."])
    }

    @Test("each kind is recognised", arguments: [
        ("docker build .", DockerCommand.Kind.build(buildx: false)),
        ("docker image build .", .build(buildx: false)),
        ("podman build .", .build(buildx: false)),
        ("docker buildx b .", .build(buildx: true)),
        ("docker push x", .push),
        ("docker image push x", .push),
        ("docker buildx imagetools create -t a b", .imagetoolsCreate),
        ("docker tag a b", .tag),
        ("docker pull a", .pull),
        ("docker buildx bake", .bake),
        ("docker --context remote push x", .push),
    ])
    func kinds(_ text: String, _ kind: DockerCommand.Kind) {
        #expect(docker(text).map(\.kind) == [kind])
    }

    @Test("text that only mentions docker is not a command")
    func mentions() {
        #expect(docker("echo docker push x").isEmpty)
        #expect(docker("# docker push x").isEmpty)
        #expect(docker("dockerd build").isEmpty)
        #expect(docker("docker ps").isEmpty)
    }
}
