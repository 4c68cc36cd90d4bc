import PlimsollCore
import RepositoryModel

/// The shared check of PL504 (`latest`) and PL506 (`dev`): in the runs that matter, every publication pushes the
/// tag, unless another publication of the repository pushes it for the same image.
struct TagRequirement {
    struct Miss {
        let path: String
        let publication: Publication
        let event: RunEvent
        let names: [String]
    }

    /// Publications that do not push `tag` in `events(scope)`: the first of those runs in which they push.
    static func misses(
        _ tag: String, in repository: Repository, events: (PublicationScope) -> [RunEvent]
    ) -> [Miss] {
        var misses: [Miss] = []
        // Image name → the publications (path and position) that push it with the tag.
        var pushedWithTag: [String: Set<String>] = [:]
        for workflow in repository.workflows {
            guard let scope = workflow.publicationScope else { continue }
            for publication in scope.publications {
                for event in scope.triggers.allEvents where publication.pushes(in: event) {
                    for item in publication.items(for: event) where item.effectiveTag == tag {
                        pushedWithTag[item.name.lowercased(), default: []].insert(key(workflow.path, publication))
                    }
                }
            }
            let candidates = events(scope)
            for publication in scope.publications {
                guard let event = candidates.first(where: { publication.pushes(in: $0) }) else { continue }
                guard !publication.isOpaque, !publication.isPullRequestPreview else { continue }
                let items = publication.items(for: event)
                guard !items.isEmpty, !items.contains(where: \.isOpaque) else { continue }
                if items.contains(where: { $0.effectiveTag == tag }) { continue }
                // A tag the caller or the person starting the run gives (`${{ inputs.tag }}`) may be this one.
                if items.contains(where: \.tagIsInput) { continue }
                var names: [String] = []
                for item in items where !names.contains(item.name) { names.append(item.name) }
                misses.append(Miss(path: workflow.path, publication: publication, event: event, names: names))
            }
        }
        // A step whose pushes cannot be read (a script run after a registry login, another tool) may push the
        // tag: `./scripts/tag_latest.sh` in a release workflow is how some repositories move `latest`.
        guard !misses.isEmpty,
            !repository.workflows.contains(where: { !OtherPublisher.all(in: $0, repository: repository).isEmpty })
        else { return [] }
        // Another publication (another workflow, or another step) that pushes the tag for the same image covers it.
        return misses.filter { miss in
            let own = key(miss.path, miss.publication)
            return !miss.names.allSatisfy { !(pushedWithTag[$0.lowercased()] ?? []).subtracting([own]).isEmpty }
        }
    }

    private static func key(_ path: String, _ publication: Publication) -> String {
        "\(path):\(publication.builds[0].anchor.lowerBound.offset)"
    }

    /// How a run reads in a message: "a push to 'main'", "a push of tag 'v1.2.3'".
    static func describe(_ event: RunEvent) -> String {
        switch event.name {
        case "push": event.branch.map { "a push to '\($0)'" } ?? "a push of tag '\(event.tag ?? "")'"
        case "release": "a release"
        case "workflow_dispatch": "a manual run"
        case "schedule": "a scheduled run"
        default: "a '\(event.name)' run"
        }
    }
}
