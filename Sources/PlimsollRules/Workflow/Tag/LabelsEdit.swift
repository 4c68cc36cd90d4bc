import PlimsollCore
import RepositoryModel
import WorkflowModel

/// The label fixes of PL407 and PL509 on a build-push-action step: pass the labels of the job's
/// metadata-action step (`${{ steps.<id>.outputs.labels }}`, which holds the OCI source, created, version and
/// revision labels), or, without one, a literal line in `labels:`.
enum LabelsEdit {
    /// The `labels` output of the metadata-action step the build's tags come from, else of the one
    /// metadata-action step of the job before the build; nil without a step that has an `id`.
    static func metadataLabels(for publication: Publication) -> String? {
        let build = publication.builds[0]
        var step = publication.tagsMetadata?.step
        if step?.id == nil {
            let candidates = publication.job.steps.filter {
                MetadataAction.isMetadataAction($0) && $0.index < build.step.index && $0.id != nil
            }
            step = candidates.count == 1 ? candidates.first : nil
        }
        guard let id = step?.id?.value, !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        else { return nil }
        return "${{ steps.\(id).outputs.labels }}"
    }

    /// The edit that adds `line` to the build-push-action step's `labels:`; nil for another kind of build.
    static func adding(_ line: String, to publication: Publication) -> FileEdit? {
        let build = publication.builds[0]
        guard case .buildPushAction = build.kind else { return nil }
        return StepInputEdit.adding(line, to: "labels", of: build.step, in: publication.file)
    }
}
