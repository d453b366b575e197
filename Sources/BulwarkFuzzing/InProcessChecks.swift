import Foundation
import BulwarkModel
import BulwarkInputs
import BulwarkPodSecurity
import BulwarkRBAC
import BulwarkNetworkPolicy
import BulwarkControls
import BulwarkReports
import BulwarkNode
import BulwarkAuditLog

/// A property the fuzzer checks that did not hold (a trap is seen by the driver, not here).
public struct CheckFailure: Error, CustomStringConvertible, Sendable {
    public var check: String
    public var message: String
    public var description: String { "\(check): \(message)" }
}

/// Every engine and renderer called directly on one mutant, as the commands call them.
public enum InProcessChecks {
    static let controlInfos = ControlCatalog.all.map(\.info)
    static let fixedNow = Date(timeIntervalSince1970: 1_790_000_000)

    /// `scratch`: a folder this process owns, for the node tree.
    public static func run(_ mutant: Mutant, scratch: String) throws(CheckFailure) {
        scratchDirectory = scratch
        lastLap = Date()
        var inventory = Inventory()
        for f in mutant.files {
            let result = ManifestReader().parse(f.bytes, file: f.name)
            inventory.merge(Inventory(objects: result.objects, issues: result.issues))
        }
        if let snapshot = mutant.snapshot {
            // A mutated snapshot must read back or be refused with a message; either way no trap.
            if let loaded = try? SnapshotFile.decode(Array(FuzzJSON.text(snapshot).utf8), file: "snapshot.json") {
                inventory.merge(SnapshotFile.inventory(of: loaded, file: "snapshot.json"))
            }
        }
        if let node = mutant.node {
            let root = scratch + "/node"
            try? FileManager.default.removeItem(atPath: root)
            for f in node {
                let path = root + "/" + f.path
                try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                // A file that cannot be written (a path of the mutant no file system takes) is one
                // the tree lacks: still a tree to read.
                _ = FileManager.default.createFile(atPath: path, contents: Data(f.bytes))
            }
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            inventory.merge(NodeReader(root: root).read())
        }
        lap("read")
        try scan(inventory, label: "scan")
        lap("scan")
        podSecurity(inventory)
        lap("pss")
        networkPolicy(inventory)
        lap("netpol")
        rbac(inventory)
        lap("rbac")
        try snapshotRoundTrip(inventory)
        lap("snapshot")
        if let audit = mutant.auditBytes {
            try auditLog(audit)
            lap("audit-log")
        }
    }

    /// Seconds spent per phase (BULWARK_FUZZ_PROFILE=1 prints them when the worker ends).
    nonisolated(unsafe) public static var phaseSeconds: [String: Double] = [:]
    nonisolated(unsafe) static var lastLap = Date()
    static func lap(_ phase: String) {
        let now = Date()
        phaseSeconds[phase, default: 0] += now.timeIntervalSince(lastLap)
        lastLap = now
    }

    /// The controls and every report format.
    static func scan(_ inventory: Inventory, label: String) throws(CheckFailure) {
        let settings = ScanSettings(now: fixedNow)
        let context = ScanContext(inventory: inventory, settings: settings)
        lap("scan: context")
        let outcome = ControlRunner.run(ControlCatalog.all, context: context)
        lap("scan: controls")
        let report = ScanReport(
            toolVersion: "fuzz", generatedAt: settings.now,
            settings: .init(pssLevel: settings.pssLevel.rawValue, pssVersion: settings.pssVersion.description,
                            kubeVersion: settings.kubeVersion.description, failOn: .high),
            objects: inventory.objects.count, findings: outcome.findings, results: outcome.results,
            exceptions: outcome.exceptions, errors: inventory.issues + context.malformedFields, exitCode: 0)
        if outcome.results.count != ControlCatalog.all.count {
            throw CheckFailure(check: label, message: "\(outcome.results.count) results for \(ControlCatalog.all.count) controls")
        }
        // JSON every time (it is checked as JSON); the slower renderers in turn, one per call.
        renderTurn += 1
        let others = ReportFormat.allCases.filter { $0 != .json }
        for format in [ReportFormat.json, others[renderTurn % others.count]] {
            let text: String
            do { text = try format.render(report, controls: controlInfos) } catch {
                throw CheckFailure(check: "\(label) -o \(format.rawValue)", message: "render failed: \(error)")
            }
            lap("scan: render \(format.rawValue)")
            if format == .json || format == .sarif {
                guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil else {
                    throw CheckFailure(check: "\(label) -o \(format.rawValue)", message: "output is not JSON")
                }
            }
            if format == .json { try diffAgainstItself(report, json: text, label: label) }
        }
    }

    /// `bulwark diff` and `scan --baseline` read a JSON report back: the report read from its own
    /// JSON, compared with itself, must have nothing new and nothing resolved.
    static func diffAgainstItself(_ report: ScanReport, json: String, label: String) throws(CheckFailure) {
        let path = scratchFile("report.json")
        let loaded: ScanReport
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            loaded = try ReportDiff.load(path)
        } catch {
            throw CheckFailure(check: "\(label) diff", message: "its own JSON report does not read back: \(error)")
        }
        let diff = ReportDiff(old: loaded, new: report)
        if diff.summary.new != 0 || diff.summary.resolved != 0 || diff.summary.unchanged != report.findings.count {
            throw CheckFailure(check: "\(label) diff", message: "a report compared with its own JSON: \(diff.summary)")
        }
        do { _ = try diff.json() } catch { throw CheckFailure(check: "\(label) diff -o json", message: "\(error)") }
        _ = diff.markdown()
        _ = diff.table(width: 80)
    }

    /// `bulwark audit-log` on the mutant's log, every format; the machine formats must be JSON,
    /// and every input error names the file it came from.
    static func auditLog(_ bytes: [UInt8]) throws(CheckFailure) {
        var options = AuditLogScanner.Options()
        options.now = fixedNow
        let scanner = AuditLogScanner(options: options)
        scanner.read(.bytes(bytes), name: "audit.log")
        let report = scanner.finish()
        for (name, text) in [("json", AuditReportRendering.json(report, rules: options.rules)),
                             ("sarif", AuditReportRendering.sarif(report, rules: options.rules, version: "fuzz"))] {
            guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil else {
                throw CheckFailure(check: "audit-log -o \(name)", message: "output is not JSON")
            }
        }
        _ = AuditReportRendering.table(report, rules: options.rules)
        _ = AuditReportRendering.markdown(report, rules: options.rules)
        if let error = report.errors.first(where: { $0.file != "audit.log" }) {
            throw CheckFailure(check: "audit-log", message: "an error that does not name its input: \(error)")
        }
    }

    static func podSecurity(_ inventory: Inventory) {
        for (_, pod) in inventory.workloads {
            for level in [PSSLevel.baseline, .restricted] {
                for version in [PSSVersion.latest, PSSVersion(minor: 0), PSSVersion(minor: 25)] {
                    _ = PodSecurity.evaluate(pod, level: level, version: version)
                }
            }
        }
    }

    static func networkPolicy(_ inventory: Inventory) {
        let analysis = NetworkAnalysis(inventory: inventory)
        _ = analysis.warnings
        let reach = ReachResult(analysis: analysis, reachability: Reachability(analysis))
        for format in ReachFormat.allCases { _ = format.render(reach) }
        // `netpol can` between the first workloads, on a declared named port and on numbers.
        let n = min(analysis.workloads.count, 3)
        for s in 0..<n {
            for d in 0..<n {
                for proto in NetworkProtocol.allCases {
                    for port in [1, 80, 65535] + analysis.workloads[d].namedPorts.values.prefix(2) {
                        _ = analysis.decide(from: .workload(s), to: .workload(d), proto: proto, port: port)
                    }
                }
            }
            for address in ["10.0.0.1", "::1", "0.0.0.0"].compactMap(IPAddress.init) {
                _ = analysis.decide(from: .workload(s), to: .address(address), proto: .tcp, port: 443)
                _ = analysis.decide(from: .address(address), to: .workload(s), proto: .udp, port: 53)
            }
        }
    }

    static func rbac(_ inventory: Inventory) {
        let index = RBACIndex(inventory: inventory)
        _ = index.dormantBindings
        let questions: [(String, String, String)] = [("get", "secrets", ""), ("create", "pods", ""), ("*", "*", ""), ("create", "pods/exec", ""),
                                                     ("get", "/healthz", ""), ("impersonate", "users", ""), ("bind", "clusterroles.rbac.authorization.k8s.io", ""),
                                                     ("get", "", ""), ("get", "/", ""), ("list", "deployments.apps", "status")]
        var namespaces = Array(inventory.namespaceNames.sorted().prefix(2))
        namespaces.append("")
        for (verb, resource, sub) in questions {
            let request = ResourceSpec(parsing: resource, subresource: sub).request(verb: verb, name: "")
            _ = index.grants(allowing: request, in: .clusterWide)
            for ns in namespaces { _ = index.grants(allowing: request, in: .namespace(ns)) }
        }
        let graph = EscalationGraph(index: index)
        for path in graph.allPaths(includeSystem: true) { _ = path.text; _ = path.explanation }
        if let first = graph.subjects.first { _ = graph.path(from: first) }
    }

    /// What `snapshot --from-dump` writes must read back with the same objects, and scan.
    static func snapshotRoundTrip(_ inventory: Inventory) throws(CheckFailure) {
        let snapshot = Snapshot(createdAt: fixedNow, source: .init(kind: "dump", description: "fuzz"),
                                serverVersion: "v1.31.4", objects: inventory.objects.map(\.value))
        let text = SnapshotFile.encode(snapshot)
        let loaded: Snapshot
        do { loaded = try SnapshotFile.decode(Array(text.utf8), file: "fuzz.json") } catch {
            throw CheckFailure(check: "snapshot read-back", message: "a snapshot Bulwark wrote does not read back: \(error)")
        }
        // Writing drops what must not leave (Secret values, managedFields); what was written must
        // then read back to the same snapshot: writing it again gives the same text.
        if loaded.objects.count != snapshot.objects.count || SnapshotFile.encode(loaded) != text {
            throw CheckFailure(check: "snapshot read-back", message: "\(snapshot.objects.count) objects written, \(loaded.objects.count) read, and written again they differ")
        }
        _ = SnapshotFile.inventory(of: loaded, file: "fuzz.json")
        // The gzip path through a file, for a share of the mutants (it costs a file write and read).
        guard gzipRoundTrips else { return }
        let gz = scratchFile("snapshot.json.gz")
        do {
            try SnapshotFile.write(snapshot, to: gz)
            let again = try SnapshotFile.read(gz)
            if again.objects.count != snapshot.objects.count || SnapshotFile.encode(again) != text {
                throw CheckFailure(check: "snapshot read-back (gzip)", message: "\(snapshot.objects.count) objects written, \(again.objects.count) read, or they differ")
            }
        } catch let failure as CheckFailure {
            throw failure
        } catch {
            throw CheckFailure(check: "snapshot read-back (gzip)", message: "\(error)")
        }
    }

    nonisolated(unsafe) static var renderTurn = 0

    /// Whether this run writes and reads the gzip snapshot file (every 16th call).
    nonisolated(unsafe) static var roundTrips = 0
    static var gzipRoundTrips: Bool {
        roundTrips += 1
        return roundTrips % 16 == 1
    }

    nonisolated(unsafe) static var scratchDirectory = NSTemporaryDirectory()
    static func scratchFile(_ name: String) -> String { scratchDirectory + "/" + name }
}
