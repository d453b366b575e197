import ArgumentParser
import Foundation
import BulwarkModel

struct ControlsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controls",
        abstract: "List every control with its section, severity and equivalent IDs elsewhere.",
        discussion: """
        Examples:
          bulwark controls
          bulwark controls --section S6
          bulwark controls -o json | jq '.controls[] | select(.severity == "critical")'
        """)

    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.")
    var format: ListFormat = .table

    @Option(help: ArgumentHelp("Only this guide section (S1 … S17).", valueName: "section"))
    var section: String?

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        var infos = Catalog.controls.map(\.info)
        if let section {
            guard let s = GuideSection(id: section.uppercased()) else {
                throw ValidationError("--section must be one of S1 … S17, not '\(section)'.")
            }
            infos = infos.filter { $0.section == s }
        }
        switch format {
        case .json:
            struct Listing: Encodable { var controls: [ControlInfo] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Listing(controls: infos)), as: UTF8.self))
        case .table:
            print(Self.table(infos))
        }
    }

    static func table(_ infos: [ControlInfo]) -> String {
        var lines: [String] = []
        for section in GuideSection.allCases {
            let inSection = infos.filter { $0.section == section }
            guard !inSection.isEmpty else { continue }
            lines.append("\(section.id)  \(section.title)")
            for info in inSection {
                let refs = info.references.keys.sorted().map { "\($0): \(info.references[$0, default: []].joined(separator: ","))" }
                lines.append("  \(info.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \(info.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(info.title)")
                if !refs.isEmpty { lines.append(String(repeating: " ", count: 25) + refs.joined(separator: "  ")) }
            }
            lines.append("")
        }
        lines.append("\(infos.count) controls")
        return lines.joined(separator: "\n")
    }
}
