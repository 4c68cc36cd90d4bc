import PlimsollCore
import ShellSyntax
import WorkflowModel

/// The parsed workflow, its triggers and publications: what every TAG rule starts from.
///
/// A class, shared: each TAG rule that read the scope as a value copied its triggers and publications, retaining
/// every reference they hold, some 34,000 atomic retains in an 860-workflow scan.
public final class PublicationScope: Sendable {
    let workflow: Workflow
    let file: SourceFile
    public let triggers: WorkflowTriggers
    public let publications: [Publication]

    /// Built once per workflow file (`WorkflowFile.publicationScope`); `builds` are the workflow's `ImageBuild.all`.
    init(workflow: Workflow, file: SourceFile, builds: [ImageBuild]) {
        self.workflow = workflow
        self.file = file
        let triggers = WorkflowTriggers(workflow)
        self.triggers = triggers
        publications = Publication.all(in: workflow, builds: builds, triggers: triggers)
    }

    /// The first run (default-branch push, tag push, release, manual, scheduled) in which something is pushed.
    var primaryEvent: RunEvent? {
        triggers.allEvents.first { event in publications.contains { $0.pushes(in: event) } }
    }
}
