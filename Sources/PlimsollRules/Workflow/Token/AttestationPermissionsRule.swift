import PlimsollCore
import RepositoryModel
import WorkflowModel

/// Artifact attestations need an OIDC token and the attestations scope.
struct AttestationPermissionsRule: Rule {
    static let description = RuleDescription(
        id: "PL406",
        name: "attestation-permissions",
        title: "Attestation Permissions",
        family: .token,
        defaultSeverity: .error,
        summary: "A job running `actions/attest-build-provenance`, `actions/attest` or `actions/attest-sbom` lacks "
            + "`id-token: write` or `attestations: write` in its effective permissions.",
        rationale: """
            An artifact attestation is signed with a Sigstore certificate issued for the job's OIDC token, and \
            stored through the attestations API: the job needs `id-token: write` and `attestations: write` \
            (GitHub docs, "Publishing Docker images"; `push-to-registry: true` also needs \
            `packages: write`, which PL402 checks). No repository default grants `id-token` (GitHub docs, "Automatic token authentication"), so a job \
            without its own block always fails here, and a job block that names other scopes leaves both at \
            none (GitHub docs, "Controlling permissions for GITHUB_TOKEN"; GitHub docs, "Automatic token authentication"). The step fails after the image was already pushed, leaving it unattested.

            BuildKit's own `provenance:` and `sbom:` attestations are written by the build into the image and \
            need no token scope.
            """,
        fix: "Add `id-token: write` and `attestations: write` to the job's `permissions:`.",
        triggeringExamples: [
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    ↓permissions:
                      contents: read
                      packages: write
                    steps:
                      - uses: actions/attest-build-provenance@v3
                        with:
                          subject-name: ghcr.io/acme/app
                          subject-digest: sha256:0000
                          push-to-registry: true

                """, caption: "the job block leaves both scopes at none"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓actions/attest@v2
                        with:
                          subject-path: dist/app

                """, caption: "no block: no repository default grants id-token"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                permissions:
                  id-token: write
                  ↓attestations: read
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/attest-sbom@v2
                        with:
                          subject-path: dist/app
                          sbom-path: sbom.json

                """),
        ],
        nonTriggeringExamples: [
            RuleExample(
                [
                    (".github/workflows/release.yml",
                     "on: push\njobs:\n  release:\n    uses: ./.github/workflows/reusable-release.yml\n"),
                    (".github/workflows/reusable-release.yml", """
                        on: workflow_call
                        jobs:
                          release:
                            runs-on: ubuntu-latest
                            permissions:
                              id-token: write
                              attestations: write
                              packages: write
                            steps:
                              - uses: actions/attest-build-provenance@v3
                                with:
                                  subject-path: dist/app

                        """),
                ], caption: "a reusable workflow of the same repository asks for the scopes itself"),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                      id-token: write
                      attestations: write
                    steps:
                      - uses: actions/attest-build-provenance@v3
                        with:
                          subject-name: ghcr.io/acme/app
                          subject-digest: sha256:0000
                          push-to-registry: true

                """),
            RuleExample(
                ".github/workflows/publish.yml",
                """
                on: push
                jobs:
                  image:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: write
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          push: true
                          provenance: mode=max
                          sbom: true
                          tags: ghcr.io/acme/app:latest

                """, caption: "BuildKit attestations need no token scope"),
        ]
    )

    func check(workflow file: WorkflowFile, in repository: Repository, emitter: inout FindingEmitter) {
        for (job, permissions) in TokenPermissions.all(in: file, repository: repository) {
            guard let step = job.steps.first(where: StepFacts.isAttestation), let uses = step.uses else { continue }
            // Only a scope the files show is missing: one the repository's default decides is PL402's to report.
            let missing = ["id-token", "attestations"].filter { permissions.level(of: $0).grants(.write) == false }
            guard let first = missing.first else { continue }
            let span = permissions.node(for: first)?.span ?? uses.span
            emitter.emit(
                .missing(missing, job.id), path: file.path, span: span,
                notes: ["add 'id-token: write' and 'attestations: write' to the job's permissions"])
        }
    }
}

extension String {
    fileprivate static func missing(_ scopes: [String], _ job: String) -> String {
        "job '\(job)' attests without \(scopes.map { "'\($0): write'" }.joined(separator: " and ")) in its effective permissions"
    }
}
