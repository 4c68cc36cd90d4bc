import PlimsollCore
import RepositoryModel
import ShellSyntax
import Testing

/// What `make <target>` runs, read from a Makefile (`MakefileTargets`), and what PL204/PL205 take it to build.
@Suite("Makefile targets")
struct MakefileTargetsTests {
    static func targets(_ text: String) -> MakefileTargets {
        MakefileTargets(SourceFile(path: "Makefile", text: text))
    }

    static func programs(_ commands: [ShellCommand]?) -> [String]? {
        commands?.map { $0.programWords.prefix(2).map(\.value).joined(separator: " ") }
    }

    @Test("the default goal is .DEFAULT_GOAL, else the first target not starting with a dot")
    func defaultGoal() {
        #expect(Self.targets(".PHONY: all\n# a: comment\nall: app\napp:\n\tgo build .\n").defaultGoal == "all")
        #expect(Self.targets(".DEFAULT_GOAL := app\nall: app\napp:\n\tgo build .\n").defaultGoal == "app")
    }

    @Test("a target runs its prerequisites' recipes, then its own, and sub-makes of the same Makefile")
    func recipes() {
        let makefile = Self.targets(
            """
            GO ?= go
            VERSION := $(shell git describe)
            all: generate
            \t$(MAKE) app
            \t$(MAKE) -C docs html
            generate:
            \t@$(GO) generate ./...
            app: ; CGO_ENABLED=0 $(GO) build -o bin/app .
            ifeq ($(CI),1)
            lint:
            \tgolangci-lint run
            endif
            app: GOFLAGS = -trimpath

            """)
        #expect(Self.programs(makefile.commands(of: "all")) == ["go generate", "go build", "$(MAKE) -C"])
        #expect(Self.programs(makefile.commands(of: "lint")) == ["golangci-lint run"])
        #expect(makefile.commands(of: "missing") == nil)
        #expect(!makefile.defines("GOFLAGS"))
    }

    @Test("make is what its target's recipe compiles; unread, only a C toolchain in the RUN makes it native")
    func compileKind() {
        let makefile = Self.targets("build-js:\n\tcd ui && yarn build\napp:\n\tgo build .\nlint:\n\tgolangci-lint run\n")
        func kind(_ run: String, _ makefile: MakefileTargets?) -> DockerfileCompileKind? {
            let bytes = Array(run.utf8)
            let commands = ShellSplitter.commands(in: bytes, range: 0..<bytes.count)
            return DockerfileCompileStep.all(in: commands, makefile: makefile).first?.kind
        }
        #expect(kind("cd /src && make build-js", makefile) == .portable)
        #expect(kind("make -j4 app", makefile) == .native)
        #expect(kind("make lint", makefile) == nil)
        #expect(kind("make build-js", nil) == nil)
        #expect(kind("make -C ui build-js", makefile) == nil)
        #expect(kind("make other", makefile) == nil)
        #expect(kind("./configure --prefix=/usr && make", nil) == .native)
        #expect(kind("apk add build-base && make", nil) == .native)
        #expect(kind("make CC=clang", nil) == .native)
        #expect(kind("git clone https://example.com/tool && cd tool && make build-js", makefile) == nil)
    }
}
