import DockerfileSyntax
import PlimsollCore
import ShellSyntax
import YAMLSyntax

/// Images the repository builds itself under a plain name, so that a later `FROM` of that name uses the local
/// image and never pulls one: a Compose service with both `image:` and `build:` (Compose builds it and tags
/// the result with `image:`), and a `docker build -t NAME` in the repository's scripts or workflow `run:`
/// steps (the image is then in the local image store of that machine).
public enum LocalImages {
    /// The normalized names (`docker.io/library/app_prebuilt`, no tag) of the images the repository builds.
    public static func names(in repository: Repository) -> Set<String> {
        var names: Set<String> = []
        func add(_ text: String) {
            guard !text.containsByte(UInt8(ascii: "$")), case .success(let reference) = ImageReference.parse(text) else {
                return
            }
            names.insert(reference.name)
        }
        for (path, file) in repository.buildFiles where FileKind.isComposeFile(PerArchDockerfiles.split(path).name) {
            for document in YAMLLoader.load(file).documents {
                guard let services = document.root?["services"]?.mapping else { continue }
                for service in services {
                    guard service.value["build"] != nil, let image = service.value["image"]?.string else { continue }
                    add(image)
                }
            }
        }
        var commands = repository.scripts.flatMap(\.dockerCommands)
        for file in repository.workflows {
            for build in file.buildFacts {
                if case .commandLine(let command) = build.build.kind { commands.append(command) }
            }
        }
        for command in commands {
            guard case .build = command.kind else { continue }
            for tag in command.options("--tag") { if let text = tag.text { add(text) } }
        }
        return names
    }
}
