import Foundation
import BulwarkModel
import BulwarkReports

/// A command ended with its result document already written (scan/node/probe under --strict):
/// the exit code is all that is left to give.
struct ReportedExit: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}

/// Nothing could be read; the issues were already printed to standard error and go into the
/// failure document's `errors`.
struct UnreadableInput: Error, CustomStringConvertible {
    var issues: [InputIssue]
    var description: String { issues.last?.message ?? "no input could be read" }
}

/// What a machine-format run prints when it fails (exit 2): one complete document of the format
/// asked for, with `errors` filled in, so that a pipeline never parses an empty stream. Decided
/// from the raw arguments, so that it also covers arguments that did not parse.
enum FailureDocument {
    /// The formats a program reads. Table, Markdown, dot and csv output are for people or have no
    /// place for errors.
    static let machineFormats: Set<String> = ["json", "yaml", "sarif", "junit"]
    /// Commands whose output is a scan report (every report format).
    static let reportCommands: Set<String> = ["scan", "node", "probe"]
    static let groups: Set<String> = ["rbac", "netpol", "cve"]

    /// The command path (`scan`, `rbac who-can`), the `-o`/`--format` value and `--output-file`.
    static func inspect(_ arguments: [String]) -> (command: [String], format: String?, outputFile: String?) {
        var command: [String] = []
        if let first = arguments.first, !first.hasPrefix("-") {
            command.append(first)
            if groups.contains(first), arguments.count > 1, !arguments[1].hasPrefix("-") { command.append(arguments[1]) }
        }
        var format: String?
        var outputFile: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "-o" || a == "--format" { if i + 1 < arguments.count { format = arguments[i + 1]; i += 1 } }
            else if a.hasPrefix("--format=") { format = String(a.dropFirst("--format=".count)) }
            else if a.hasPrefix("-o"), a.count > 2, !a.hasPrefix("--") { format = String(a.dropFirst(2)).replacingOccurrences(of: "=", with: "") }
            else if a == "--output-file" { if i + 1 < arguments.count { outputFile = arguments[i + 1]; i += 1 } }
            else if a.hasPrefix("--output-file=") { outputFile = String(a.dropFirst("--output-file=".count)) }
            i += 1
        }
        return (command, format, outputFile)
    }

    /// The document for a failed run of `arguments`, or nil when no machine format was asked for.
    static func render(arguments: [String], issues: [InputIssue], now: Date = Date()) -> String? {
        let (command, format, _) = inspect(arguments)
        guard let format, machineFormats.contains(format) else { return nil }
        if let name = command.first, reportCommands.contains(name) {
            guard let reportFormat = ReportFormat(rawValue: format) else { return nil }
            let report = ScanReport(
                toolVersion: BulwarkCommand.version, generatedAt: now,
                settings: .init(pssLevel: "", pssVersion: "", kubeVersion: "", failOn: .high),
                objects: 0, findings: [], results: [], exceptions: [], errors: issues, exitCode: 2)
            return try? ReportRendering.render(report, format: reportFormat, style: .plain)
        }
        // Every other command has JSON only: its usual top-level list, empty, and the errors.
        guard format == "json" else { return nil }
        let emptyList: String? = switch command.joined(separator: " ") {
        case "pss": "results"
        case "netpol reach": "connections"
        case "rbac who-can": "subjects"
        case "rbac paths": "paths"
        case "controls": "controls"
        case "cve list": "cves"
        default: nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Document(emptyList: emptyList, errors: issues)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `{"<emptyList>": [], "errors": [...], "exitCode": 2}`.
    struct Document: Encodable {
        var emptyList: String?
        var errors: [InputIssue]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            if let emptyList { try c.encode([String](), forKey: Key(emptyList)) }
            try c.encode(errors, forKey: Key("errors"))
            try c.encode(2, forKey: Key("exitCode"))
        }
    }

    /// Writes the failure document where the report would have gone (the --output-file, or
    /// standard output). Best effort: the run is failing already.
    static func write(arguments: [String], issues: [InputIssue]) {
        guard let text = render(arguments: arguments, issues: issues) else { return }
        let data = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        if let outputFile = inspect(arguments).outputFile {
            try? data.write(to: URL(fileURLWithPath: outputFile))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
