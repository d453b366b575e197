import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkPodSecurity

/// The offline twin of `kubectl label --dry-run=server ns pod-security.kubernetes.io/enforce=LEVEL`:
/// the verdict of upstream Pod Security Admission on every pod-bearing object.
struct PSSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pss",
        abstract: "Check pods and pod templates against a Pod Security Standards level and version.",
        discussion: """
        Evaluates every pod-bearing object (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, \
        ReplicaSet, ReplicationController, PodTemplate, and custom kinds with spec.template.spec) \
        exactly as the Pod Security Admission controller of that policy version would, and lists each \
        failed check with upstream's reason and detail.

        Examples:
          bulwark pss deploy/ --level restricted
          bulwark pss pod.yaml --level baseline --version v1.25 -o json
          kubectl get pods -A -o yaml | bulwark pss - --level restricted --version latest

        Exit codes: 0 all allowed, 1 any object not allowed, 2 usage error or nothing could be read. \
        Documents that fail to parse are listed under "errors" and do not change the exit code.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Live cluster") var scope: NamespaceScopeOptions

    @Option(help: "Pod Security Standards level: baseline or restricted (privileged allows everything).")
    var level: String = "restricted"

    @Option(help: "Policy version: v1.0 … v1.37, or latest.")
    var version: String = "latest"

    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.")
    var format: VerdictFormat = .table

    enum VerdictFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    struct Verdict: Encodable {
        struct Object: Encodable { var apiVersion, kind, namespace, name: String }
        struct Violation: Encodable { var check, reason, detail: String }
        var file: String?
        var document: Int?
        var line: Int?
        var object: Object
        var allowed: Bool
        var violations: [Violation]
    }

    struct Output: Encodable {
        var level: String
        var version: String
        var results: [Verdict]
        var errors: [InputIssue]
    }

    func run() async throws {
        guard let pssLevel = PSSLevel(rawValue: level) else {
            throw ValidationError("--level must be baseline, restricted or privileged, not '\(level)'.")
        }
        let pssVersion = try ScanPolicyOptions.pssVersion(version, flag: "--version")
        let (inventory, _) = try await input.read(scope: scope)
        var verdicts: [Verdict] = []
        var issues = inventory.issues
        for (object, pod) in inventory.workloads {
            let evaluation = PodSecurity.evaluate(pod, level: pssLevel, version: pssVersion)
            for m in evaluation.malformed {
                let path = pod.path(m.path)
                issues.append(InputIssue(file: object.source?.file ?? "-", document: object.source?.document,
                                         line: object.value.line(at: path) ?? object.source?.line,
                                         message: "\(object.kind) \(object.name): \(path) is a \(m.found); expected \(m.expected)"))
            }
            verdicts.append(Verdict(
                file: object.source?.file, document: object.source?.document, line: object.source?.line,
                object: .init(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name),
                allowed: evaluation.allowed,
                violations: evaluation.violations.map { .init(check: $0.check, reason: $0.reason, detail: $0.detail) }))
        }
        let output = Output(level: pssLevel.rawValue, version: version, results: verdicts, errors: issues)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        case .table:
            print(Self.table(output))
        }
        if verdicts.contains(where: { !$0.allowed }) { throw ExitCode(1) }
    }

    static func table(_ output: Output) -> String {
        var lines: [String] = []
        for v in output.results {
            let name = v.object.namespace.isEmpty ? "\(v.object.kind)/\(v.object.name)" : "\(v.object.kind)/\(v.object.namespace)/\(v.object.name)"
            let place = v.file.map { " (\($0)\(v.line.map { ":\($0)" } ?? ""))" } ?? ""
            lines.append("\(v.allowed ? "allowed" : "DENIED ") \(name)\(place)")
            for violation in v.violations {
                lines.append("    \(violation.check): \(violation.reason) — \(violation.detail)")
            }
        }
        let denied = output.results.filter { !$0.allowed }.count
        lines.append("")
        lines.append("\(output.results.count) pod-bearing objects at \(output.level):\(output.version): \(output.results.count - denied) allowed, \(denied) denied")
        for e in output.errors {
            lines.append("\(e.level.rawValue): \(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)")
        }
        return lines.joined(separator: "\n")
    }
}
