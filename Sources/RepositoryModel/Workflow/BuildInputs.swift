import PlimsollCore
import ShellSyntax

/// What a build reads: its context and the Dockerfile in it, as the tools resolve them. The one answer every
/// rule reads (PL105's path check, the ARCH rules' stage reading, the labels of a publication, PL209's `.git`).
///
/// - `docker/build-push-action` without `context` builds the Git context of the run's commit; its `context`
///   is rendered with Handlebars first, so `{{defaultContext}}` (spaces inside the braces allowed) is that Git
///   context and `{{defaultContext}}:sub` its subdirectory. Any other value is a path in the workspace.
///   `file` defaults to `{context}/Dockerfile`; with a Git context it is read inside the context, with a path
///   context from the workspace (Docker docs, build-push-action README "Git context" and "Path context").
/// - `docker build` reads its last argument as the context, below the step's `working-directory`, and
///   `--file` from that directory.
extension ImageBuild {
    /// True when the build reads the Git context (no `.git` in it, files of the commit only).
    public var isGitContext: Bool {
        guard case .buildPushAction = kind else { return false }
        guard let written = input("context")?.value.string?.trimmingWhitespace(), !written.isEmpty else { return true }
        return Self.gitContextSubdirectory(written) != nil
    }

    /// The repository path of the context directory ("" for the root); nil when it cannot be known (an
    /// expression, a remote URL, standard input).
    public var contextPath: String? {
        switch kind {
        case .buildPushAction:
            guard let written = input("context")?.value.string?.trimmingWhitespace(), !written.isEmpty else { return "" }
            if let subdirectory = Self.gitContextSubdirectory(written) { return RepositoryPath.normalize(subdirectory) }
            let path = RepositoryPath.withoutWorkspace(written)
            if path.containsText("${{") || path.containsText("://") || path.hasPrefix("git@") { return nil }
            return inRepository(path)
        case .commandLine(let command):
            guard let argument = command.arguments.last, !argument.hasExpansion, argument.value != "-",
                !argument.value.containsText("://"), !argument.value.hasPrefix("git@")
            else { return nil }
            return inRepository(RepositoryPath.join(workingDirectory, argument.value))
        }
    }

    /// The repository path of the Dockerfile the build reads; nil when it cannot be known.
    public var dockerfilePath: String? {
        switch kind {
        case .buildPushAction:
            guard let context = contextPath else { return nil }
            guard let written = input("file")?.value.string?.trimmingWhitespace(), !written.isEmpty else {
                return RepositoryPath.normalize(RepositoryPath.join(context, "Dockerfile"))
            }
            let file = RepositoryPath.withoutWorkspace(written)
            if file.containsText("${{") || file.hasPrefix("/") { return nil }
            // Inside a Git context the file is the context's; otherwise it is read from the workspace.
            if isGitContext && file == written { return RepositoryPath.normalize(RepositoryPath.join(context, file)) }
            return inRepository(file)
        case .commandLine(let command):
            if let option = command.options("--file").first {
                guard let text = option.text, !(option.value ?? option.word).hasExpansion, text != "-",
                    !text.hasPrefix("/")
                else { return nil }
                return inRepository(RepositoryPath.join(workingDirectory, text))
            }
            guard let context = contextPath else { return nil }
            return RepositoryPath.normalize(RepositoryPath.join(context, "Dockerfile"))
        }
    }

    /// For a Git-context build, the `file:` value that makes it read the repository path `path`: relative to the
    /// context's subdirectory (`dockerfilePath` read backwards); nil for another build, or a path outside the
    /// subdirectory, which the Git context cannot read.
    public func gitContextFile(reading path: String) -> String? {
        guard isGitContext, let context = contextPath else { return nil }
        if context.isEmpty { return path }
        return path.hasPrefix(context + "/") ? String(path.dropFirst(context.count + 1)) : nil
    }

    /// A path in the workspace as a path in this repository, through the job's checkouts (`WorkspaceLayout`).
    private func inRepository(_ workspacePath: String) -> String? {
        RepositoryPath.normalize(workspacePath).flatMap(workspace.repositoryPath)
    }

    private var workingDirectory: String? {
        guard let directory = step.workingDirectory?.value, !directory.contains("$") else { return nil }
        return directory
    }

    /// For a `context` naming the Git context (`{{defaultContext}}`, `{{ defaultContext }}:sub`), the
    /// subdirectory ("" for none); nil for any other context.
    static func gitContextSubdirectory(_ context: String) -> String? {
        guard context.hasPrefix("{{"), let close = context.firstRange(of: "}}"),
            context[context.index(context.startIndex, offsetBy: 2)..<close.lowerBound].trimmingWhitespace() == "defaultContext"
        else { return nil }
        let rest = context[close.upperBound...]
        return rest.hasPrefix(":") ? String(rest.dropFirst()) : ""
    }
}

/// Paths inside the repository, written with `/`.
public enum RepositoryPath {
    /// A path the workflow writes from the workspace (`${{ github.workspace }}/src`, `$GITHUB_WORKSPACE/src`),
    /// where actions/checkout puts the repository, as a path from the repository root.
    public static func withoutWorkspace(_ path: String) -> String {
        for prefix in ["${{ github.workspace }}/", "${{github.workspace}}/", "$GITHUB_WORKSPACE/", "${GITHUB_WORKSPACE}/"]
        where path.hasPrefix(prefix) {
            return String(path.dropFirst(prefix.count))
        }
        return path
    }

    /// `./src//docker/../docker` → `src/docker`; nil for a path that leaves the repository or is absolute.
    public static func normalize(_ path: String) -> String? {
        if path.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// `path` below `base` (a relative path is taken from `base`, an absolute one as it is).
    public static func join(_ base: String?, _ path: String) -> String {
        guard let base, !base.isEmpty, !path.hasPrefix("/") else { return path }
        return base + "/" + path
    }
}
