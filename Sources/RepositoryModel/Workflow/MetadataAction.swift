import PlimsollCore
import WorkflowModel
import YAMLSyntax

/// One line of metadata-action's `tags:` input (`type=semver,pattern={{version}}`), read as the action reads it.
public struct MetadataTagSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case schedule, semver, pep440, match, edge, ref, raw, sha
    }

    public let kind: Kind
    /// Attributes with lowercased keys, defaults filled in (`prefix=sha-` for sha, `pattern=nightly` for
    /// schedule, `enable=true`, the type's `priority`).
    public let attributes: [String: String]
    /// The line as written.
    public let text: String
    /// The line's span; for a default spec (empty `tags:`), the span of the step's `uses:`.
    public let span: SourceSpan
    /// True for the specs metadata-action uses when `tags:` is empty.
    public let isDefault: Bool
    /// Why the action would reject this line (unknown type, missing `value`/`pattern`/`event`); nil when fine.
    public let error: String?

    public subscript(_ attribute: String) -> String? { attributes[attribute] }
    public var priority: Int { attributes["priority"].flatMap { Int($0) } ?? Self.defaultPriority(kind, attributes["event"]) }
    /// `event=` of a `ref` spec.
    public var event: String? { attributes["event"] }

    static func defaultPriority(_ kind: Kind, _ event: String?) -> Int {
        switch kind {
        case .schedule: 1000
        case .semver, .pep440: 900
        case .match: 800
        case .edge: 700
        case .ref: 600
        case .raw: 200
        case .sha: 100
        }
    }

    /// Parses one line. Fields are comma-separated outside `${{ … }}` and double quotes; a field without `=` is the
    /// `value`; a line without `type=` is `raw`.
    public static func parse(_ text: String, span: SourceSpan, isDefault: Bool = false) -> MetadataTagSpec {
        var attributes: [String: String] = [:]
        var kind: Kind? = .raw
        var error: String?
        for field in MetadataCSV.fields(text) {
            guard let equals = field.firstIndex(of: "=") else {
                attributes["value"] = field
                continue
            }
            let key = field[..<equals].trimmingWhitespace().lowercased()
            let value = field[field.index(after: equals)...].trimmingWhitespace()
            if key == "type" {
                kind = Kind(rawValue: value.lowercased())
                if kind == nil { error = "unknown tag type '\(value)'" }
            } else {
                attributes[key] = value
            }
        }
        let resolved = kind ?? .raw
        switch resolved {
        case .schedule:
            if attributes["pattern"] == nil { attributes["pattern"] = "nightly" }
        case .semver, .pep440, .match:
            if attributes["pattern"] == nil { error = error ?? "missing 'pattern' for type=\(resolved.rawValue)" }
            if resolved == .match, attributes["group"] == nil { attributes["group"] = "0" }
        case .edge:
            if attributes["branch"] == nil { attributes["branch"] = "" }
        case .ref:
            let event = attributes["event"]?.lowercased()
            if !["branch", "tag", "pr"].contains(event ?? "") {
                error = error ?? "type=ref needs event=branch, event=tag or event=pr"
            }
            attributes["event"] = event
            if event == "pr", attributes["prefix"] == nil { attributes["prefix"] = "pr-" }
        case .raw:
            if attributes["value"] == nil { error = error ?? "missing 'value' for type=raw" }
        case .sha:
            if attributes["prefix"] == nil { attributes["prefix"] = "sha-" }
            if attributes["format"] == nil { attributes["format"] = "short" }
        }
        if attributes["enable"] == nil { attributes["enable"] = "true" }
        return MetadataTagSpec(
            kind: resolved, attributes: attributes, text: text, span: span, isDefault: isDefault,
            error: error)
    }

    /// The specs metadata-action uses when `tags:` is empty.
    static func defaults(span: SourceSpan) -> [MetadataTagSpec] {
        ["type=schedule", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr"].map {
            parse($0, span: span, isDefault: true)
        }
    }
}

/// `flavor:` of metadata-action.
public struct MetadataFlavor: Sendable {
    public enum Latest: String, Sendable {
        case auto, `true`, `false`
    }

    public var latest: Latest = .auto
    public var prefix = ""
    public var prefixOnLatest = false
    public var suffix = ""
    public var suffixOnLatest = false
    /// The span of the `latest=` field, when written.
    public var latestSpan: SourceSpan?

    public init() {}

    static func parse(_ items: [ValueItem]) -> MetadataFlavor {
        var flavor = MetadataFlavor()
        for item in items {
            // `prefix=x,onlatest=true`: `onlatest` applies to the prefix or suffix before it on the line.
            var lastAffix = ""
            for field in MetadataCSV.fields(item.text) {
                let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = parts[0].trimmingWhitespace().lowercased()
                let value = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
                switch key {
                case "latest":
                    flavor.latest = Latest(rawValue: value.lowercased()) ?? .auto
                    flavor.latestSpan = item.span
                case "prefix":
                    flavor.prefix = value
                    lastAffix = key
                case "suffix":
                    flavor.suffix = value
                    lastAffix = key
                case "onlatest":
                    let enabled = value.lowercased() == "true"
                    if lastAffix == "suffix" { flavor.suffixOnLatest = enabled } else { flavor.prefixOnLatest = enabled }
                default: break
                }
            }
        }
        return flavor
    }
}

/// One `images:` entry: `ghcr.io/owner/app` or `name=ghcr.io/owner/app,enable=…`.
public struct MetadataImage: Sendable {
    /// The name as written.
    public let name: String
    /// The name metadata-action uses: lowercased.
    public var normalizedName: String { name.lowercased() }
    public let enable: String
    public let span: SourceSpan
}

/// A tag metadata-action produces for one run.
public struct MetadataTag: Sendable {
    /// The tag alone (`sha-0123456`, `latest`, `1.2.3`).
    public let value: String
    /// The `tags:` line that produced it (for the automatic `latest`, the spec that triggered it or the
    /// `latest=` flavor field).
    public let span: SourceSpan
    /// The spec that produced it; nil for the flavor's `latest`.
    public let spec: MetadataTagSpec?
    /// True for the `latest` the flavor adds (`latest=auto` on a tag, or `latest=true`).
    public let isFlavorLatest: Bool
}

/// An image reference metadata-action outputs in `tags`: an image and one of its tags.
public struct MetadataReference: Sendable {
    public let image: MetadataImage?
    public let tag: MetadataTag
    /// `image:tag`, or the tag alone when `images:` is empty.
    public var text: String { image.map { "\($0.normalizedName):\(tag.value)" } ?? tag.value }
}

/// A label (or annotation) metadata-action outputs.
public struct MetadataLabel: Sendable {
    public let key: String
    public let value: String
    /// The `labels:` line for a user label; the step's `uses:` for the automatic ones.
    public let span: SourceSpan
    public let isAutomatic: Bool
}

/// A `docker/metadata-action` step, read statically: what tags and labels it will output for a given run.
///
/// Follows the action's README and `src/meta.ts` (v4–v6): tag types schedule, semver, pep440, match, edge, ref,
/// raw and sha; `enable=` (with `{{is_default_branch}}` and the `${{ }}` comparisons a run decides), `priority=`,
/// per-tag and flavor `prefix`/`suffix`; `latest=auto` only for `ref,event=tag`, semver, pep440 and match; image
/// names lowercased; the default labels.
public struct MetadataAction: Sendable {
    public let step: Step
    public let images: [MetadataImage]
    public let tagSpecs: [MetadataTagSpec]
    public let flavor: MetadataFlavor
    /// The user's `labels:` lines.
    public let userLabels: [MetadataLabel]
    /// The `tags:` entry as written; nil when absent.
    public let tagsEntry: Entry?
    /// True when a line of `tags:` or `flavor:` is a whole expression, such as `${{ matrix.tags }}`: which tags
    /// the step outputs is decided at run time, so they cannot be read here.
    public let readsLinesAtRunTime: Bool
    /// True when `tags:` is absent or empty and the defaults apply.
    public var usesDefaultTags: Bool { tagSpecs.allSatisfy(\.isDefault) }

    public static func isMetadataAction(_ step: Step) -> Bool {
        step.action?.fullName == "docker/metadata-action" || step.action?.fullName == "crazy-max/ghaction-docker-meta"
    }

    /// Reads a metadata-action step; nil for any other step.
    public init?(step: Step, file: SourceFile) {
        guard Self.isMetadataAction(step) else { return nil }
        self.step = step
        let anchor = step.uses?.span ?? step.node.span
        func lines(_ key: String) -> [ValueItem] {
            guard let node = step.input(key) else { return [] }
            return ValueList.items(node, file: file, separators: [UInt8(ascii: "\n")]).filter { !$0.text.hasPrefix("#") }
        }
        images = lines("images").map { item in
            var name = item.text
            var enable = "true"
            if item.text.contains("=") {
                for field in MetadataCSV.fields(item.text) {
                    let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    let key = parts[0].trimmingWhitespace().lowercased()
                    let value = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
                    if key == "name" { name = value } else if key == "enable" { enable = value }
                }
            }
            return MetadataImage(name: name, enable: enable, span: item.span)
        }
        tagsEntry = step.with["tags"]
        let tagLines = lines("tags")
        let flavorLines = lines("flavor")
        // A line that is one whole expression (`${{ matrix.tags }}`) becomes any number of lines at run time.
        readsLinesAtRunTime = (tagLines + flavorLines).contains { $0.text.wholeExpression != nil }
        let specs = tagLines.map { MetadataTagSpec.parse($0.text, span: $0.span) }
        tagSpecs = specs.isEmpty ? MetadataTagSpec.defaults(span: anchor) : specs
        flavor = MetadataFlavor.parse(flavorLines)
        userLabels = lines("labels").compactMap { item in
            guard let equals = item.text.firstIndex(of: "=") else { return nil }
            return MetadataLabel(
                key: item.text[..<equals].trimmingWhitespace(),
                value: item.text[item.text.index(after: equals)...].trimmingWhitespace(), span: item.span,
                isAutomatic: false)
        }
    }

    /// The tags (without image) the step outputs for `event`, highest priority first, without duplicates;
    /// the flavor's `latest` last.
    public func tags(for event: RunEvent) -> [MetadataTag] {
        var produced: [(tag: MetadataTag, priority: Int)] = []
        var latestSpan: SourceSpan?
        for spec in tagSpecs where spec.error == nil {
            guard isEnabled(spec["enable"] ?? "true", event) else { continue }
            for value in values(spec, event) {
                produced.append((MetadataTag(value: value, span: spec.span, spec: spec, isFlavorLatest: false), spec.priority))
            }
            if flavor.latest == .auto, latestSpan == nil, triggersAutoLatest(spec, event) {
                latestSpan = spec.span
            }
        }
        // A stable sort by priority, highest first (metadata-action sorts the same way).
        let sorted = produced.enumerated().sorted { lhs, rhs in
            lhs.element.priority != rhs.element.priority
                ? lhs.element.priority > rhs.element.priority : lhs.offset < rhs.offset
        }.map(\.element.tag)
        var seen: Set<String> = []
        var result = sorted.filter { seen.insert($0.value).inserted }
        let addLatest: Bool
        switch flavor.latest {
        case .true: addLatest = true
        case .false: addLatest = false
        case .auto: addLatest = latestSpan != nil
        }
        if addLatest {
            var value = "latest"
            if flavor.prefixOnLatest { value = flavor.prefix + value }
            if flavor.suffixOnLatest { value += flavor.suffix }
            if seen.insert(value).inserted {
                let span = flavor.latestSpan ?? latestSpan ?? step.uses?.span ?? step.node.span
                result.append(MetadataTag(value: value, span: span, spec: nil, isFlavorLatest: true))
            }
        }
        return result
    }

    /// The `tags` output for `event`: every enabled image with every tag.
    public func references(for event: RunEvent) -> [MetadataReference] {
        let tags = tags(for: event)
        let enabled = images.filter { isEnabled($0.enable, event) }
        if images.isEmpty { return tags.map { MetadataReference(image: nil, tag: $0) } }
        return enabled.flatMap { image in tags.map { MetadataReference(image: image, tag: $0) } }
    }

    /// The `labels` output for `event`: the automatic OCI labels, overridden and extended by `labels:`.
    public func labels(for event: RunEvent) -> [MetadataLabel] {
        let anchor = step.uses?.span ?? step.node.span
        let url = "https://github.com/\(event.repository)"
        let automatic: [(String, String)] = [
            ("title", String(event.repository.split(separator: "/").last ?? "")),
            ("description", ""),
            ("url", url),
            ("source", url),
            ("version", tags(for: event).first?.value ?? ""),
            ("created", "2024-01-01T00:00:00.000Z"),
            ("revision", event.sha),
            ("licenses", ""),
        ]
        var labels = automatic.map {
            MetadataLabel(key: "org.opencontainers.image.\($0.0)", value: $0.1, span: anchor, isAutomatic: true)
        }
        for label in userLabels {
            labels.removeAll { $0.key == label.key }
            labels.append(label)
        }
        return labels
    }

    // MARK: - Evaluation

    /// `enable=` for a run: `true`/`false`, `{{is_default_branch}}`, or a `${{ }}` the run decides. Anything
    /// else counts as enabled (the rules would rather miss a finding than invent one).
    func isEnabled(_ enable: String, _ event: RunEvent) -> Bool {
        let text = enable.trimmingWhitespace()
        switch text.lowercased() {
        case "false": return false
        case "true", "": return true
        case "{{is_default_branch}}": return event.isDefaultBranch
        default: break
        }
        if let inner = text.wholeExpression {
            return event.evaluate(inner)?.truthy ?? true
        }
        return !["0", "no", "off"].contains(text.lowercased())
    }

    /// True when `spec` makes `latest=auto` add `latest` in this run.
    func triggersAutoLatest(_ spec: MetadataTagSpec, _ event: RunEvent) -> Bool {
        switch spec.kind {
        case .ref: return spec.event == "tag" && event.tag != nil
        case .semver, .pep440:
            guard let version = MetadataVersion(spec["value"].map { expand($0, event) } ?? event.tag ?? "") else {
                return false
            }
            return !version.isPrerelease
        case .match: return !values(spec, event).isEmpty
        default: return false
        }
    }

    /// The tag values one spec produces for a run (before image names).
    func values(_ spec: MetadataTagSpec, _ event: RunEvent) -> [String] {
        switch spec.kind {
        case .schedule:
            guard event.name == "schedule" else { return [] }
            return [affix(expand(spec["pattern"] ?? "nightly", event), spec)]
        case .semver, .pep440:
            let raw = spec["value"].map { expand($0, event) } ?? event.tag
            guard let raw, spec["value"] != nil || event.tag != nil, let version = MetadataVersion(raw) else { return [] }
            let pattern = spec["pattern"] ?? "{{version}}"
            if version.isPrerelease, !pattern.containsText("{{version}}"), !pattern.containsText("{{raw}}") { return [] }
            if version.major == 0, pattern.trimmingWhitespace() == "{{major}}" { return [] }
            var value = pattern.replacing("{{raw}}", with: raw)
                .replacing("{{version}}", with: version.text)
                .replacing("{{major}}", with: String(version.major))
                .replacing("{{minor}}", with: String(version.minor))
                .replacing("{{patch}}", with: String(version.patch))
            value = expand(value, event)
            return [affix(value, spec)]
        case .match:
            let input = spec["value"].map { expand($0, event) } ?? event.tag
            guard let input, let pattern = spec["pattern"], let regex = try? Regex(pattern),
                let match = try? regex.firstMatch(in: input)
            else { return [] }
            let group = Int(spec["group"] ?? "0") ?? 0
            guard group < match.output.count, let substring = match.output[group].substring else { return [] }
            return [affix(String(substring), spec)]
        case .edge:
            guard let branch = event.branch else { return [] }
            let wanted = (spec["branch"] ?? "").isEmpty ? event.defaultBranch : spec["branch"]!
            return branch == wanted ? [affix("edge", spec)] : []
        case .ref:
            switch spec.event {
            case "branch": return event.branch.map { [affix(Self.sanitize($0), spec)] } ?? []
            case "tag": return event.tag.map { [affix(Self.sanitize($0), spec)] } ?? []
            case "pr":
                guard event.isPullRequest else { return [] }
                return [affix(String(event.pullRequestNumber ?? 0), spec)]
            default: return []
            }
        case .raw:
            guard let value = spec["value"] else { return [] }
            let expanded = expand(value, event)
            return expanded.isEmpty ? [] : [affix(expanded, spec)]
        case .sha:
            let long = spec["format"]?.lowercased() == "long"
            return [affix(long ? event.sha : String(event.sha.prefix(7)), spec)]
        }
    }

    /// Per-tag `prefix`/`suffix`, else the flavor's.
    func affix(_ value: String, _ spec: MetadataTagSpec) -> String {
        let prefix = spec["prefix"] ?? flavor.prefix
        let suffix = spec["suffix"] ?? flavor.suffix
        return expand(prefix, nil) + value + expand(suffix, nil)
    }

    /// metadata-action's global expressions (`{{branch}}`, `{{sha}}` …) and the `${{ }}` a run decides.
    func expand(_ text: String, _ event: RunEvent?) -> String {
        guard text.containsText("{{") else { return text }
        var result = text
        if let event {
            result = result.replacing("{{branch}}", with: event.branch ?? "")
                .replacing("{{tag}}", with: event.tag ?? "")
                .replacing("{{sha}}", with: String(event.sha.prefix(7)))
                .replacing("{{base_ref}}", with: "")
                .replacing("{{is_default_branch}}", with: event.isDefaultBranch ? "true" : "false")
            result = result.substitutingExpressions { event.evaluate($0)?.text }
        }
        // `{{date 'YYYYMMDD'}}` and `{{commit_date …}}`: a digit string of the format's length is close enough.
        while let open = result.firstRange(of: "{{date"), let close = result[open.upperBound...].firstRange(of: "}}") {
            result.replaceSubrange(open.lowerBound..<close.upperBound, with: "20240101")
        }
        return result
    }

    /// The ref-name sanitizing metadata-action applies to branch and tag names.
    static func sanitize(_ name: String) -> String {
        var result = ""
        var lastWasDash = false
        for character in name {
            if character.isASCII, character.isLetter || character.isNumber || "._-".contains(character) {
                result.append(character)
                lastWasDash = false
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        return result
    }
}

/// A semantic version as metadata-action reads a git tag: an optional `v`, then `major.minor.patch`, then an
/// optional `-prerelease` and `+build`.
public struct MetadataVersion: Sendable, Hashable {
    public let major: Int
    public let minor: Int
    let patch: Int
    let prerelease: String?
    let build: String?

    public init?(_ raw: String) {
        var text = raw.trimmingWhitespace()[...]
        if text.first == "v" || text.first == "V" || text.first == "=" { text = text.dropFirst() }
        var build: String?
        if let plus = text.firstIndex(of: "+") {
            build = String(text[text.index(after: plus)...])
            text = text[..<plus]
        }
        var prerelease: String?
        if let dash = text.firstIndex(of: "-") {
            prerelease = String(text[text.index(after: dash)...])
            text = text[..<dash]
            if prerelease?.isEmpty == true { return nil }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        (self.major, self.minor, self.patch, self.prerelease, self.build) = (major, minor, patch, prerelease, build)
    }

    var isPrerelease: Bool { prerelease != nil }
    /// `{{version}}`: without the `v`, build metadata joined with `-`… metadata-action keeps `+`, docker does not
    /// allow it; keep the text so PL502 can report it.
    var text: String {
        var value = "\(major).\(minor).\(patch)"
        if let prerelease { value += "-\(prerelease)" }
        if let build { value += "+\(build)" }
        return value
    }
}

/// The comma splitting docker's actions use for one line (csv-parse): commas inside double quotes or inside a
/// `${{ … }}` (which GitHub replaces before the action runs) do not split.
public enum MetadataCSV {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var expressionDepth = 0
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if line[index...].hasPrefix("${{") {
                expressionDepth += 1
                current += "${{"
                index = line.index(index, offsetBy: 3)
                continue
            }
            if expressionDepth > 0, line[index...].hasPrefix("}}") {
                expressionDepth -= 1
                current += "}}"
                index = line.index(index, offsetBy: 2)
                continue
            }
            if character == "\"", expressionDepth == 0 {
                inQuotes.toggle()
            } else if character == ",", !inQuotes, expressionDepth == 0 {
                fields.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        let last = current.trimmingWhitespace()
        if !last.isEmpty || !fields.isEmpty { fields.append(last) }
        return fields.filter { !$0.isEmpty }
    }

}
