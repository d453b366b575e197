import ArgumentParser
import Foundation
import BulwarkInputs
import BulwarkVersions

struct CVEUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Import the official Kubernetes CVE feed (JSON) into Bulwark's data directory.",
        discussion: """
        FILE is the feed as kubernetes.io publishes it (official-cve-feed/index.json, JSON Feed 1.1). \
        Versions, components and scores are read from each advisory's text; entries whose versions \
        cannot be read are kept and reported as not assessed. Malformed entries are listed and skipped; \
        the rest is imported. Nothing is fetched from the network.
        """)

    @Argument(help: ArgumentHelp("The feed file ('-' for standard input).", valueName: "file"))
    var file: String

    func run() async throws {
        let data: Data
        switch InputFile.read(file) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let error): throw ValidationError("Cannot read \(error.description)")
        }
        let store = CVEDataStore()
        let imported: CVEFeedImport
        do { imported = try store.install(feed: data, from: file) } catch {
            throw ValidationError("Cannot import the CVE feed: \(error)")
        }
        for problem in imported.problems { Diagnostics.note("bulwark: skipped \(problem)") }
        let records = imported.database.records
        let unassessable = imported.unassessable.map(\.id)
        let uncertain = records.filter(\.uncertain).count
        print("Imported \(records.count) CVEs into \(store.feedFile.path)\(imported.updatedAt.map { " (feed updated \($0))" } ?? "").")
        if !unassessable.isEmpty {
            print("\(unassessable.count) without readable version ranges (reported as not assessed): \(unassessable.joined(separator: ", ")).")
        }
        if uncertain > 0 { print("\(uncertain) read only in part (marked uncertain); see `bulwark cve list`.") }
        if !imported.problems.isEmpty { print("\(imported.problems.count) malformed entries skipped (listed on standard error).") }
        print("Scans now use this feed instead of the bundled data (\(BundledCVEs.asOf)).")
    }
}
