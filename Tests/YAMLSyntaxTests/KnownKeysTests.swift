import PlimsollCore
import Testing
import YAMLSyntax

@testable import WorkflowModel

/// `JobKeys.take` and `StepKeys.take` list the keys a second time, beside `KnownKeys`: every name GitHub knows
/// must be taken, never reported as unknown.
@Suite("Known job and step keys")
struct KnownKeysTests {
    @Test("every known job key and step key is taken, none reported unknown", arguments: ["job", "step"])
    func everyKnownKeyIsTaken(section: String) {
        let keys = (section == "job" ? KnownKeys.job : KnownKeys.step).sorted()
        // Job keys at four spaces under `build:`; step keys at eight, the first after the item's `- `.
        let indent = section == "job" ? "    " : "        "
        var text = "on: push\njobs:\n  build:\n" + (section == "job" ? "" : "    runs-on: x\n    steps:\n      -")
        for (position, key) in keys.enumerated() {
            text += (section == "step" && position == 0 ? " " : indent) + key + ": x\n"
        }
        let (_, diagnostics) = Workflow.load(SourceFile(path: "w.yml", text: text))
        let unknown = diagnostics.filter { $0.message.hasPrefix("unknown key") }
        #expect(unknown.isEmpty, "\(unknown.map(\.message))")
        // The check can fail: a key no one knows is reported.
        let (_, withTypo) = Workflow.load(SourceFile(path: "w.yml", text: text + indent + "nme: x\n"))
        #expect(withTypo.contains { $0.message.hasPrefix("unknown key 'nme'") })
    }
}
