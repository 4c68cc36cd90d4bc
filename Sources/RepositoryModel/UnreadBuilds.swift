import PlimsollCore

/// Builds of the repository's images that Plimsoll sees exist but does not read: another CI system's
/// configuration, a Bake file, goreleaser's `dockers:`, a Makefile that includes others, or a workflow step that
/// builds with another tool (`OtherPublisher`). What they build, from which Dockerfile, is unknown: anything that
/// moves or rewrites a Dockerfile's path cannot know whether they still find it.
extension Repository {
    /// Why each unread build is one, as "'<path>' (<what it is>)", in path order; empty when there is none.
    public var unreadBuilds: [String] {
        var found: [String] = []
        for entry in entries {
            let name = PerArchDockerfiles.split(entry.path).name.lowercased()
            if let system = Self.otherBuildFiles[entry.path] ?? Self.otherBuildNames[name] {
                found.append("'\(entry.path)' (\(system))")
            }
        }
        for path in [".goreleaser.yml", ".goreleaser.yaml"] {
            guard let file = buildFiles[path] else { continue }
            let text = file.text
            if ["dockers:", "dockers_v2:", "kos:"].contains(where: { text.hasPrefix($0) || text.containsText("\n" + $0) }) {
                found.append("'\(path)' (goreleaser builds images)")
            }
        }
        if let makefile, makefile.file.text.split(whereSeparator: \.isNewline).contains(where: { line in
            ["include ", "-include ", "sinclude "].contains { line.hasPrefix($0) }
        }) {
            found.append("'\(makefile.file.path)' (it includes other Makefiles)")
        }
        for workflow in workflows {
            for publisher in OtherPublisher.all(in: workflow, repository: self) {
                switch publisher.evidence {
                case .tool(let tool): found.append("'\(workflow.path)' (\(tool))")
                case .opaque(let step): found.append("'\(workflow.path)' (\(step))")
                }
            }
        }
        return found
    }

    /// Other CI systems' configuration, by path.
    private static let otherBuildFiles: [String: String] = [
        ".gitlab-ci.yml": "GitLab CI", ".circleci/config.yml": "CircleCI", ".travis.yml": "Travis CI",
        "azure-pipelines.yml": "Azure Pipelines", ".drone.yml": "Drone", "cloudbuild.yaml": "Cloud Build",
        "cloudbuild.yml": "Cloud Build", ".buildkite/pipeline.yml": "Buildkite", "bitbucket-pipelines.yml": "Bitbucket Pipelines",
    ]

    /// Build definitions in any folder, by lowercased file name.
    private static let otherBuildNames: [String: String] = [
        "jenkinsfile": "Jenkins", "docker-bake.hcl": "Bake", "docker-bake.json": "Bake",
        "docker-bake.override.hcl": "Bake", "skaffold.yaml": "Skaffold", "earthfile": "Earthly", "tiltfile": "Tilt",
    ]
}
