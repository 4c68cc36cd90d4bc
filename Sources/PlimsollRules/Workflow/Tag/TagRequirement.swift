import PlimsollCore

/// The shared check of PL504 (`latest`) and PL506 (`dev`): in the runs that matter, every publication pushes the
/// tag, unless another publication of the repository pushes it for the same image.
struct TagRequirement {
    struct Miss {
        let path: String
        let publication: TagPublication
        let event: MetadataEvent
        let names: [String]
    }

    /// Publications that do not push `tag` in `events(scope)`: the first of those runs in which they push.
    static func misses(
        _ tag: String, in repository: Repository, events: (TagScope) -> [MetadataEvent]
    ) -> [Miss] {
        var misses: [Miss] = []
        var pushedWithTag: Set<String> = []
        for workflow in repository.workflows {
            guard let scope = TagScope(workflow) else { continue }
            for publication in scope.publications {
                for event in scope.triggers.allEvents where publication.pushes(in: event) {
                    for item in publication.items(for: event) where item.effectiveTag == tag {
                        pushedWithTag.insert(item.name.lowercased())
                    }
                }
            }
            let candidates = events(scope)
            for publication in scope.publications {
                guard let event = candidates.first(where: { publication.pushes(in: $0) }) else { continue }
                guard !publication.isOpaque else { continue }
                let items = publication.items(for: event)
                guard !items.isEmpty, !items.contains(where: \.isOpaque) else { continue }
                if items.contains(where: { $0.effectiveTag == tag }) { continue }
                var names: [String] = []
                for item in items where !names.contains(item.name) { names.append(item.name) }
                misses.append(Miss(path: workflow.path, publication: publication, event: event, names: names))
            }
        }
        return misses.filter { miss in !miss.names.allSatisfy { pushedWithTag.contains($0.lowercased()) } }
    }

    /// How a run reads in a message: "a push to 'main'", "a push of tag 'v1.2.3'".
    static func describe(_ event: MetadataEvent) -> String {
        switch event.name {
        case "push": event.branch.map { "a push to '\($0)'" } ?? "a push of tag '\(event.tag ?? "")'"
        case "release": "a release"
        case "workflow_dispatch": "a manual run"
        case "schedule": "a scheduled run"
        default: "a '\(event.name)' run"
        }
    }
}
