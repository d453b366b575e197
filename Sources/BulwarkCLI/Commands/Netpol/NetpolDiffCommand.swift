import ArgumentParser
import BulwarkNetworkPolicy

/// `bulwark netpol diff OLD NEW`: connections added, removed or changed.
struct NetpolDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the allowed connections of two versions of the manifests (for pull-request review).",
        discussion: """
        OLD and NEW are each a manifest file or folder, or a snapshot file written by `bulwark snapshot` \
        (JSON or gzip with a schemaVersion), so a cluster can be compared with the manifests about to \
        be applied. Lines start with + (added), - (removed) or ~ (changed).
        Exit codes: 0 no change, 1 connections changed, 2 usage error or unreadable input.
        """)

    @Argument(help: "The old manifests (file or folder) or snapshot file.") var old: String
    @Argument(help: "The new manifests (file or folder) or snapshot file.") var new: String

    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        let before = try NetpolInput.analysis(side: old, quiet: true)
        let after = try NetpolInput.analysis(side: new, quiet: true)
        let diff = ReachDiff(old: ReachResult(analysis: before, reachability: Reachability(before)),
                             new: ReachResult(analysis: after, reachability: Reachability(after)))
        NetpolInput.write(format == .json ? diff.json : diff.table)
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
