import Foundation
import ArgumentParser
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

    /// For questions about a few namespaces (`can`): manifest paths alone are read with
    /// `NamespaceScopedReader`, which parses only the documents that can concern `namespaces`
    /// (same answers, far less parsing); a snapshot or the live cluster is read in full.
    static func analysis(_ input: InputOptions, concerning namespaces: Set<String>) async throws -> NetworkAnalysis {
        guard input.snapshot == nil, !input.readsLiveCluster(scope: nil) else { return try await analysis(input, quiet: true) }
        let clock = ContinuousClock()
        let start = clock.now
        let (inventory, skipped) = NamespaceScopedReader(namespaces: namespaces).read(input.paths)
        // Nothing read but documents skipped: the input is not empty, the workloads are just not in it.
        if skipped == 0 { try Diagnostics.requireInput(inventory) }
        Diagnostics.timing("scoped read of namespaces \(namespaces.sorted().joined(separator: ", ")): \(skipped) documents skipped unparsed")
        return analysis(of: inventory, readTime: clock.now - start, quiet: true)
    }

    /// One side of `diff`: a snapshot file (`bulwark snapshot`), or manifest files and folders.
    static func analysis(side path: String, quiet: Bool = false) throws -> NetworkAnalysis {
        let clock = ContinuousClock()
        let start = clock.now
        let inventory = try snapshotInventory(path) ?? ManifestReader().read([path])
        try Diagnostics.requireInput(inventory)
        return analysis(of: inventory, readTime: clock.now - start, quiet: quiet)
    }

    /// The objects of `path` when it is a snapshot file: a regular `.json` or `.gz` file whose root
    /// carries a `schemaVersion` (any other JSON is read as manifests).
    static func snapshotInventory(_ path: String) throws -> Inventory? {
        var isDirectory: ObjCBool = false
        let lowered = path.lowercased()
        guard lowered.hasSuffix(".json") || lowered.hasSuffix(".gz"),
              FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        do {
            return InputOptions.inventory(of: try SnapshotFile.read(path), file: path)
        } catch {
            if error.message.hasPrefix("not a Bulwark snapshot") || error.message.hasPrefix("line ") && !lowered.hasSuffix(".gz") { return nil }
            throw ValidationError("Cannot use the snapshot \(error.description)")
        }
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
