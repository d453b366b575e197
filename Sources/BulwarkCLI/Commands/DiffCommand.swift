import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkReports

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two JSON reports: the findings a change made new, resolved, left unchanged, or that cannot be compared.",
        discussion: """
        Findings are matched by control, object (kind, namespace, name) and field path, so moved \
        lines and reworded messages do not make a finding new. A finding whose control was not \
        assessed in the other scan is incomparable, never new or resolved. Exit 1 when a new \
        finding is at or above --fail-on. For a pull request's exit code alone, \
        `bulwark scan … --baseline main.json` does the same in one step.

        Examples (the report of the main branch, then of the pull request):
          bulwark scan k8s/ -o json --output-file main.json
          bulwark scan k8s/ -o json --output-file pr.json
          bulwark diff main.json pr.json -o markdown > comment.md
          bulwark diff main.json pr.json -o json | jq .summary
        """)

    @Argument(help: ArgumentHelp("The earlier report (bulwark scan -o json).", valueName: "old.json")) var old: String
    @Argument(help: ArgumentHelp("The later report.", valueName: "new.json")) var new: String
    @Option(name: [.customShort("o"), .customLong("format")], help: "table, json or markdown.") var format: DiffFormat = .table
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a new finding is at or above this severity.") var failOn: Severity = .high

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    func run() async throws {
        let diff: ReportDiff
        do { diff = ReportDiff(old: try ReportDiff.load(old), new: try ReportDiff.load(new)) } catch {
            throw ValidationError("\(error)")
        }
        switch format {
        case .json: print(try diff.json(), terminator: "")
        case .markdown: print(diff.markdown(), terminator: "")
        case .table: print(diff.table(width: OutputOptions.terminalWidth()), terminator: "")
        }
        if diff.new.contains(where: { $0.severity >= failOn }) { throw ExitCode(1) }
    }
}
