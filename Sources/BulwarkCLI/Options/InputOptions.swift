import ArgumentParser
import BulwarkModel
import BulwarkInputs

/// Where the facts come from. Every command that reads a cluster's objects takes these the same way.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Manifest files or folders (searched recursively for .yaml, .yml, .json); '-' reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("A snapshot written by `bulwark snapshot` (JSON, or gzip when compressed), scanned offline.",
                               valueName: "file"))
    var snapshot: String?

    func validate() throws {
        if paths.isEmpty && snapshot == nil {
            throw ValidationError("Give at least one manifest file or folder, '-' for standard input, or --snapshot FILE.")
        }
    }

    /// What was read: every object of the paths and the snapshot in one inventory, and the
    /// snapshot's server version when it has one. Exits 2 when nothing could be read.
    func read() throws -> (inventory: Inventory, serverVersion: String?) {
        var inventory = paths.isEmpty ? Inventory() : ManifestReader().read(paths)
        var serverVersion: String?
        if let snapshot {
            do {
                let loaded = try SnapshotFile.read(snapshot)
                inventory.merge(SnapshotFile.inventory(of: loaded, file: snapshot))
                serverVersion = loaded.serverVersion
            } catch {
                throw ValidationError("Cannot use the snapshot \(error.description)")
            }
        }
        try Diagnostics.requireInput(inventory)
        return (inventory, serverVersion)
    }
}
