import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkNetworkPolicy

/// Reads the input for the netpol commands and reports the engine's warnings on standard error.
enum NetpolInput {
    /// Paths, a snapshot or the live cluster, as every command takes them.
    static func analysis(_ input: InputOptions, quiet: Bool = false) async throws -> NetworkAnalysis {
        let clock = ContinuousClock()
        let start = clock.now
        let inventory = try await input.read().inventory
        return analysis(of: inventory, readTime: clock.now - start, quiet: quiet)
    }

    /// Manifest paths alone (each side of `diff`).
    static func analysis(_ paths: [String], quiet: Bool = false) throws -> NetworkAnalysis {
        let clock = ContinuousClock()
        let start = clock.now
        let inventory = ManifestReader().read(paths)
        try Diagnostics.requireInput(inventory)
        return analysis(of: inventory, readTime: clock.now - start, quiet: quiet)
    }

    private static func analysis(of inventory: Inventory, readTime: Duration, quiet: Bool) -> NetworkAnalysis {
        let clock = ContinuousClock()
        let read = clock.now
        for issue in inventory.issues where issue.level == .error {
            Diagnostics.note("bulwark: \(issue.file)\(issue.line.map { ":\($0)" } ?? ""): \(issue.message)")
        }
        let analysis = NetworkAnalysis(inventory: inventory)
        Diagnostics.timing("read \(Diagnostics.seconds(readTime)) (\(inventory.objects.count) objects), index \(Diagnostics.seconds(clock.now - read)) (\(analysis.workloads.count) workloads, \(analysis.policies.count) policies)")
        if !quiet { for w in analysis.warnings { Diagnostics.note("warning: \(w)") } }
        return analysis
    }

    /// Writes text to standard output without building one huge string.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
