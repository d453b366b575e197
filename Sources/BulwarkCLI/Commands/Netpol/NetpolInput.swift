import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkNetworkPolicy

/// Reads manifests for the netpol commands and reports the engine's warnings on standard error.
enum NetpolInput {
    static func analysis(_ paths: [String], quiet: Bool = false) throws -> NetworkAnalysis {
        let inventory = ManifestReader().read(paths)
        try Diagnostics.requireInput(inventory)
        for issue in inventory.issues where issue.level == .error {
            Diagnostics.note("bulwark: \(issue.file)\(issue.line.map { ":\($0)" } ?? ""): \(issue.message)")
        }
        let analysis = NetworkAnalysis(inventory: inventory)
        if !quiet { for w in analysis.warnings { Diagnostics.note("warning: \(w)") } }
        return analysis
    }

    /// Writes text to standard output without building one huge string.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
