import PlimsollCore
import YAMLSyntax

/// Files that are templates of other files (`Dockerfile.jinja2`, `templates/Dockerfile`, a file a template
/// repository declares): their `{{ … }}` blanks are filled by another tool before anything builds them, so they
/// are not linted as what they will become. PL003 notes each one once.
public enum TemplateFiles {
    /// Name endings of template languages: Jinja (`.jinja2`, `.j2`, `.jinja`), Go (`.tpl`, `.tmpl`, `.gotmpl`),
    /// ERB, Mustache, Handlebars, autoconf's `.in`, and the plain `.template`.
    public static let suffixes = [
        ".jinja2", ".j2", ".jinja", ".tpl", ".tmpl", ".template", ".gotmpl", ".erb", ".mustache", ".hbs", ".in",
    ]

    /// Why `path` is a template by its name or its folder, or nil: its file name ends in a template suffix,
    /// or a folder on its path has `template` in its name (`templates/`, `.stage0_template/`,
    /// `docker-templates/`).
    public static func evidence(path: String) -> String? {
        let components = path.split(separator: "/")
        guard let name = components.last else { return nil }
        let lowerName = name.lowercased()
        if let suffix = suffixes.first(where: { lowerName.hasSuffix($0) && lowerName.count > $0.count }) {
            return "its name ends in '\(suffix)'"
        }
        if let folder = components.dropLast().first(where: { $0.lowercased().containsText("template") }) {
            return "it is in the template folder '\(folder)/'"
        }
        return nil
    }

    /// Why a Dockerfile's text is a template, or nil: its first line that is neither blank nor a comment starts
    /// with a template tag (`{{`, `{%` for Jinja and Go, `<%` for ERB) where an instruction should be.
    public static func evidence(dockerfileBytes bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            var start = index
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { index = end + 1 }
            if start == end || bytes[start] == UInt8(ascii: "#") { continue }
            guard end - start >= 2 else { return nil }
            let pair = (bytes[start], bytes[start + 1])
            let tags: [(UInt8, UInt8, String)] = [
                (UInt8(ascii: "{"), UInt8(ascii: "{"), "{{"), (UInt8(ascii: "{"), UInt8(ascii: "%"), "{%"),
                (UInt8(ascii: "<"), UInt8(ascii: "%"), "<%"),
            ]
            guard let tag = tags.first(where: { $0.0 == pair.0 && $0.1 == pair.1 }) else { return nil }
            return "its first instruction line starts with '\(tag.2)'"
        }
        return nil
    }

    /// The files a stage0 template repository merges (`.stage0_template/process.yaml`, `templates:` entries'
    /// `path`), as repository paths without `./`.
    public static func stage0Templates(processFile: SourceFile) -> [String] {
        let loaded = YAMLLoader.load(processFile)
        guard let root = loaded.documents.first?.root, let list = root["templates"]?.sequence else { return [] }
        return list.compactMap { item in
            guard var path = item["path"]?.string else { return nil }
            while path.hasPrefix("./") { path.removeFirst(2) }
            return path.isEmpty ? nil : path
        }
    }

    /// Where a stage0 template repository lists its templates.
    public static let stage0ProcessFile = ".stage0_template/process.yaml"
}
