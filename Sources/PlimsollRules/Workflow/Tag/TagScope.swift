import PlimsollCore
import ShellSyntax
import WorkflowModel

/// The parsed workflow, its triggers and publications: what every TAG rule starts from.
///
/// A class, shared: each TAG rule that read the scope as a value copied its triggers and publications, retaining
/// every reference they hold, some 34,000 atomic retains in an 860-workflow scan.
final class TagScope: Sendable {
    let workflow: Workflow
    let file: SourceFile
    let triggers: TagTriggers
    let publications: [TagPublication]

    /// Built once per workflow file (`WorkflowFile.tagScope`); `builds` are the workflow's `ImageBuild.all`.
    init(workflow: Workflow, file: SourceFile, builds: [ImageBuild]) {
        self.workflow = workflow
        self.file = file
        let triggers = TagTriggers(workflow)
        self.triggers = triggers
        publications = TagPublication.all(in: workflow, builds: builds, triggers: triggers)
    }

    /// The first run (default-branch push, tag push, release, manual, scheduled) in which something is pushed.
    var primaryEvent: MetadataEvent? {
        triggers.allEvents.first { event in publications.contains { $0.pushes(in: event) } }
    }
}
