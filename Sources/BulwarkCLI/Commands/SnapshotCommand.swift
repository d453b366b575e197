import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save a cluster's objects to a file that `bulwark scan --snapshot` reads offline.",
        discussion: """
        The snapshot is versioned JSON (schema bulwark.io/snapshot/v1; gzip when the file name ends \
        .gz). Secret values never enter it: a Secret keeps its type, metadata and key names only; \
        the last-applied-configuration annotation and managedFields are dropped from every object.

        Without --from-dump it collects from the live cluster of the kubeconfig context (as \
        `bulwark scan` would): objects, discovery, the server version, what was forbidden, and \
        with --kubelet-configz every node's kubelet configuration. With --from-dump it builds the \
        snapshot from the output of `kubectl get -o json` or `-o yaml`, so that people without \
        Bulwark in the cluster can hand over what it needs.

        Examples:
          bulwark snapshot --context prod --output-file prod.json.gz
          kubectl get all,ns,networkpolicies,roles,rolebindings,clusterroles,clusterrolebindings -A -o json > dump.json
          bulwark snapshot --from-dump dump.json --server-version v1.31.4 --output-file cluster.json.gz
          bulwark scan --snapshot cluster.json.gz
        """)

    @Option(name: .customLong("from-dump"), parsing: .upToNextOption,
            help: ArgumentHelp("kubectl output files (JSON or YAML; '-' for standard input) to turn into a snapshot.", valueName: "file"))
    var dumps: [String] = []

    @Option(name: .customLong("server-version"), help: ArgumentHelp(
        "The cluster's version (kubectl version: Server Version), recorded so that scans judge APIs against it.", valueName: "version"))
    var serverVersion: String?

    @OptionGroup(title: "Live cluster") var cluster: ClusterOptions
    @OptionGroup(title: "Live cluster") var extras: LiveExtrasOptions
    @OptionGroup var limits: InputLimitOptions
    @OptionGroup(title: "Live cluster") var scope: NamespaceScopeOptions

    @Option(name: .customLong("output-file"), help: ArgumentHelp("Write here instead of standard output; .gz compresses.", valueName: "file"))
    var outputFile: String?

    @Option(help: ArgumentHelp("The time recorded as createdAt, RFC 3339 (for reproducible files).", valueName: "time"))
    var now: String?

    func validate() throws {
        if !dumps.isEmpty && (cluster.isRequested || extras.isRequested || scope.isRequested) {
            throw ValidationError("--from-dump and the live-cluster options exclude each other.")
        }
        if dumps.isEmpty && serverVersion != nil {
            throw ValidationError("--server-version is for --from-dump; a live cluster reports its own version.")
        }
        if let serverVersion, KubeVersion(parsing: serverVersion) == nil {
            throw ValidationError("--server-version must look like v1.31.4, not '\(serverVersion)'.")
        }
    }

    func run() async throws {
        var date = Date()
        if let now {
            guard let parsed = RFC3339.parse(now) else { throw ValidationError("--now must be an RFC 3339 time, not '\(now)'.") }
            date = parsed
        }
        let snapshot: Snapshot
        if dumps.isEmpty {
            var collection = try await cluster.collect(namespace: scope.namespace, extras: extras)
            collection.snapshot.createdAt = RFC3339.format(date)
            let notes = collection.issues + ClusterOptions.issues(forbidden: collection.snapshot.forbidden,
                                                                  source: collection.snapshot.source.description)
            for issue in notes { Diagnostics.note("bulwark: \(issue.level.rawValue): \(issue.file): \(issue.message)") }
            snapshot = collection.snapshot
        } else {
            let inventory = ManifestReader(maxFileBytes: limits.limit).read(dumps)
            for issue in inventory.issues {
                Diagnostics.note("bulwark: \(issue.level.rawValue): \(issue.file)\(issue.line.map { ":\($0)" } ?? ""): \(issue.message)")
            }
            try Diagnostics.requireInput(inventory)
            snapshot = Snapshot(createdAt: date, source: .init(kind: "dump", description: dumps.joined(separator: ", ")),
                                serverVersion: serverVersion, objects: inventory.objects.map(\.value))
        }
        if let outputFile {
            do { try SnapshotFile.write(snapshot, to: outputFile) } catch { throw ValidationError("Cannot write the snapshot to \(error.description)") }
            Diagnostics.note("bulwark: wrote \(snapshot.objects.count) objects to \(outputFile)")
        } else {
            do { try SnapshotFile.write(snapshot, to: FileHandle.standardOutput, gzip: false, name: "standard output") } catch {
                throw ValidationError("Cannot write the snapshot to \(error.description)")
            }
        }
    }
}
