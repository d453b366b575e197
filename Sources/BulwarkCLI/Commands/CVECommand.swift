import ArgumentParser
import Foundation
import BulwarkVersions

/// `bulwark cve`: the CVE database behind the S17 controls.
struct CVECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cve",
        abstract: "Import the official Kubernetes CVE feed, or show what the CVE database says about a version.",
        discussion: """
        Bulwark ships a table of Kubernetes CVEs with affected version ranges (data as of \(BundledCVEs.asOf)). \
        `bulwark cve update FILE` imports the official feed offline; later scans use it instead of the bundled \
        table and say so in the S17 results. The feed is kept in $BULWARK_DATA_DIR, else \
        $XDG_DATA_HOME/bulwark, else ~/.local/share/bulwark (file cve-feed.json).

        Examples:
          curl -sLo feed.json https://kubernetes.io/docs/reference/issues-security/official-cve-feed/index.json
          bulwark cve update feed.json
          bulwark cve list --version v1.31.4
          bulwark cve list -o json
        """,
        subcommands: [CVEUpdateCommand.self, CVEListCommand.self])

    /// The database scans use: the imported feed when one was imported, else the bundled table.
    /// A stored feed that can no longer be read is a usage error, not a silent fallback.
    static func database() throws -> CVEDatabase {
        do { return try CVEDataStore().database() } catch {
            throw ValidationError("The imported CVE feed cannot be used: \(error). Run `bulwark cve update FILE` again or delete the file.")
        }
    }
}
