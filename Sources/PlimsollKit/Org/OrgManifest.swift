import Foundation
import PlimsollCore
import YAMLSyntax

/// The list of repositories to fetch and scan.
///
/// YAML (`.yml`, `.yaml`, or anything that is not `.tsv`):
///
///     repos:
///       - https://github.com/example-org/app.git        # a bare URL
///       - url: https://github.com/example-org/api.git
///         ref: release                                 # optional: a branch, tag or commit
///         name: api-service                            # optional: default from the URL
///         team: platform                               # optional: who owns it (the dashboard groups by it)
///
/// TSV (`.tsv`): one repository a line, `url<TAB>ref<TAB>name<TAB>team` with ref, name and team optional; blank
/// lines and lines starting with `#` are skipped.
public enum OrgManifest {
    public static func load(path: String) throws(OrgError) -> [OrgRepository] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .manifest(path: path, line: nil, reason: "cannot read the manifest")
        }
        let file = SourceFile(path: path, bytes: [UInt8](data))
        return try path.lowercased().hasSuffix(".tsv") ? parseTSV(file) : parseYAML(file)
    }

    public static func parseTSV(_ file: SourceFile) throws(OrgError) -> [OrgRepository] {
        var repositories: [OrgRepository] = []
        for (index, rawLine) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count <= 4 else {
                throw .manifest(
                    path: file.path, line: index + 1, reason: "expected url, ref, name and team separated by tabs")
            }
            repositories.append(
                try entry(
                    url: fields[0], ref: fields.count > 1 ? fields[1] : nil, name: fields.count > 2 ? fields[2] : nil,
                    team: fields.count > 3 ? fields[3] : nil, path: file.path, line: index + 1))
        }
        try checkUniqueNames(repositories)
        return repositories
    }

    public static func parseYAML(_ file: SourceFile) throws(OrgError) -> [OrgRepository] {
        let loaded = YAMLLoader.load(file)
        if let error = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw .manifest(path: file.path, line: error.span.lowerBound.line, reason: "invalid YAML: \(error.message)")
        }
        guard let root = loaded.documents.first?.root else { return [] }
        let list: YAMLNode
        if root.sequence != nil {
            list = root
        } else if let repos = root["repos"], repos.sequence != nil {
            list = repos
        } else {
            throw .manifest(
                path: file.path, line: root.span.lowerBound.line, reason: "expected a `repos:` list of repositories")
        }
        var repositories: [OrgRepository] = []
        for item in list.sequence.map(Array.init) ?? [] {
            let line = item.span.lowerBound.line
            if let url = item.string {
                repositories.append(try entry(url: url, ref: nil, name: nil, team: nil, path: file.path, line: line))
                continue
            }
            guard let pairs = item.mapping else {
                throw .manifest(path: file.path, line: line, reason: "expected a URL or a mapping with `url`")
            }
            for pair in pairs {
                let key = pair.key.string ?? ""
                guard ["url", "ref", "name", "team"].contains(key) else {
                    throw .manifest(
                        path: file.path, line: pair.key.span.lowerBound.line,
                        reason: "unknown key '\(key)' (expected url, ref, name or team)")
                }
                guard pair.value.string != nil || pair.value.isNull else {
                    throw .manifest(
                        path: file.path, line: pair.value.span.lowerBound.line, reason: "'\(key)' must be a string")
                }
            }
            repositories.append(
                try entry(
                    url: item["url"]?.string ?? "", ref: item["ref"]?.string, name: item["name"]?.string,
                    team: item["team"]?.string, path: file.path, line: line))
        }
        try checkUniqueNames(repositories)
        return repositories
    }

    private static func entry(url: String, ref: String?, name: String?, team: String?, path: String, line: Int)
        throws(OrgError)
        -> OrgRepository
    {
        guard !url.isEmpty else { throw .manifest(path: path, line: line, reason: "missing the repository URL") }
        // Options smuggled in as a URL or ref would reach git's command line.
        guard !url.hasPrefix("-") else { throw .manifest(path: path, line: line, reason: "a URL cannot start with '-'") }
        let ref = ref.flatMap { $0.isEmpty ? nil : $0 }
        // git's own ref-name rules, and no `:` that would turn the ref into a different refspec.
        if let ref, ref.hasPrefix("-") || ref.contains("..") || ref.contains(where: { $0.isWhitespace || ":\\^~?*[".contains($0) }) {
            throw .manifest(path: path, line: line, reason: "invalid ref '\(ref)'")
        }
        let name = name.flatMap { $0.isEmpty ? nil : $0 } ?? OrgRepository.defaultName(forURL: url)
        var repository = OrgRepository(name: name, location: .remote(url: url, ref: ref))
        repository.team = team.flatMap { $0.isEmpty ? nil : $0 }
        return repository
    }

    public static func checkUniqueNames(_ repositories: [OrgRepository]) throws(OrgError) {
        var seen = Set<String>()
        var stems = Set<String>()
        for repository in repositories {
            guard seen.insert(repository.name).inserted, stems.insert(repository.fileStem).inserted else {
                throw .duplicateName(repository.name)
            }
        }
    }

    /// Every folder directly inside `directory`, sorted by name; hidden folders are skipped.
    public static func checkouts(in directory: String) throws(OrgError) -> [OrgRepository] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .unreadableFolder(directory, reason: error.localizedDescription)
        }
        var repositories: [OrgRepository] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            repositories.append(OrgRepository(name: name, location: .checkout(path: path)))
        }
        try checkUniqueNames(repositories)
        return repositories
    }
}
