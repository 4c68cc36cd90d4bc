import PlimsollCore
import RepositoryModel

/// Images go to `ghcr.io/<owner>/…` (or a registry the policy adds).
struct RegistryNamespaceRule: Rule {
    static let description = RuleDescription(
        id: "PL503",
        name: "registry-namespace",
        title: "Wrong Registry or Namespace",
        family: .tag,
        defaultSeverity: .error,
        summary: "A pushed image is not under `ghcr.io/<owner>/` and not in a registry of `extra-registries`.",
        rationale: """
            The standard publishes every image to the GitHub Container Registry of the organisation, where the \
            package links to its repository and inherits its access ([the standard](standard.md); GitHub docs, "Connecting a repository to a package"). An image pushed to \
            Docker Hub (a name with no registry), another registry, or another owner's namespace is outside \
            that: the automatic `GITHUB_TOKEN` cannot push there, nothing links it to the repository, and the \
            deployment automation that watches `ghcr.io/<owner>` never sees it. `${{ github.repository_owner }}` \
            and `${{ github.repository }}` count as the owner. The owner comes from `owner:` in `.plimsoll.yml` \
            or the checkout's `origin` remote; without either only the registry is checked.

            In a checkout of a GitHub repository, an image in the owner's namespace whose name is not the \
            repository's (`ghcr.io/acme/web` built by `acme/app`) is a note: the standard links each image \
            package to the repository that builds it, and a package named after its repository is the one \
            people and automation look for (a nested name such as `ghcr.io/acme/app/worker` counts as named \
            after `app`).
            """,
        fix: "Push to `ghcr.io/${{ github.repository }}` (lowercased), or add the registry to `extra-registries`.",
        triggeringExamples: [
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
                          tags: ↓acme/app:latest

                """, caption: "Docker Hub, implied by a name without a registry"),
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
                          images: |
                            ghcr.io/${{ github.repository }}
                            ↓quay.io/acme/app
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          tags: ${{ steps.meta.outputs.tags }}

                """, caption: "a second registry through metadata-action"),
            RuleExample(
                [(".plimsoll.yml", "owner: acme\n"), (".github/workflows/publish.yml", """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: ↓ghcr.io/someone-else/app:latest

                    """)], caption: "another owner's namespace"),
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
                          tags: ↓ghcr.io/acme/web:latest

                """, caption: "a note: the image is not named after the repository", checkout: .init(owner: "acme", name: "app")),
        ],
        nonTriggeringExamples: [
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
                          tags: ghcr.io/${{ github.repository_owner }}/app:latest

                """),
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
                            ghcr.io/acme/app/worker:latest
                            ghcr.io/${{ github.repository }}:dev

                """, caption: "named after the repository `acme/app`, or nested under its name",
                checkout: .init(owner: "acme", name: "app")),
            RuleExample(
                [(".plimsoll.yml", "extra-registries: [registry.example.com]\n"), (".github/workflows/publish.yml", """
                    on: push
                    jobs:
                      image:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker/build-push-action@v7
                            with:
                              push: true
                              tags: registry.example.com/team/app:latest

                    """)], caption: "a registry the policy allows"),
        ]
    )

    func check(workflow: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        guard let scope = workflow.publicationScope else { return }
        let policy = repository.policy
        var seen: Set<String> = []
        // Every image pushed, the platform images a merge is made of included: they live in the registry too.
        for publication in scope.publications.flatMap({ [$0] + $0.members }) {
            for item in publication.itemsInAnyRun(scope.triggers) where !item.isOpaque {
                let span = item.metadata?.image?.span ?? item.span
                let name = ImageReferenceText.split(item.resolved).name
                // A template's blank (`ghcr.io/<<OWNER>>/app`) is PL106's finding.
                guard seen.insert(name).inserted, !TemplatePlaceholderRule.holdsPlaceholder(name) else { continue }
                if let problem = Self.problem(name, policy: policy) {
                    emitter.emit(problem, path: workflow.path, span: span)
                } else if let remote = repository.remote, let note = Self.nameNote(name, policy: policy, remote: remote) {
                    emitter.emit(note, path: workflow.path, span: span, severity: .note)
                }
            }
        }
    }

    /// What is wrong with the repository part `name`; nil when it is in the right place or cannot be known.
    static func problem(_ name: String, policy: PlimsollCore.Policy) -> String? {
        let masked = ImageReferenceText.maskVariables(ImageReferenceText.mask(name))
        let components = name.splitting(onASCII: UInt8(ascii: "/"))
        let maskedComponents = masked.splitting(onASCII: UInt8(ascii: "/"))
        guard let first = maskedComponents.first, !first.isEmpty else { return nil }
        // A registry written as an expression or variable cannot be checked.
        if first.containsText("x"), String(components[0]) != String(first) { return nil }
        let hasRegistry =
            maskedComponents.count > 1 && (first.containsText(".") || first.containsText(":") || first == "localhost")
        let lowerName = name.lowercased()
        for extra in policy.extraRegistries {
            let extraLower = extra.lowercased()
            if lowerName == extraLower || lowerName.hasPrefix(extraLower + "/") { return nil }
        }
        guard hasRegistry else { return .dockerHub(name, policy.registry) }
        let registry = String(components[0]).lowercased()
        guard registry == policy.registry.lowercased() else { return .otherRegistry(name, policy.registry) }
        guard let owner = policy.owner, components.count > 2 else { return nil }
        let namespace = String(components[1])
        if namespace.containsText("${{") {
            let references = MetadataLink.references(in: namespace).map { $0.dotted.lowercased() }
            if references.contains("github.repository_owner") || references.contains("github.repository") { return nil }
            return nil
        }
        if namespace.contains("$") { return nil }
        return namespace.lowercased() == owner.lowercased() ? nil : .otherNamespace(name, namespace, owner)
    }
}

extension RegistryNamespaceRule {
    /// A note when `name` is in the remote owner's namespace of the policy's registry under a name that is not
    /// the repository's; nil otherwise. The package name is read as the online rules read it
    /// (`PushedPackage.packageName`: repository expressions resolved, anything else dynamic left alone).
    static func nameNote(_ name: String, policy: PlimsollCore.Policy, remote: GitHubRepository) -> String? {
        guard let package = PushedPackage.packageName(name, registry: policy.registry, remote: remote),
            package.prefix(while: { $0 != "/" }) != remote.name.lowercased()
        else { return nil }
        return .notNamedAfterRepository(name, remote)
    }
}

extension String {
    fileprivate static func notNamedAfterRepository(_ name: String, _ remote: GitHubRepository) -> String {
        "'\(name)' is not named after the repository that builds it ('\(remote.owner)/\(remote.name)')"
    }

    fileprivate static func dockerHub(_ name: String, _ registry: String) -> String {
        "'\(name)' is pushed to Docker Hub, not to '\(registry)'"
    }

    fileprivate static func otherRegistry(_ name: String, _ registry: String) -> String {
        "'\(name)' is pushed outside '\(registry)' and the registries the policy allows"
    }

    fileprivate static func otherNamespace(_ name: String, _ namespace: String, _ owner: String) -> String {
        "'\(name)' is in namespace '\(namespace)', not the owner's ('\(owner.lowercased())')"
    }
}
