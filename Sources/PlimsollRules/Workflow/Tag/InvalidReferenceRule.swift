import DockerfileSyntax
import PlimsollCore
import RepositoryModel

/// A pushed reference must parse as an image reference.
struct InvalidReferenceRule: Rule {
    static let description = RuleDescription(
        id: "PL502",
        name: "invalid-reference",
        title: "Invalid Image Reference",
        family: .tag,
        defaultSeverity: .error,
        summary: "A pushed tag fails the image reference grammar: a space, a tag over 128 characters, or a tag "
            + "starting with `.` or `-`.",
        rationale: """
            docker, buildx and the registry accept only references of the distribution grammar: a lowercase \
            repository path and a tag of `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (docker/metadata-action README). Anything else stops the \
            build with "invalid reference format" or "invalid tag format" after the image was built, usually on \
            the default branch, because pull requests do not push. Spaces from a multi-word variable, a branch \
            name with `/`, and a long or dash-prefixed computed tag are the usual causes. Tags computed by \
            metadata-action are checked too (it rejects them at run time). A template placeholder \
            (`<<IMAGE>>`) left in a reference is PL106's finding, reported once where it is written.

            Parts written as `${{ }}` expressions or shell variables are assumed to be valid; an uppercase name is \
            PL501's finding.
            """,
        fix: "Fill in the placeholder, and build tags only from `[A-Za-z0-9_.-]`, starting with a letter, digit or `_`.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                env:
                  VARIANT: slim build
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ↓ghcr.io/acme/app:${{ env.VARIANT }}

                """, caption: "a space from a variable"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - id: meta
                        uses: docker/metadata-action@v6
                        with:
                          images: ghcr.io/acme/app
                          tags: |
                            type=raw,value=latest
                            ↓type=raw,value=-nightly
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "a computed tag starting with `-`"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                ".github/workflows/build.yml",
                """
                on:
                  workflow_call:
                    inputs:
                      registry:
                        type: string
                        required: true
                      tag:
                        type: string
                        required: true
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ inputs.registry }}/acme/app:${{ inputs.tag }}

                """, caption: "a reusable workflow's inputs are the caller's values, not empty text"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: |
                            ghcr.io/acme/app:${{ needs.version.outputs.major }}.${{ needs.version.outputs.minor }}.${{ needs.version.outputs.patch }}-alpine${{ needs.version.outputs.distro }}-slim

                """, caption: "expressions stand for their values, not for their text's length"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: |
                            ghcr.io/acme/app:latest
                            ghcr.io/acme/app:sha-${{ github.sha }}

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build --push -t "$REGISTRY/$IMAGE:$VERSION" .

                """, caption: "variables are assumed to hold valid parts"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        var seen: Set<String> = []
        for publication in scope.publications {
            for item in publication.itemsInAnyRun(scope.triggers) where !item.isOpaque {
                guard let problem = Self.problem(item.text) else { continue }
                guard seen.insert("\(item.span.lowerBound.offset)").inserted else { continue }
                emitter.emit(.invalid(item.text, problem), path: workflow.path, span: item.span)
            }
        }
    }

    /// Why `text` is not a valid reference, with `${{ }}` and `$VAR` parts taken as valid; nil when it is.
    /// `text.contains(where: \.isWhitespace)`, on bytes for ASCII text: there the whitespace Characters are
    /// the bytes 0x09-0x0D and 0x20 (CR LF included).
    static func hasWhitespace(_ text: String) -> Bool { text.containsWhitespace }

    /// `text` with each shell variable (`$V`, `${V}`, `${V,,}`) written as one `x`: its value is not known.
    static func collapsingVariables(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "{", let close = after.firstIndex(of: "}") {
                rest = after[after.index(after: close)...]
            } else {
                let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !name.isEmpty else {
                    result += "$"
                    rest = after
                    continue
                }
                rest = after.dropFirst(name.count)
            }
            result += "x"
        }
        return result + rest
    }

    static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        // A template's blank is PL106's finding, once where it is written, not once per tag it reaches.
        if trimmed.containsText("<<") || trimmed.containsText(">>") { return nil }
        // Each expression and variable stands for one valid character: its value is assumed valid, and its text
        // is no measure of its length (`${{ needs.version.outputs.major }}` is one digit).
        let collapsed = collapsingVariables(trimmed.substitutingExpressions { _ in "x" })
        if Self.hasWhitespace(collapsed) { return "contains a space" }
        let parts = ImageReferenceText.split(collapsed)
        if let tag = parts.tag {
            if tag.count > 128 { return "the tag is longer than 128 characters" }
            if tag.first == "." || tag.first == "-" { return "the tag starts with '\(tag.first!)'" }
            if tag.isEmpty { return "empty tag" }
        }
        if parts.name.isEmpty { return nil }
        if case .failure(let error) = ImageReference.parse(parts.name.lowercased() + (parts.tag.map { ":\($0)" } ?? "")) {
            return error.message
        }
        return nil
    }
}

extension String {
    fileprivate static func invalid(_ reference: String, _ problem: String) -> String {
        "'\(reference)' is not a valid image reference: \(problem)"
    }
}
