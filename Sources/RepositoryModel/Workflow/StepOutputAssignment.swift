import WorkflowModel

/// What a `run:` script writes to `$GITHUB_OUTPUT` under one output name, when the workflow shows it:
/// one line of the script mentions `name=` and that line writes to `$GITHUB_OUTPUT`
/// (`echo "tag=pr-${PR_NUMBER}" >> "$GITHUB_OUTPUT"`). Where several lines set the output (branches of an
/// `if`), or the value is computed elsewhere, nothing is known.
enum StepOutputAssignment {
    /// The text assigned to `output` (lowercase) in `run`, quotes removed; nil when the script does not show it.
    /// Only lines that write to `$GITHUB_OUTPUT` count: `IS_RELEASE=yes` sets a shell variable, not the output.
    static func text(of output: String, in run: String) -> String? {
        let lines = run.split(whereSeparator: \.isNewline).filter { line in
            line.containsText("GITHUB_OUTPUT") && line.lowercased().containsText(output + "=")
        }
        guard lines.count == 1,
            let assigned = ExpressionScope.text(after: output + "=", in: lines[0])
        else { return nil }
        var value = assigned[...]
        if let redirect = value.firstIndex(of: ">") { value = value[..<redirect] }
        var text = value.trimmingWhitespace()[...]
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        return String(text)
    }

    /// The step of `job` before `step` whose `id` is `id` (compared lowercase), with its script.
    static func producer(_ id: String, before step: Step?, in job: Job) -> (step: Step, run: String)? {
        for candidate in job.steps {
            if let step, candidate === step { return nil }
            if candidate.id?.value.lowercased() == id, let run = candidate.run?.value { return (candidate, run) }
        }
        return nil
    }
}
