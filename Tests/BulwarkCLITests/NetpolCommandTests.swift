import Foundation
import XCTest

/// `bulwark netpol reach|can|diff` end to end, on the trap-laden example in examples/netpol.
final class NetpolCommandTests: XCTestCase {
    func testReachTableListsWhatIsReallyOpen() throws {
        let r = try BulwarkProcess.run(["netpol", "reach", "examples/netpol"])
        XCTAssertEqual(r.code, 0, r.stderr)
        // Named port `http` resolved per destination: frontend → api:8081, ingress → frontend:8080.
        XCTAssertTrue(r.stdout.contains("shop/Deployment/frontend => shop/Deployment/api : TCP 8081\n"))
        XCTAssertTrue(r.stdout.contains("ingress-nginx/Deployment/controller => shop/Deployment/frontend : TCP 8080\n"))
        // The OR-indentation trap lets grafana (not just prometheus) reach db's metrics port.
        XCTAssertTrue(r.stdout.contains("monitoring/Deployment/grafana => shop/Deployment/db : TCP 9187\n"))
        // `ingress: [{}]` opens legacy to the world; 0.0.0.0/0 without except opens api's egress.
        XCTAssertTrue(r.stdout.contains("0.0.0.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff => legacy/Deployment/billing : All Connections\n"))
        XCTAssertTrue(r.stdout.contains("shop/Deployment/api => 0.0.0.0-255.255.255.255 : All Connections\n"))
        XCTAssertFalse(r.stdout.contains("=> shop/Deployment/api : TCP 8081\ningress-nginx"))
        XCTAssertTrue(r.stdout.hasSuffix("\n38 allowed connections\n"))
    }

    func testReachJSONIsTheDocumentedShapeAndSorted() throws {
        let r = try BulwarkProcess.run(["netpol", "reach", "examples/netpol", "--format", "json"])
        XCTAssertEqual(r.code, 0)
        let connections = try XCTUnwrap(try r.json()["connections"] as? [[String: Any]])
        XCTAssertEqual(connections.count, 38)
        let first = connections[0]
        XCTAssertEqual(first["src"] as? [String: String], ["kind": "Deployment", "namespace": "ingress-nginx", "name": "controller"])
        XCTAssertEqual(first["conn"] as? [String: [String]], ["TCP": ["53"], "UDP": ["53"]])
        let external = try XCTUnwrap(connections.first { ($0["src"] as? [String: Any])?["ipRanges"] != nil })
        XCTAssertEqual((external["src"] as? [String: [String]])?["ipRanges"], ["0.0.0.0-255.255.255.255", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"])
        XCTAssertEqual(external["conn"] as? [String: Bool], ["all": true])
        // Sorted by source then destination; external sources come after every workload.
        let sources = connections.map { c -> String in
            let s = c["src"] as? [String: Any] ?? [:]
            return s["ipRanges"] != nil ? "~external" : "\(s["namespace"] ?? "")/\(s["name"] ?? "")"
        }
        XCTAssertEqual(sources, sources.sorted())
    }

    func testReachDotAndCSV() throws {
        let dot = try BulwarkProcess.run(["netpol", "reach", "examples/netpol", "-o", "dot"])
        XCTAssertTrue(dot.stdout.hasPrefix("digraph netpol {"))
        XCTAssertTrue(dot.stdout.contains("label=\"shop\""))
        let csv = try BulwarkProcess.run(["netpol", "reach", "examples/netpol", "-o", "csv"])
        XCTAssertTrue(csv.stdout.hasPrefix("src,dst,conn\n"))
        XCTAssertTrue(csv.stdout.contains("shop/Deployment/frontend,shop/Deployment/api,TCP 8081\n"))
        XCTAssertTrue(csv.stdout.contains("\"0.0.0.0-255.255.255.255,::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\",legacy/Deployment/billing,All Connections\n"))
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "reach", "examples/netpol", "-o", "svg"]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "reach"]).code, 2)
    }

    func testCanAnswersWithTheResponsibleRulesAndExitCodes() throws {
        let yes = try BulwarkProcess.run(["netpol", "can", "shop/Deployment/frontend", "shop/Deployment/api", "http/TCP", "examples/netpol"])
        XCTAssertEqual(yes.code, 0)
        XCTAssertEqual(yes.stdout, """
        yes: shop/Deployment/frontend -> shop/Deployment/api on TCP 8081
          egress of shop/Deployment/frontend: allowed by NetworkPolicy shop/frontend egress[0]
          ingress of shop/Deployment/api: allowed by NetworkPolicy shop/api ingress[0]

        """)
        let no = try BulwarkProcess.run(["netpol", "can", "shop/Deployment/frontend", "shop/Deployment/db", "5432/tcp", "examples/netpol"])
        XCTAssertEqual(no.code, 1)
        XCTAssertTrue(no.stdout.hasPrefix("no: "))
        XCTAssertTrue(no.stdout.contains("ingress of shop/Deployment/db: denied — isolated by NetworkPolicy shop/default-deny, NetworkPolicy shop/db"))
        // An IP destination: the metadata address through the ipBlock without except.
        let imds = try BulwarkProcess.run(["netpol", "can", "shop/Deployment/api", "169.254.169.254", "80/TCP", "examples/netpol", "-o", "json"])
        XCTAssertEqual(imds.code, 0)
        let json = try imds.json()
        XCTAssertEqual(json["allowed"] as? Bool, true)
        XCTAssertEqual((json["egress"] as? [String: Any])?["allowingRules"] as? [String], ["shop/api egress[1]"])
        XCTAssertNil(json["ingress"])
        // From outside into legacy: only the destination's side applies.
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "can", "203.0.113.5", "legacy/deployment/billing", "22/TCP", "examples/netpol"]).code, 0)
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "can", "203.0.113.5", "shop/Deployment/db", "5432/TCP", "examples/netpol"]).code, 1)
        // UDP DNS to kube-system allowed, SCTP not.
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "can", "shop/Deployment/db", "kube-system/Deployment/coredns", "53/UDP", "examples/netpol"]).code, 0)
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "can", "shop/Deployment/db", "kube-system/Deployment/coredns", "53/SCTP", "examples/netpol"]).code, 1)
    }

    func testCanUsageErrorsExit2() throws {
        for args in [["shop/Deployment/nope", "shop/Deployment/api", "80/TCP"],
                     ["shop/Deployment/frontend", "shop/Deployment/api", "nosuchport/TCP"],
                     ["shop/Deployment/frontend", "10.0.0.1", "http/TCP"],
                     ["10.0.0.1", "10.0.0.2", "80/TCP"],
                     ["shop/Deployment/frontend", "shop/Deployment/api", "80/ICMP"],
                     ["shop/Deployment/frontend", "shop/Deployment/api", "70000/TCP"]] {
            XCTAssertEqual(try BulwarkProcess.run(["netpol", "can"] + args + ["examples/netpol"]).code, 2, "\(args)")
        }
    }

    /// A copy of `examples/netpol` with its indentation trap fixed: one peer holding both selectors
    /// (AND) where the example has two peers (OR).
    private func copyExampleWithIndentationTrapFixed(to new: URL) throws {
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("examples/netpol"), to: new)
        let policies = new.appendingPathComponent("policies.yaml")
        let text = try String(contentsOf: policies, encoding: .utf8)
        let fixed = text.replacingOccurrences(of: """
                    matchLabels: {kubernetes.io/metadata.name: monitoring}
                - podSelector:
        """, with: """
                    matchLabels: {kubernetes.io/metadata.name: monitoring}
                  podSelector:
        """)
        XCTAssertNotEqual(fixed, text)
        try fixed.write(to: policies, atomically: true, encoding: .utf8)
    }

    func testDiffShowsWhatAPolicyChangeOpensOrCloses() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old"), new = dir.appendingPathComponent("new")
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("examples/netpol"), to: old)
        try copyExampleWithIndentationTrapFixed(to: new)
        let r = try BulwarkProcess.run(["netpol", "diff", old.path, new.path])
        XCTAssertEqual(r.code, 1, r.stderr)
        XCTAssertEqual(r.stdout, """
        - monitoring/Deployment/grafana => shop/Deployment/db : TCP 9187

        0 added, 1 removed, 0 changed

        """)
        let json = try BulwarkProcess.run(["netpol", "diff", old.path, new.path, "-o", "json"])
        XCTAssertEqual((try json.json()["removed"] as? [Any])?.count, 1)
        let same = try BulwarkProcess.run(["netpol", "diff", old.path, old.path])
        XCTAssertEqual(same.code, 0)
        XCTAssertTrue(same.stdout.contains("0 added, 0 removed, 0 changed"))
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "diff", old.path]).code, 2)
    }

    /// `can` parses only SRC's and DST's namespaces from manifests; every question on the example
    /// gets the same output and exit code as with --read-all, and as from a snapshot of the same objects.
    func testCanAnswersTheSameScopedFullAndFromASnapshot() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("netpol.json.gz").path
        XCTAssertEqual(try BulwarkProcess.run(["snapshot", "--from-dump", "examples/netpol", "--output-file", snapshot]).code, 0)
        let workloads = ["shop/Deployment/frontend", "shop/Deployment/api", "shop/Deployment/db", "legacy/Deployment/billing",
                         "kube-system/Deployment/coredns", "monitoring/Deployment/grafana", "ingress-nginx/Deployment/controller"]
        var questions: [[String]] = []
        for s in workloads { for d in workloads where s != d { questions.append([s, d, ["http/TCP", "5432/TCP", "53/UDP", "metrics/TCP"][questions.count % 4]]) } }
        questions += [["shop/Deployment/api", "169.254.169.254", "80/TCP"], ["203.0.113.5", "legacy/Deployment/billing", "22/TCP"],
                      ["shop/Deployment/nope", "shop/Deployment/api", "80/TCP"]]
        var codes = Set<Int32>()
        for q in questions {
            let scoped = try BulwarkProcess.run(["netpol", "can"] + q + ["examples/netpol", "-o", "json"])
            let full = try BulwarkProcess.run(["netpol", "can"] + q + ["examples/netpol", "-o", "json", "--read-all"])
            let fromSnapshot = try BulwarkProcess.run(["netpol", "can"] + q + ["--snapshot", snapshot, "-o", "json"])
            XCTAssertEqual(scoped.stdout, full.stdout, "\(q)")
            XCTAssertEqual(scoped.code, full.code, "\(q)")
            XCTAssertEqual(fromSnapshot.stdout, full.stdout, "\(q)")
            XCTAssertEqual(fromSnapshot.code, full.code, "\(q)")
            codes.insert(full.code)
        }
        XCTAssertEqual(codes, [0, 1, 2], "yes, no and usage errors all covered")
    }

    /// `diff` compares a snapshot (a cluster as it is) with manifests (as they will be), either way round.
    func testDiffTakesSnapshots() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("cluster.json").path
        XCTAssertEqual(try BulwarkProcess.run(["snapshot", "--from-dump", "examples/netpol", "--output-file", snapshot]).code, 0)
        let same = try BulwarkProcess.run(["netpol", "diff", snapshot, "examples/netpol"])
        XCTAssertEqual(same.code, 0, same.stderr)
        XCTAssertTrue(same.stdout.contains("0 added, 0 removed, 0 changed"))
        let new = dir.appendingPathComponent("new")
        try copyExampleWithIndentationTrapFixed(to: new)
        let changed = try BulwarkProcess.run(["netpol", "diff", snapshot, new.path])
        XCTAssertEqual(changed.code, 1, changed.stderr)
        XCTAssertTrue(changed.stdout.hasPrefix("- monitoring/Deployment/grafana => shop/Deployment/db : TCP 9187"), changed.stdout)
        // A JSON manifest file is not mistaken for a snapshot; a broken snapshot is a usage error.
        let manifest = dir.appendingPathComponent("ns.json").path
        try #"{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}"#.write(toFile: manifest, atomically: true, encoding: .utf8)
        XCTAssertEqual(try BulwarkProcess.run(["netpol", "diff", manifest, manifest]).code, 0)
        let broken = dir.appendingPathComponent("broken.json").path
        try #"{"schemaVersion": "bulwark.io/snapshot/v9", "objects": []}"#.write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try BulwarkProcess.run(["netpol", "diff", broken, manifest])
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.stderr.contains("v9"), refused.stderr)
    }

    func testScanReportsTheTraps() throws {
        let r = try BulwarkProcess.run(["scan", "examples/netpol", "-o", "json", "--now", "2026-01-01T00:00:00Z"])
        let findings = try XCTUnwrap(try r.json()["findings"] as? [[String: Any]])
        func paths(_ id: String) -> [String] { findings.filter { $0["control"] as? String == id }.compactMap { $0["path"] as? String } }
        XCTAssertTrue(paths("BW-S8-001").contains("spec.ingress[0]"), "legacy's ingress: [{}]")
        XCTAssertTrue(paths("BW-S8-005").contains("spec.ingress[1].from[1]"), "the OR trap's stray podSelector")
        XCTAssertTrue(paths("BW-S8-005").contains("spec.podSelector"), "the cache policy selects nothing")
        XCTAssertEqual(findings.filter { $0["control"] as? String == "BW-S9-002" }.count, 5)
    }
}
