import ArgumentParser
import Foundation
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
