import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkControls

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "What a control checks, why the guide asks for it, how it is judged, the fix and its references.",
        discussion: """
        CONTROL is an ID as reports print it (BW-S6-002; case does not matter). The text of "How it \
        is judged" is the control's own documentation in Bulwark's source.

        Examples:
          bulwark explain BW-S3-101
          bulwark explain bw-s6-002 -o json
          bulwark controls --section S11      (find IDs)
        """)

    @Argument(help: ArgumentHelp("The control ID.", valueName: "control")) var control: String
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: ControlsCommand.ListFormat = .table

    struct Explanation: Encodable {
        var id: String
        var section: String
        var sectionTitle: String
        var severity: String
        var title: String
        var why: String
        var judged: String
        var reads: [String]
        var remediation: String
        var references: [String: [String]]
    }

    func run() async throws {
        let id = control.uppercased()
        guard let found = Catalog.controls.first(where: { $0.id == id }) else {
            let near = Catalog.controls.map(\.id).filter { $0.hasPrefix(id.split(separator: "-").prefix(2).joined(separator: "-") + "-") }
            throw ValidationError("\(control) is no control\(near.isEmpty ? "" : "; in that section: " + near.prefix(12).joined(separator: ", ")) (`bulwark controls` lists them all).")
        }
        let info = found.info
        let explanation = Explanation(
            id: info.id, section: info.section.id, sectionTitle: info.section.title, severity: info.severity.rawValue,
            title: info.title, why: info.section.rationale, judged: Self.judged(found), reads: found.reads,
            remediation: info.remediation, references: info.references)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(explanation), as: UTF8.self))
        case .table:
            print(Self.text(explanation, width: OutputOptions.terminalWidth()))
        }
    }

    /// The control's documentation, or for the Pod Security Standards controls the upstream check
    /// they run.
    static func judged(_ control: Control) -> String {
        if let text = ControlDocs.judged[control.id] { return text }
        if let check = control.info.references["pss"]?.first {
            return "Runs the upstream Pod Security Admission check \(check) on every pod template (Pods, and the templates of Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers), at the level and version of --pss-level and --pss-version, exactly as the admission controller would: it fails where admission would deny the pod."
        }
        return "Judged from the objects it reads (below); see the finding messages for the rule applied."
    }

    static func text(_ e: Explanation, width: Int) -> String {
        func block(_ heading: String, _ body: String) -> [String] {
            [heading] + wrap(body, width: width - 2).map { "  " + $0 }
        }
        var lines = ["\(e.id)  \(e.title)", "Section \(e.section) \(e.sectionTitle) · severity \(e.severity)", ""]
        lines += block("Why the guide asks for it", e.why) + [""]
        lines += block("How it is judged", e.judged) + [""]
        if !e.reads.isEmpty { lines += block("Object kinds read", e.reads.joined(separator: ", ")) + [""] }
        lines += block("Fix", e.remediation)
        if !e.references.isEmpty {
            lines += [""] + block("References", e.references.keys.sorted().map { "\($0): \(e.references[$0, default: []].joined(separator: ", "))" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    /// Words in lines of at most `width` columns (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var line = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for word in raw.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > width { out.append(line); line = "" }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { out.append(line); line = "" }
        }
        return out.isEmpty ? [""] : out
    }
}
