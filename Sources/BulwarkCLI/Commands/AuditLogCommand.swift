import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkAuditLog

/// `bulwark audit-log`: Kubernetes audit logs → suspicious activity, by rules `BW-S<n>-4NN`.
struct AuditLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-log",
        abstract: "Read Kubernetes audit logs and report suspicious activity (exec, privileged pods, RBAC changes, Secret enumeration, …).",
        discussion: """
        Reads audit Events (audit.k8s.io/v1 and v1beta1) one JSON object per line as the API server's \
        log backend writes them, an EventList, gzip-compressed (rotated) logs, standard input (-), and \
        the managed forms, detected per line: EKS/CloudWatch exports, AKS diagnostic logs \
        (properties.log) and GKE Cloud Audit Logs (protoPayload). An event logged at several stages \
        counts once (by auditID). Rules about who acts (exec/attach, Secret reads, RBAC changes, \
        401/403 bursts) skip Kubernetes' own identities; rules about what is created fire whoever \
        creates it. Memory stays constant whatever the size of the log.

        Examples:
          bulwark audit-log /var/log/kubernetes/audit.log
          bulwark audit-log audit.log audit-2026-01-30.log.gz -o json
          kubectl logs ... | bulwark audit-log - --since 2026-01-31T00:00:00Z
          bulwark audit-log --list-rules -o json

        Exit codes: 0 no detection at or above --fail-on; 1 detections at or above it; 2 usage \
        error, nothing could be read, or --strict and some lines could not be read (machine formats \
        still print the whole document).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, sarif, markdown }

    @Argument(help: ArgumentHelp("Audit log files (.gz allowed), or - for standard input.", valueName: "file"))
    var files: [String] = []

    @Option(name: [.customShort("o"), .customLong("format")], help: "Output format: table, json, sarif, markdown.")
    var format: Format = .table

    @Option(name: .customLong("output-file"), help: "Write the report to this file instead of standard output.")
    var outputFile: String?

    @Option(help: ArgumentHelp("Only events at or after this time (RFC 3339).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only events at or before this time (RFC 3339).", valueName: "time"))
    var until: String?

    @Option(name: .customLong("rules"), help: ArgumentHelp("Only these rules: IDs or globs, comma-separated (BW-S3-*,BW-S6-401).", valueName: "ids"))
    var ruleFilter: String?

    @Flag(name: .customLong("list-rules"), help: "List the rules (with -o json: {\"rules\": [...]}) and exit.")
    var listRules = false

    @Flag(help: "Keep reading each file as it grows (and after it is rotated); stop with Ctrl-C. Detections are reported when reading stops.")
    var follow = false

    @OptionGroup var policy: ScanPolicyOptions

    func run() async throws {
        let rules = try selectedRules()
        if listRules {
            try write(format == .json ? AuditReportRendering.rulesJSON(rules) : AuditReportRendering.rulesTable(rules))
            return
        }
        guard !files.isEmpty else { throw ValidationError("Give at least one audit log file, or - for standard input.") }
        if follow && files.contains("-") { throw ValidationError("--follow reads files; standard input is followed anyway until it ends.") }
        if follow && files.count != 1 { throw ValidationError("--follow follows one file; give exactly one.") }
        var options = AuditLogScanner.Options()
        options.rules = rules
        options.since = try time(since, flag: "--since")
        options.until = try time(until, flag: "--until")
        if let now = policy.now {
            guard let parsed = RFC3339.parse(now) else {
                throw ValidationError("--now must be an RFC 3339 time such as 2026-01-31T12:00:00Z, not '\(now)'.")
            }
            options.now = parsed
        }
        if let path = policy.exceptions {
            do { options.exceptions = try ExceptionsFile.load(path) } catch {
                throw ValidationError("--exceptions: \(error)")
            }
            let known = Set(AuditRules.all.map(\.id))
            if let unknown = options.exceptions.first(where: { rule in !known.contains { Glob.matches(rule.control, $0) } }) {
                throw ValidationError("--exceptions: \(unknown.source): \(unknown.control) matches no audit-log rule.")
            }
        }
        let scanner = AuditLogScanner(options: options)
        let stop = FollowStop()
        if follow { stop.installSignalHandler() }
        for file in files {
            do {
                let source = try ByteSource.open(path: file, follow: follow ? { stop.stopped } : nil)
                scanner.read(source, name: file == "-" ? "<stdin>" : file)
            } catch {
                scanner.noteUnreadable(file, "\(error)")
            }
        }
        let report = scanner.finish()
        switch format {
        case .json: try write(AuditReportRendering.json(report, rules: rules))
        case .sarif: try write(AuditReportRendering.sarif(report, rules: rules, version: BulwarkCommand.version))
        case .markdown: try write(AuditReportRendering.markdown(report, rules: rules))
        case .table: try write(AuditReportRendering.table(report, rules: rules))
        }
        // Nothing could be read: every input failed or held no event, with errors to say why. An
        // empty log is a quiet cluster, not an error.
        if report.eventsRead == 0 && !report.errors.isEmpty { throw ReportedExit(2) }
        if policy.strict && !report.errors.isEmpty { throw ReportedExit(2) }
        if report.detections.contains(where: { $0.severity >= policy.failOn }) { throw ExitCode(1) }
    }

    private func selectedRules() throws -> [AuditRule] {
        guard let ruleFilter else { return AuditRules.all }
        let patterns = ruleFilter.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        var out: [AuditRule] = []
        for pattern in patterns {
            let matched = AuditRules.all.filter { Glob.matches(pattern, $0.id) }
            guard !matched.isEmpty else { throw ValidationError("--rules \(pattern): no audit-log rule has that ID (see --list-rules).") }
            for rule in matched where !out.contains(where: { $0.id == rule.id }) { out.append(rule) }
        }
        return AuditRules.all.filter { r in out.contains { $0.id == r.id } }
    }

    private func time(_ text: String?, flag: String) throws -> Double? {
        guard let text else { return nil }
        guard let t = RFC3339Fast.seconds(text), RFC3339.parse(text) != nil || text.count >= 19 else {
            throw ValidationError("\(flag) must be an RFC 3339 time such as 2026-01-31T12:00:00Z, not '\(text)'.")
        }
        return t
    }

    private func write(_ text: String) throws {
        let data = Data(text.utf8)
        if let outputFile {
            do { try data.write(to: URL(fileURLWithPath: outputFile)) } catch {
                throw ValidationError("Cannot write \(outputFile): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

/// Ctrl-C during --follow ends reading and prints the report.
final class FollowStop: @unchecked Sendable {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    var stopped: Bool { Self.flag != 0 }
    func installSignalHandler() {
        signal(SIGINT) { _ in FollowStop.flag = 1 }
        signal(SIGTERM) { _ in FollowStop.flag = 1 }
    }
}
