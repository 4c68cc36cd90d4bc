import Foundation

/// What an org scan tells its caller while it runs. Called from worker threads.
public protocol OrgProgress: Sendable {
    func begin(total: Int)
    func started(_ repository: String)
    /// `reused`: the repository was unchanged since the last run and its previous result was kept.
    func finished(_ record: OrgRecord, reused: Bool)
    func end()
}

/// Progress on stderr: on a terminal, one redrawn bar (done/total, the repository being scanned, elapsed time
/// and ETA); otherwise one plain line per finished repository, fit for CI logs.
public final class OrgProgressDisplay: OrgProgress {
    private struct State {
        var total = 0
        var done = 0
        var running: [String] = []
        var start = ContinuousClock.now
    }

    private let state = Locked(State())
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void

    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    public func begin(total: Int) {
        state.withLock {
            $0.total = total
            $0.start = .now
        }
        if !isTerminal { write("scanning \(total) \(total == 1 ? "repository" : "repositories")\n") }
    }

    public func started(_ repository: String) {
        let line = state.withLock { state -> String? in
            state.running.append(repository)
            return isTerminal ? bar(state) : nil
        }
        if let line { write(line) }
    }

    public func finished(_ record: OrgRecord, reused: Bool) {
        let line = state.withLock { state -> String in
            state.done += 1
            if let index = state.running.firstIndex(of: record.repo) { state.running.remove(at: index) }
            if isTerminal {
                // An errored repository stays on screen above the bar; the rest only move the bar.
                let note = record.status == .errored ? "\r\u{1B}[2K" + Self.describe(record, reused: reused) + "\n" : ""
                return note + bar(state)
            }
            let width = String(state.total).count
            let counter = String(repeating: " ", count: max(0, width - String(state.done).count)) + "\(state.done)"
            return "[\(counter)/\(state.total)] \(Self.describe(record, reused: reused))\n"
        }
        write(line)
    }

    public func end() {
        if isTerminal { write("\r\u{1B}[2K") }
    }

    static func describe(_ record: OrgRecord, reused: Bool) -> String {
        let name = TerminalText.sanitize(record.repo)
        switch record.status {
        case .errored: return "errored   \(name): \(TerminalText.sanitize(record.reason ?? ""))"
        case .ok where record.state == .notApplicable:
            return "n/a       \(name) (no Dockerfile, no image workflow)" + (reused ? ", unchanged" : "")
        case .ok:
            let failing = record.failingFamilies
            let verdict = failing == 0 ? "compliant" : "failing  "
            return "\(verdict) \(name) (\(record.findingCount) findings, \(failing) failing families)"
                + (reused ? ", unchanged" : "")
        }
    }

    private func bar(_ state: State) -> String {
        let width = 24
        let filled = state.total == 0 ? width : width * state.done / state.total
        let elapsed = ContinuousClock.now - state.start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var eta = "--:--"
        if state.done > 0 {
            eta = Self.clock(seconds / Double(state.done) * Double(state.total - state.done))
        }
        var current = state.running.last.map { TerminalText.sanitize($0) } ?? ""
        if current.count > 32 { current = String(current.prefix(31)) + "…" }
        return "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(state.done)/\(state.total)  \(current)  elapsed \(Self.clock(seconds))  ETA \(eta)"
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let mmss = String(format: "%02d:%02d", minutes, rest)
        return hours > 0 ? "\(hours):" + mmss : mmss
    }
}

/// Progress that goes nowhere, for embedding and tests.
public struct SilentOrgProgress: OrgProgress {
    public init() {}
    public func begin(total: Int) {}
    public func started(_ repository: String) {}
    public func finished(_ record: OrgRecord, reused: Bool) {}
    public func end() {}
}
