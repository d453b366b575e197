import ArgumentParser
import BulwarkModel
import BulwarkInputs
import BulwarkLive
import BulwarkNode
import Foundation

/// Where the facts come from. Every command that reads a cluster's objects takes these the same way.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Manifest files or folders (searched recursively for .yaml, .yml, .json); '-' reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("no-render"), help: ArgumentHelp(
        "Read folders holding a kustomization.yaml or a Helm chart file by file, as they are. By default they are scanned as they render: through `kubectl kustomize` (or `kustomize build`) and `helm template` when on PATH, never fetching remote resources; without a renderer, patch and component files are set aside with a warning."))
    var noRender = false

    @Option(help: ArgumentHelp("A snapshot written by `bulwark snapshot` (JSON, or gzip when compressed), scanned offline.",
                               valueName: "file"))
    var snapshot: String?

    @Option(name: .customLong("node-root"), help: ArgumentHelp(
        "A node's filesystem root (a mounted node image, a copy of its files, or / on the node itself), read as `bulwark node --root` reads it and scanned together with the other input. Repeatable.",
        valueName: "dir"))
    var nodeRoots: [String] = []

    @OptionGroup(title: "Live cluster") var cluster: ClusterOptions

    @OptionGroup var limits: InputLimitOptions

    /// A live cluster is read when asked for (--kubeconfig, --context…), or when there is nothing
    /// else to read. `-n`/`-A` only choose namespaces: with manifests they limit the manifests.
    func readsLiveCluster(scope: NamespaceScopeOptions?, extras: LiveExtrasOptions? = nil) -> Bool {
        cluster.isRequested || extras?.isRequested == true || (paths.isEmpty && snapshot == nil && nodeRoots.isEmpty)
    }

    /// What was read: every object of the paths, the snapshot and the live cluster in one
    /// inventory, and the cluster's server version when known (the live cluster's wins).
    /// Exits 2 when nothing could be read.
    func read(scope: NamespaceScopeOptions? = nil, extras: LiveExtrasOptions? = nil) async throws -> (inventory: Inventory, serverVersion: String?) {
        var inventory = paths.isEmpty ? Inventory() : ManifestReader(maxFileBytes: limits.limit, render: noRender ? nil : RenderSettings.fromEnvironment()).read(paths)
        var serverVersion: String?
        if let snapshot {
            do {
                let loaded = try SnapshotFile.read(snapshot, limit: limits.limit)
                inventory.merge(Self.inventory(of: loaded, file: snapshot))
                serverVersion = loaded.serverVersion
            } catch {
                throw ValidationError("Cannot use the snapshot \(error.description)")
            }
        }
        for root in nodeRoots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--node-root \(root) is not a directory.")
            }
            inventory.merge(NodeReader(root: root).read())
        }
        if readsLiveCluster(scope: scope, extras: extras) {
            let collection = try await cluster.collect(namespace: scope?.namespace, extras: extras)
            for issue in collection.issues { inventory.add(issue: issue) }
            // Through the same path as a snapshot file, so live and snapshot scans agree.
            inventory.merge(Self.inventory(of: collection.snapshot, file: collection.snapshot.source.description))
            serverVersion = collection.snapshot.serverVersion ?? serverVersion
        }
        try Diagnostics.requireInput(inventory)
        // -n means the same for every input: only that namespace's objects are judged (a live
        // collection read only it already); cluster-scoped objects stay as context.
        if let namespace = scope?.namespace { inventory = NamespaceScope.limit(inventory, to: namespace) }
        return (inventory, serverVersion)
    }

    /// A snapshot's objects, each node's kubelet configuration (configz) as a
    /// KubeletConfiguration, and what it could not read as warnings.
    static func inventory(of snapshot: Snapshot, file: String) -> Inventory {
        var inventory = SnapshotFile.inventory(of: snapshot, file: file)
        for (node, config) in snapshot.kubeletConfigz {
            if let object = KubeletConfigzObjects.object(node: node, config: config) { inventory.add(object) }
        }
        for issue in ClusterOptions.issues(forbidden: snapshot.forbidden, source: file) { inventory.add(issue: issue) }
        return inventory
    }
}
