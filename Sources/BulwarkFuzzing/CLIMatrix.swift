import Foundation
import BulwarkModel

/// The real `bulwark` binary run on a mutant written to a folder: every command of the matrix,
/// each bounded to 60 s and 2 GiB, judged on how it ended and on its JSON.
public struct CLIMatrix: Sendable {
    public struct Command: Sendable, Equatable {
        public var arguments: [String]
        /// Standard output must be one JSON document (`-o json`), whatever the exit code.
        public var expectsJSON: Bool
        /// A file the command writes that must be JSON when it exits 0 (snapshot --output-file).
        public var writesJSONFile: String?
        /// Standard input (a file of the mutant; /dev/null when nil).
        public var stdin: String? = nil
        /// Where standard output is kept for a later command to read (a report `diff` compares).
        public var keepStdoutAs: String? = nil
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public var command: [String]
        public var problem: String
        public var description: String { "bulwark \(command.joined(separator: " ")): \(problem)" }
    }

    public let bulwark: String
    public var runner = ChildProcess()

    public init(bulwark: String) { self.bulwark = bulwark }

    /// The commands for a mutant materialised in `dir` (manifests/, node/, snapshot.json,
    /// audit.log), in order: later ones read what earlier ones wrote (the snapshot, the reports).
    public static func commands(for mutant: Mutant, in dir: String) -> [Command] {
        var out: [Command] = []
        let manifests = dir + "/manifests"
        let now = ["--now", "2026-09-01T00:00:00Z"]
        func json(_ args: [String], stdin: String? = nil, keep: String? = nil) {
            out.append(Command(arguments: args + ["-o", "json"], expectsJSON: true, writesJSONFile: nil, stdin: stdin, keepStdoutAs: keep))
        }
        func text(_ args: [String], stdin: String? = nil) {
            out.append(Command(arguments: args, expectsJSON: false, writesJSONFile: nil, stdin: stdin))
        }
        if !mutant.files.isEmpty {
            for format in ["table", "yaml", "junit", "markdown", "html", "prometheus"] {
                text(["scan", manifests, "-o", format] + now)
            }
            json(["scan", manifests, "-o", "sarif"] + now)
            let report = dir + "/report.json", snapshotReport = dir + "/snapshot-report.json"
            json(["scan", manifests] + now, keep: report)
            json(["pss", manifests])
            json(["netpol", "reach", manifests])
            let (src, dst) = workloadPair(mutant)
            json(["netpol", "can", src, dst, "80/TCP", manifests])
            json(["rbac", "who-can", "get", "secrets", manifests])
            json(["rbac", "paths", manifests])
            let snap = dir + "/from-dump.json"
            let dumps = mutant.files.indices.map { manifests + "/" + Mutant.flatName($0, mutant.files[$0].name) }
            out.append(Command(arguments: ["snapshot", "--from-dump"] + dumps + ["--output-file", snap] + now,
                               expectsJSON: false, writesJSONFile: snap))
            json(["scan", "--snapshot", snap] + now, keep: snapshotReport)
            // The two reports compared both ways, a pull request's check against a baseline, and
            // a document that is not a report (the snapshot) refused with JSON.
            json(["diff", snapshotReport, report])
            text(["diff", report, snapshotReport, "-o", "markdown"])
            json(["scan", manifests, "--baseline", snapshotReport] + now)
            json(["diff", snap, report])
        }
        if mutant.node != nil {
            json(["node", "--root", dir + "/node"])
        }
        if mutant.snapshot != nil {
            json(["scan", "--snapshot", dir + "/snapshot.json"])
            json(["rbac", "paths", "--snapshot", dir + "/snapshot.json"])
            json(["netpol", "reach", "--snapshot", dir + "/snapshot.json"])
        }
        if mutant.audit != nil {
            let log = dir + "/audit.log"
            json(["audit-log", log] + now)
            json(["audit-log", log, "-o", "sarif"] + now)
            text(["audit-log", log, "-o", "table"] + now)
            text(["audit-log", log, "-o", "markdown", "--strict"] + now)
            json(["audit-log", "-"] + now, stdin: log)
        }
        return out
    }

    /// Two workloads of the mutant as NAMESPACE/KIND/NAME (made up when there are none: the
    /// command must then refuse cleanly, still with JSON).
    static func workloadPair(_ mutant: Mutant) -> (String, String) {
        let kinds: Set<String> = ["Deployment", "Pod", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"]
        var found: [String] = []
        for d in mutant.files.flatMap(\.documents) {
            // Names longer than Kubernetes allows (253) are left out: a mutated name of megabytes
            // would not fit in an argument list (E2BIG), a limit of the harness, not of Bulwark.
            guard let kind = d["kind"]?.string, kinds.contains(kind), let name = d["metadata"]?["name"]?.string,
                  !name.isEmpty, name.utf8.count <= 253 else { continue }
            var ns = d["metadata"]?["namespace"]?.string ?? "default"
            if ns.utf8.count > 253 { ns = "default" }
            found.append("\(ns.isEmpty ? "default" : ns)/\(kind)/\(name)")
            if found.count == 2 { break }
        }
        return (found.first ?? "default/Deployment/missing", found.count > 1 ? found[1] : "10.0.0.1")
    }

    /// Runs every command; the failures found (none when the mutant is handled).
    public func run(_ mutant: Mutant, in dir: String) throws -> [Failure] {
        try mutant.write(to: dir)
        var failures: [Failure] = []
        for command in Self.commands(for: mutant, in: dir) {
            if let failure = check(command, in: dir) { failures.append(failure) }
        }
        return failures
    }

    /// Runs one command and judges it.
    public func check(_ command: Command, in dir: String) -> Failure? {
        let r = runner.run(bulwark, command.arguments, stdoutPath: command.keepStdoutAs ?? dir + "/stdout", stderrPath: dir + "/stderr",
                           stdinPath: command.stdin ?? "/dev/null")
        func fail(_ problem: String) -> Failure {
            let stderr = String(decoding: r.stderr.suffix(600), as: UTF8.self)
            return Failure(command: command.arguments, problem: problem + (stderr.isEmpty ? "" : " — stderr: \(stderr)"))
        }
        if r.timedOut { return fail("ran over \(Int(runner.timeout)) s (killed)") }
        if r.overMemory { return fail("more than \(runner.memoryLimitBytes >> 20) MiB resident (\(r.maxResidentBytes >> 20) MiB)") }
        if let signal = r.signal { return fail("killed by signal \(signal)") }
        guard let code = r.exitCode, (0...2).contains(code) else { return fail("exit code \(r.exitCode.map(String.init) ?? "?")") }
        if command.expectsJSON, (try? JSONSerialization.jsonObject(with: Data(r.stdout), options: [.fragmentsAllowed])) == nil {
            return fail("exit \(code) and standard output is not one JSON document (\(r.stdout.count) bytes)")
        }
        if let file = command.writesJSONFile, code == 0 {
            guard let data = FileManager.default.contents(atPath: file), (try? JSONSerialization.jsonObject(with: data)) != nil else {
                return fail("exit 0 but \(file) is not JSON")
            }
        }
        return nil
    }
}
