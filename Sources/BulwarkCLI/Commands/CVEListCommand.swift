import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkVersions

struct CVEListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the CVE database, or what it says about one Kubernetes version.",
        discussion: """
        Without --version, every CVE with its components, severity and fixed versions. With \
        --version, each CVE's verdict for that version (affected, not affected, not assessed) and \
        the version's place in the support window at --now.

        Examples:
          bulwark cve list
          bulwark cve list --version v1.29.3-eks-abc -o json
        """)

    @Option(help: ArgumentHelp("A Kubernetes version such as v1.31.4 (distribution suffixes are allowed).", valueName: "version"))
    var version: String?

    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.")
    var format: ListFormat = .table

    @Option(help: ArgumentHelp("The date the support window is judged at, RFC 3339.", valueName: "time"))
    var now: String?

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// One row of the listing; `verdict` and `fixedIn` only with --version.
    struct Row: Encodable {
        var id: String
        var title: String
        var severity: String
        var cvss: Double?
        var components: [String]
        var windowsOnly: Bool
        var fixedVersions: [String]
        var unfixed: Bool
        var uncertain: Bool
        var note: String?
        var link: String
        var verdict: String?
        var fixedIn: String?
    }

    struct Listing: Encodable {
        var source: String
        var version: String?
        var upstreamVersion: String?
        var support: String?
        var cves: [Row]
    }

    func run() async throws {
        let database = try CVECommand.database()
        var date = Date()
        if let now {
            guard let parsed = RFC3339.parse(now) else { throw ValidationError("--now must be an RFC 3339 time, not '\(now)'.") }
            date = parsed
        }
        var parsedVersion: KubernetesVersion?
        if let version {
            guard let v = KubernetesVersion(parsing: version) else {
                throw ValidationError("--version must look like v1.31.4, not '\(version)'.")
            }
            parsedVersion = v
        }
        var rows: [Row] = []
        for record in database.records {
            var row = Row(id: record.id, title: record.title, severity: record.severity.rawValue, cvss: record.cvssScore,
                          components: record.components.sorted().map(\.rawValue), windowsOnly: record.windowsOnly,
                          fixedVersions: record.affected.fixedVersions.map(\.upstreamDescription), unfixed: record.isUnfixed,
                          uncertain: record.uncertain, note: record.note, link: record.link)
            if let v = parsedVersion {
                switch record.affected.verdict(for: v) {
                case .affected(let fixedIn):
                    row.verdict = record.isUnfixed ? "affected (no fix; mitigate)" : "affected"
                    row.fixedIn = (fixedIn ?? record.affected.firstFix(after: v.line))?.upstreamDescription
                case .notAffected: row.verdict = "not affected"
                case .unknown: row.verdict = "not assessed"
                }
            }
            rows.append(row)
        }
        let support = parsedVersion.map { Self.supportText($0.line, at: date) }
        let listing = Listing(source: database.originDescription, version: parsedVersion?.description,
                              upstreamVersion: parsedVersion?.upstreamDescription, support: support, cves: rows)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
        case .table:
            print(Self.table(listing, version: parsedVersion))
        }
    }

    static func supportText(_ line: KubeVersion, at date: Date) -> String {
        let day = { (d: Date) in String(RFC3339.format(d).prefix(10)) }
        switch SupportWindow.status(of: line, at: date) {
        case .supported(let eol): return "\(line) is supported until \(day(eol))"
        case .maintenance(let eol): return "\(line) is in maintenance mode until its end of life on \(day(eol))"
        case .endOfLife(let since): return "\(line) reached end of life on \(day(since))"
        case .olderThanKnown(let oldest): return "\(line) is older than \(oldest): out of support"
        case .newerThanKnown(let newest): return "\(line) is newer than the newest line Bulwark knows (\(newest))"
        }
    }

    static func table(_ listing: Listing, version: KubernetesVersion?) -> String {
        var lines = ["Source: \(listing.source)"]
        if let version, let support = listing.support {
            lines.append("Version: \(version) (judged as upstream \(version.upstreamDescription)); \(support)")
            if let d = version.distribution { lines.append("Note: the \(d) build may carry backported fixes that upstream versions do not show.") }
        }
        lines.append("")
        var rows = listing.cves
        if version != nil { rows = rows.filter { $0.verdict != "not affected" } }
        for row in rows {
            let verdict = row.verdict.map { v in "  \(v)\(row.fixedIn.map { " → \($0)" } ?? "")" } ?? ""
            let fixes = version == nil ? (row.unfixed ? "  no fix" : "  fixed: \(row.fixedVersions.joined(separator: ", "))") : ""
            let flags = (row.windowsOnly ? " [Windows]" : "") + (row.uncertain ? " [uncertain]" : "")
            lines.append("\(row.id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(row.severity.padding(toLength: 8, withPad: " ", startingAt: 0)) \(row.components.joined(separator: ","))\(flags)\(verdict)\(fixes)")
            lines.append("    \(row.title)")
        }
        lines.append("")
        if version != nil {
            let affected = listing.cves.filter { $0.verdict?.hasPrefix("affected") == true }.count
            lines.append("\(affected) of \(listing.cves.count) CVEs affect \(version?.description ?? "")")
        } else {
            lines.append("\(listing.cves.count) CVEs")
        }
        return lines.joined(separator: "\n")
    }
}
