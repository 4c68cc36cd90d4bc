import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// ARG and ENV values end up in the image's history, its config, and in provenance attestations.
struct SecretInArgEnvRule: Rule {
    static let description = RuleDescription(
        id: "PL206",
        name: "secret-in-arg-env",
        title: "Secret in ARG or ENV",
        family: .dockerfile,
        defaultSeverity: .warning,
        summary: "An `ARG` or `ENV` is named like a secret (`…_PASSWORD`, `…_TOKEN`, `…_SECRET`, `API_KEY`, "
            + "`…_AUTH`) (warning), or holds a literal credential: a URL with `user:password@` or a token-shaped "
            + "value such as `ghp_…`, `glpat-…`, `AKIA…` (error).",
        rationale: """
            `ENV` values are stored in the image config, readable by anyone who can pull the image. `ARG` \
            values are recorded in `docker history` for every `RUN` that uses them, and the default \
            provenance of `build-push-action` is `mode=max` for public repositories, which publishes every \
            build-arg value (Docker docs, "Provenance attestations"). BuildKit reports the names as `SecretsUsedInArgOrEnv` (Docker docs, "Build checks").

            Names are matched word by word (split at `_`, `-` and `.`) on PASSWORD, PASSWD, PASS, PWORD, \
            TOKEN, SECRET, KEY, APIKEY, AUTH, CREDENTIAL(S), as BuildKit does. Unlike BuildKit, Plimsoll \
            does not fire on names that are public by design or only point at a secret: any name with \
            PUBLIC, GPG or PGP (`GPG_KEY` in the official Python images is a key fingerprint, \
            `NEXT_PUBLIC_API_KEY` is shipped to browsers), and names that end in a qualifier such as `_URL`, \
            `_FILE`, `_PATH`, `_ID`, `_NAME`, `_SERVER`, `_TYPE`, `_ENABLED`, `_DB` (`TOKEN_FILE`, \
            `AWS_ACCESS_KEY_ID`, `AUTH_ENABLED`, MongoDB's `AUTH_DB=admin`), or in `_PROVIDER(S)`, a list of login methods \
            (`AUTH_PROVIDERS=credentials`). A literal credential fires whatever the name, unless it is a \
            placeholder (`placeholder`, `dummy`, `example`, `sample`, `fake`, `redacted`, `xxxx`, `****`, \
            `<password>`) in its password, user or database name, or a word that only names the field \
            (`user:pass`, `postgres:password`) on a loopback host: `postgresql://user:pass@localhost:5432/dummy` \
            only lets a build-time tool run. An ENV in a builder stage (one the final stage is not built `FROM`) \
            is not in the published image, only in the Dockerfile and that stage's build cache, and the \
            finding says so. \
            `# check=skip=SecretsUsedInArgOrEnv` turns the name findings off for a file and \
            `# check=error=true` makes them errors, as in `docker build --check`; a literal credential is \
            reported either way.
            """,
        fix: "Pass secrets as BuildKit secret mounts: `RUN --mount=type=secret,id=npm_token …` in the Dockerfile "
            + "and the `secrets:` input of `docker/build-push-action`; rotate any credential that was committed.",
        triggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM node:22-alpine\nARG ↓NPM_TOKEN\nRUN npm ci\n"),
            RuleExample(
                "src/docker/Dockerfile", "FROM python:3.12-slim\nENV ↓DB_PASSWORD=changeme\n",
                caption: "a secret baked into the image config"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM python:3.12-slim\nENV PIP_INDEX_URL=↓https://deploy:s3cr3t@pypi.example.com/simple\n",
                caption: "a literal credential in a URL (error)"),
            RuleExample(
                "src/docker/Dockerfile", "FROM alpine:3.20\nARG ↓GH_TOKEN=↓ghp_0123456789abcdefghijABCDEFGHIJ012345\n",
                caption: "a token-shaped value (error), under a secret name (warning)"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine AS builder\nENV DATABASE_URL=↓\"postgresql://app:Zq81vR2k@db.internal:5432/app\"\n"
                    + "RUN npm run build\nFROM node:22-alpine\nCOPY --from=builder /app /app\nUSER node\n",
                caption: "a credential in a builder stage: not in the published image, still in the Dockerfile and the build cache"),
        ],
        nonTriggeringExamples: [
            RuleExample("src/docker/Dockerfile", "FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine\nARG PUBLIC_KEY_URL=https://example.com/key.pub\nENV NEXT_PUBLIC_API_KEY=abc\n"
                    + "ENV AUTHOR=ops TOKENIZERS_PARALLELISM=false AUTH_DB=admin\n",
                caption: "public keys, pointers to keys, and look-alike words"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n",
                caption: "a secret mount"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine\nENV AUTH_PROVIDERS='credentials'\n"
                    + "ENV DATABASE_URL=\"postgresql://placeholder:placeholder@localhost:5432/placeholder\"\n"
                    + "RUN npx prisma generate\n",
                caption: "a list of login methods, and a placeholder URL for a build-time tool"),
            RuleExample(
                "src/docker/Dockerfile",
                "FROM node:22-alpine AS builder\nENV DATABASE_URL=\"postgresql://user:pass@localhost:5432/dummy\"\n"
                    + "RUN npm run build\nFROM node:22-alpine\nCOPY --from=builder /app /app\nUSER node\n",
                caption: "generic words on localhost and a dummy database: a stand-in URL"),
        ]
    )

    func check(dockerfile: DockerfileFile, in repository: Repository, emitter: inout FindingEmitter) {
        let source = dockerfile.source
        let file = dockerfile.dockerfile
        let instructions = file.instructions
        // The stage of each instruction in a stage that the published image is not built on: the final stage
        // and the stages it is built `FROM` make the image's config and history; any other stage (a builder
        // whose files a `COPY --from` takes) keeps its ENV in the build cache, not in the image.
        var published: Set<Int> = []
        var next = file.stages.last?.index
        while let index = next, index < file.stages.count, published.insert(index).inserted {
            next = file.stages[index].baseStageIndex
        }
        var builderStage: [Int: Stage] = [:]
        for stage in file.stages where !published.contains(stage.index) {
            for index in stage.instructionIndices { builderStage[index] = stage }
        }
        for index in instructions.indices {
            let instructionKind = instructions[index].kind
            guard instructionKind == .arg || instructionKind == .env else { continue }
            let instruction = instructions[index]
            let builder = builderStage[index].map { $0.name.map { "'\($0)'" } ?? "\($0.index)" }
            switch instruction.kind {
            case .arg:
                let kind = instruction.kind.description
                for declaration in instruction.argDeclarations {
                    check(
                        name: declaration.name, nameSpan: declaration.nameSpan, value: declaration.defaultValue,
                        valueSpan: declaration.defaultValueSpan, kind: kind, builder: builder, path: source.path,
                        checks: dockerfile.checkDirective, emitter: &emitter)
                }
            case .env:
                let kind = instruction.kind.description
                for pair in instruction.keyValuePairs {
                    check(
                        name: pair.key.text, nameSpan: pair.key.span, value: pair.value.text, valueSpan: pair.value.span,
                        kind: kind, builder: builder, path: source.path, checks: dockerfile.checkDirective,
                        emitter: &emitter)
                }
            default:
                continue
            }
        }
    }

    /// `builder` names the stage when the published image is not built on it.
    private func check(
        name: String, nameSpan: SourceSpan, value: String?, valueSpan: SourceSpan?, kind: String, builder: String?,
        path: String, checks: BuildKitCheckDirective, emitter: inout FindingEmitter
    ) {
        // The name is BuildKit's SecretsUsedInArgOrEnv check, which `# check=` configures; a literal credential
        // is Plimsoll's own finding.
        if Self.isSecretName(name), !checks.skips(.secretsUsedInArgOrEnv) {
            let literal = value.map {
                !$0.isEmpty && !$0.contains("$") && $0 != "\"\"" && $0 != "''" && !Self.isPlaceholder(Substring($0.strippingQuotes()))
            } ?? false
            emitter.emit(
                literal ? .secretValue(kind, name, builder: builder) : .secretName(kind, name), path: path, span: nameSpan,
                severity: checks.severity(of: .secretsUsedInArgOrEnv),
                notes: ["use a secret mount: RUN --mount=type=secret,id=\(name.lowercased()) …"])
        }
        if let value, let valueSpan, let what = Self.literalCredential(value) {
            let kept = builder.map {
                "it is written in this Dockerfile and kept in the build cache and history of stage \($0), "
                    + "which the published image is not built on"
            } ?? (kind == "ENV" ? "it is written in this Dockerfile and stored in the published image's config"
                : "it is written in this Dockerfile and recorded in the image history of every RUN that uses it")
            emitter.emit(
                .credential(kind, name, what), path: path, span: valueSpan, severity: .error,
                notes: [kept, "if it is a real credential rotate it, and pass it as a secret mount instead"])
        }
    }

    static let secretWords: Set<String> = [
        "PASSWORD", "PASSWD", "PASS", "PWORD", "TOKEN", "SECRET", "KEY", "APIKEY", "AUTH", "CREDENTIAL", "CREDENTIALS",
    ]
    static let publicWords: Set<String> = ["PUBLIC", "PUB", "GPG", "PGP"]
    static let qualifiers: Set<String> = [
        "URL", "URI", "FILE", "PATH", "DIR", "ID", "NAME", "SERVER", "HOST", "TYPE", "MODE", "METHOD", "ENABLED",
        "DB", "DATABASE", "SOURCE",
        "DISABLED", "ENABLE", "DISABLE", "REQUIRED", "LENGTH", "SIZE", "ALGORITHM", "FINGERPRINT", "HEADER", "ENDPOINT",
        "PROVIDER", "PROVIDERS",
    ]

    /// Words that stand in for a credential in examples and build-time defaults (`placeholder:placeholder@`,
    /// `<password>`, `xxxx`): no secret, nothing to rotate.
    static let placeholderWords: Set<String> = ["placeholder", "dummy", "example", "sample", "fake", "redacted"]

    /// True when `text` is a stand-in for a credential: a placeholder word, a run of `x` or `*`, or `<…>`.
    static func isPlaceholder(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        if placeholderWords.contains(lower) { return true }
        if lower.count >= 3, lower.allSatisfy({ $0 == "x" }) || lower.allSatisfy({ $0 == "*" }) { return true }
        return lower.count > 2 && lower.hasPrefix("<") && lower.hasSuffix(">")
    }

    /// Words a URL's user or password holds when they only name the field (`user:pass@`,
    /// `postgres:password@`): with a loopback host they stand in for a real server's credentials.
    static let genericCredentialWords: Set<String> = [
        "user", "username", "pass", "password", "passwd", "pwd", "secret", "postgres", "root", "admin", "test",
    ]

    /// Hosts that are the build container itself: no server listens there during a build.
    static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]

    /// True when a URL's credentials are a stand-in that only lets a build-time tool (`prisma generate`,
    /// `next build`) parse the URL: the password, the user or the database name is a placeholder
    /// (`postgresql://user:pass@localhost:5432/dummy`), or the host is loopback and the password only names
    /// the field.
    static func isStandInURL(user: Substring, password: Substring, host: Substring, path: Substring) -> Bool {
        if isPlaceholder(password) || isPlaceholder(user) { return true }
        // The database or resource name: the path's first segment, without a query.
        let resource = path.drop { $0 == "/" }.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if !resource.isEmpty, isPlaceholder(resource) { return true }
        let hostName = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
        return loopbackHosts.contains(hostName.lowercased()) && genericCredentialWords.contains(password.lowercased())
    }

    static func isSecretName(_ name: String) -> Bool {
        let words = nameWords(name)
        guard let last = words.last, words.contains(where: secretWords.contains) else { return false }
        if words.contains(where: publicWords.contains) { return false }
        return !qualifiers.contains(last)
    }

    /// The words of a name split at `_`, `-` and `.`, empty ones dropped, with ASCII letters upper-cased (the
    /// words compared with are ASCII).
    static func nameWords(_ name: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in name.utf8 {
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            } else {
                word.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    static let tokenInitials: [UInt8] = Array("gxsnA".utf8)

    /// What kind of literal credential `value` holds, if any.
    static func literalCredential(_ raw: String) -> String? {
        let value = raw.strippingQuotes()
        if let scheme = value.firstRange(of: "://") {
            let authority = value[scheme.upperBound...].prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    let user = userInfo[..<colon]
                    let password = userInfo[userInfo.index(after: colon)...]
                    let host = authority[authority.index(after: at)...]
                    let path = value[scheme.upperBound...].dropFirst(authority.count)
                    if !password.isEmpty, !password.contains("$"),
                       !isStandInURL(user: user, password: password, host: host, path: path) {
                        return "a password in a URL"
                    }
                }
            }
        }
        // Every token prefix below starts with g, x, s, n or A (letters no other Character equals): most values
        // start otherwise and skip the twelve prefix tests.
        guard let firstByte = value.utf8.first, Self.tokenInitials.contains(firstByte) else { return nil }
        let prefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "npm_"]
        if let prefix = prefixes.first(where: { value.hasPrefix($0) }),
           value.count >= prefix.count + 20, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            return "a '\(prefix)' token"
        }
        if value.hasPrefix("AKIA"), value.count == 20, value.allSatisfy({ $0.isUppercase || $0.isNumber }) {
            return "an AWS access key"
        }
        return nil
    }
}

extension String {
    fileprivate func strippingQuotes() -> String {
        // Neither end is a quote byte, so neither end Character is a quote: nothing to strip.
        func isQuote(_ byte: UInt8?) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
        if !isQuote(utf8.first), !isQuote(utf8.last) { return self }
        let set: Set<Character> = ["\"", "'"]
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }

    fileprivate static func secretName(_ kind: String, _ name: String) -> String {
        "\(kind) '\(name)' looks like a secret; its value is recorded in the image history and provenance (SecretsUsedInArgOrEnv)"
    }

    fileprivate static func secretValue(_ kind: String, _ name: String, builder: String?) -> String {
        let kept = builder.map { "which stays in the build cache of stage \($0) (not in the published image)" }
            ?? "which is baked into the image"
        return "\(kind) '\(name)' looks like a secret and has a literal value, \(kept)"
    }

    fileprivate static func credential(_ kind: String, _ name: String, _ what: String) -> String {
        "\(kind) '\(name)' holds \(what)"
    }
}
