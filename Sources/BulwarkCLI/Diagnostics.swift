import ArgumentParser
import Foundation
import BulwarkModel

/// Messages to standard error, and the rule that a run with no readable input is a usage error.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((CredentialRedaction.redact(text: message) + "\n").utf8))
    }

    /// Exit 2 when nothing could be read: no objects and at least one error, or no documents at all.
    static func requireInput(_ inventory: Inventory) throws {
        guard inventory.objects.isEmpty else { return }
        let errors = inventory.issues.filter { $0.level == .error }
        for issue in errors.prefix(20) {
            note("bulwark: \(issue.file)\(issue.line.map { ":\($0)" } ?? ""): \(issue.message)")
        }
        let summary = errors.isEmpty ? "no Kubernetes objects found in the input" : "no input could be read"
        note("bulwark: \(summary)")
        throw UnreadableInput(issues: errors + [InputIssue(file: "-", message: summary)])
    }

    /// With BULWARK_TIMING set, query commands say where their time went (the benchmark scripts
    /// read it), on standard error.
    static let timingRequested = ProcessInfo.processInfo.environment["BULWARK_TIMING"] != nil

    static func timing(_ message: String) {
        if timingRequested { note("timing \(message)") }
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.3fs", s)
    }
}
