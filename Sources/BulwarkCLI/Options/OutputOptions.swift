import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkReports

/// How results are written. Shared by every command that prints a report.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("format")],
            help: "Output format: \(ReportFormat.allValueStrings.joined(separator: ", ")).")
    var format: ReportFormat = .table

    @Option(name: .customLong("output-file"), help: "Write the report to this file instead of standard output.")
    var outputFile: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the table (also: NO_COLOR set in the environment).")
    var noColor = false

    @Flag(name: .customLong("show-not-assessed"), help: "Table: list every not-assessed control with its reason (default: one count per section). JSON and the other machine formats always list them.")
    var showNotAssessed = false

    @Option(name: .customLong("severity"), help: ArgumentHelp("Table and Markdown: show only findings at or above this severity (critical, high, medium, low, info). Display only: the exit code and machine formats count everything.", valueName: "level"))
    var minimumSeverity: Severity?

    @Option(name: .customLong("section"), parsing: .singleValue, help: ArgumentHelp("Table and Markdown: show only these guide sections (S1…S17; repeat or separate with commas). Display only, like --severity.", valueName: "S1,S6"))
    var sectionFilters: [String] = []

    /// The sections `--section` names; nil when it was not given.
    func sections() throws -> Set<GuideSection>? {
        guard !sectionFilters.isEmpty else { return nil }
        var out = Set<GuideSection>()
        for word in sectionFilters.flatMap({ $0.split(separator: ",") }) {
            let id = word.trimmingCharacters(in: .whitespaces).uppercased()
            guard let section = GuideSection(id: id) else {
                throw ValidationError("--section \(word): not a guide section; use S1 … S17.")
            }
            out.insert(section)
        }
        return out
    }

    /// How human formats are laid out: width from `COLUMNS`, else the terminal's, else 100.
    func style() throws -> RenderStyle {
        RenderStyle(colour: useColor, width: Self.terminalWidth(), showNotAssessed: showNotAssessed,
                    sections: try sections(), minimumSeverity: minimumSeverity)
    }

    static func terminalWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return min(columns, 1_000)
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return RenderStyle.defaultWidth
    }

    /// Colour only for a table written to a terminal, and never when NO_COLOR is set.
    var useColor: Bool {
        format == .table && outputFile == nil && !noColor
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }

    func write(_ text: String) throws {
        let data = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        if let outputFile {
            do { try data.write(to: URL(fileURLWithPath: outputFile)) } catch {
                throw ValidationError("Cannot write \(outputFile): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
