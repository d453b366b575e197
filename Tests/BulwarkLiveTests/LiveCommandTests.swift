import Foundation
import XCTest
import BulwarkModel

/// `bulwark scan` and `bulwark snapshot` against the test API server, end to end.
final class LiveCommandTests: XCTestCase {
    static let now = "--now=2026-11-29T00:00:00Z"
    static let fixture = "Tests/BulwarkLiveTests/Fixtures/cluster.yaml"

    static func findingKeys(_ report: [String: Any]) -> [String] {
        (report["findings"] as? [[String: Any]] ?? []).map { f in
            let o = f["object"] as? [String: Any] ?? [:]
            return [f["control"], o["kind"], o["namespace"], o["name"], f["path"], f["value"]].map { "\($0 ?? "")" }.joined(separator: "|")
        }.sorted()
    }

    static func statuses(_ report: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for r in report["results"] as? [[String: Any]] ?? [] { out["\(r["control"] ?? "")"] = "\(r["status"] ?? "")" }
        return out
    }

    func testLiveScanItsSnapshotAndTheManifestsGiveIdenticalFindings() throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let live = try BulwarkBinary.run(["scan", "--kubeconfig", config, "--read-secrets", "-o", "json", Self.now], home: h.dir)
        XCTAssertEqual(live.code, 1, live.stderr)  // findings at or above --fail-on
        let snapshotFile = h.dir + "/cluster.json.gz"
        let made = try BulwarkBinary.run(["snapshot", "--kubeconfig", config, "--read-secrets", "--output-file", snapshotFile, Self.now], home: h.dir)
        XCTAssertEqual(made.code, 0, made.stderr)
        let fromSnapshot = try BulwarkBinary.run(["scan", "--snapshot", snapshotFile, "-o", "json", Self.now], home: h.dir)
        let fromFiles = try BulwarkBinary.run(["scan", Self.fixture, "-o", "json", "--kube-version", "1.31", Self.now], home: h.dir)
        // The manifests plus the one fact they cannot hold, the server's version.
        let dump = h.dir + "/dump.json"
        XCTAssertEqual(try BulwarkBinary.run(["snapshot", "--from-dump", Self.fixture, "--server-version", "v1.31.4", "--output-file", dump, Self.now], home: h.dir).code, 0)
        let fromDump = try BulwarkBinary.run(["scan", "--snapshot", dump, "-o", "json", Self.now], home: h.dir)

        let liveReport = try live.json(), snapshotReport = try fromSnapshot.json(), fileReport = try fromFiles.json()
        let keys = Self.findingKeys(liveReport)
        XCTAssertGreaterThan(keys.count, 5)
        XCTAssertEqual(keys, Self.findingKeys(snapshotReport))
        XCTAssertEqual(keys, Self.findingKeys(try fromDump.json()))
        // Plain manifests carry no server version: the findings about it (S17) are the only difference.
        let needsServerVersion = Set(keys.filter { $0.hasPrefix("BW-S17-") && $0.split(separator: "|", omittingEmptySubsequences: false)[1].isEmpty })
        XCTAssertFalse(needsServerVersion.isEmpty)
        XCTAssertEqual(keys.filter { !needsServerVersion.contains($0) }, Self.findingKeys(fileReport))
        XCTAssertEqual(Self.statuses(liveReport), Self.statuses(snapshotReport), "not-assessed results included")
        // Served group versions come from discovery: judged live and from the snapshot, not from manifests.
        XCTAssertEqual(Self.statuses(liveReport)["BW-S13-007"], "pass")
        XCTAssertEqual(Self.statuses(fileReport)["BW-S13-007"], "not_assessed")
        XCTAssertEqual((liveReport["settings"] as? [String: Any])?["kubeVersion"] as? String, "1.31", "the server's version is the target")
        XCTAssertEqual((liveReport["summary"] as? [String: Any])?["objects"] as? Int, 15)
        // The live scan names the cluster, not a file.
        XCTAssertTrue(keys.contains { $0.hasPrefix("BW-S14") }, "\(keys)")
    }

    /// Issue 10: a served groupVersion of "" or "/" trapped the scan (S13APIVersions). Live, the
    /// malformed groups are not requested, the scan completes, and BW-S13-007 names them.
    func testMalformedDiscoveryGroupVersionsAreFindingsNotACrash() throws {
        let odd: [Value] = [
            ["name": "", "versions": [["groupVersion": "", "version": ""]]],
            ["name": "/", "versions": [["groupVersion": "/", "version": "/"]], "preferredVersion": ["groupVersion": "/", "version": "/"]],
            ["name": "apps", "versions": [["groupVersion": "apps/..", "version": ".."]]],
        ]
        let h = try LiveHarness(faults: .init(extraAPIGroups: odd))
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let live = try BulwarkBinary.run(["scan", "--kubeconfig", config, "-o", "json", Self.now], home: h.dir)
        XCTAssertEqual(live.code, 1, live.stderr)
        let report = try live.json()
        XCTAssertEqual(Self.statuses(report)["BW-S13-007"], "fail")
        let s13 = (report["findings"] as? [[String: Any]] ?? []).filter { $0["control"] as? String == "BW-S13-007" }
        XCTAssertEqual(s13.filter { ($0["message"] as? String)?.contains("malformed group version") == true }.count, 2, "\(s13)")
        XCTAssertFalse(h.cluster.requests.contains { $0.hasPrefix("/apis//") || $0.contains("/..") }, "\(h.cluster.requests)")
    }

    func testQueryCommandsAnswerTheSameLiveAsFromTheManifests() throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        func same(_ query: [String], expectCode: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
            let live = try BulwarkBinary.run(query + ["--kubeconfig", config], home: h.dir)
            let files = try BulwarkBinary.run(query + [Self.fixture], home: h.dir)
            XCTAssertEqual(live.code, expectCode, live.stderr, file: file, line: line)
            XCTAssertEqual(files.code, expectCode, files.stderr, file: file, line: line)
            XCTAssertEqual(live.stdout, files.stdout, file: file, line: line)
            return live.stdout
        }
        let whoCan = try same(["rbac", "who-can", "get", "secrets", "-o", "json"])
        XCTAssertTrue(whoCan.contains("\"web\""), whoCan)
        _ = try same(["rbac", "can", "sa:shop/web", "delete", "nodes"])
        _ = try same(["rbac", "can", "sa:shop/default", "delete", "nodes"], expectCode: 1)
        _ = try same(["rbac", "subject", "sa:shop/web", "-o", "json"])
        let paths = try same(["rbac", "paths", "sa:shop/web", "-o", "json"])
        XCTAssertTrue(paths.contains("everything"), paths)
        let reach = try same(["netpol", "reach", "--format", "json"])
        XCTAssertTrue(reach.contains("connections"), reach)
        // `can` reads the live cluster in full (its namespace-scoped read is for manifests only).
        let can = try same(["netpol", "can", "shop/Pod/debug", "shop/Deployment/web", "8080/TCP", "-o", "json"])
        XCTAssertTrue(can.contains("\"allowed\" : true"), can)
    }

    func testKubeletConfigzFeedsTheKubeletControlsLiveAndFromTheSnapshot() throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let live = try BulwarkBinary.run(["scan", "--kubeconfig", config, "--kubelet-configz", "-o", "json", Self.now], home: h.dir).json()
        let s4 = Self.findingKeys(live).filter { $0.hasPrefix("BW-S4-") }
        XCTAssertTrue(s4.contains("BW-S4-001|KubeletConfiguration||cp-1|authentication.anonymous.enabled|true"), "\(s4)")
        XCTAssertTrue(s4.contains("BW-S4-004|KubeletConfiguration||cp-1|authorization.mode|AlwaysAllow"), "\(s4)")
        let file = h.dir + "/configz.json"
        XCTAssertEqual(try BulwarkBinary.run(["snapshot", "--kubeconfig", config, "--kubelet-configz", "--output-file", file, Self.now], home: h.dir).code, 0)
        let offline = try BulwarkBinary.run(["scan", "--snapshot", file, "-o", "json", Self.now], home: h.dir).json()
        XCTAssertEqual(Self.findingKeys(offline), Self.findingKeys(live))
        // Without the opt-in the kubelet controls have nothing to judge.
        let without = try BulwarkBinary.run(["scan", "--kubeconfig", config, "-o", "json", Self.now], home: h.dir).json()
        XCTAssertEqual(Self.statuses(without)["BW-S4-001"], "not_assessed")
    }

    func testForbiddenResourcesAreReportedAndTheirControlsNotAssessed() throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let scan = try BulwarkBinary.run(["scan", "--kubeconfig", config, "-o", "json", Self.now], home: h.dir)
        let report = try scan.json()
        let errors = report["errors"] as? [[String: Any]] ?? []
        let forbidden = errors.filter { ($0["message"] as? String)?.hasPrefix("forbidden: secrets") ?? false }
        XCTAssertEqual(forbidden.count, 1, "\(errors)")
        XCTAssertEqual(forbidden.first?["level"] as? String, "warning")
        let statuses = Self.statuses(report)
        let s14 = statuses.filter { $0.key.hasPrefix("BW-S14") }
        XCTAssertFalse(s14.isEmpty)
        XCTAssertTrue(s14.values.allSatisfy { $0 == "not_assessed" || $0 == "notAssessed" || $0 == "not assessed" }, "\(s14)")
        // A scan of the snapshot says the same.
        let file = h.dir + "/s.json"
        XCTAssertEqual(try BulwarkBinary.run(["snapshot", "--kubeconfig", config, "--output-file", file, Self.now], home: h.dir).code, 0)
        let again = try BulwarkBinary.run(["scan", "--snapshot", file, "-o", "json", Self.now], home: h.dir).json()
        XCTAssertEqual(Self.statuses(again), statuses)
        XCTAssertEqual((again["errors"] as? [[String: Any]] ?? []).count, errors.count)
    }

    /// Forbidding ClusterRoles (by the access review) and Nodes (a 403 on the list) flips exactly
    /// the controls that read those kinds to not assessed; all other verdicts stay, and a scan of
    /// the snapshot agrees.
    func testAForbiddenResourceTurnsOnlyItsControlsNotAssessed() throws {
        let open = try LiveHarness()
        defer { open.stop() }
        let baseline = Self.statuses(try BulwarkBinary.run(
            ["scan", "--kubeconfig", try open.kubeconfig(user: try open.clientCertificateDataUser()), "-o", "json", Self.now], home: open.dir).json())
        let h = try LiveHarness(faults: .init(deniedByReview: ["clusterroles"], forbiddenOnList: ["nodes"]))
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let scan = try BulwarkBinary.run(["scan", "--kubeconfig", config, "-o", "json", Self.now], home: h.dir)
        let report = try scan.json()
        let statuses = Self.statuses(report)
        XCTAssertEqual(Set(statuses.keys), Set(baseline.keys))
        // Every RBAC control of S3 reads ClusterRoles (BW-S3-102…112 used to pass without them).
        let readsClusterRoles = Set((101...116).map { "BW-S3-\($0)" } + ["BW-S15-101", "BW-S15-102"])
        let readsNodes: Set = ["BW-S10-004", "BW-S17-003", "BW-S17-004", "BW-S17-005", "BW-S17-006"]
        let changed = Set(statuses.keys.filter { statuses[$0] != baseline[$0] })
        XCTAssertEqual(changed, (readsClusterRoles.union(readsNodes)).filter { baseline[$0] != "not_assessed" })
        XCTAssertTrue(changed.contains("BW-S3-113") && changed.contains("BW-S17-003"), "\(changed) vs \(baseline)")
        for id in readsClusterRoles.union(readsNodes) { XCTAssertEqual(statuses[id], "not_assessed", id) }
        let reasons = Dictionary(uniqueKeysWithValues: (report["results"] as? [[String: Any]] ?? []).map { ("\($0["control"] ?? "")", "\($0["reason"] ?? "")") })
        XCTAssertEqual(reasons["BW-S3-101"], "forbidden: list clusterroles.rbac.authorization.k8s.io (list not allowed by SelfSubjectAccessReview (no RBAC policy matched))")
        XCTAssertTrue(reasons["BW-S10-004"]?.hasPrefix("forbidden: list nodes (") ?? false, reasons["BW-S10-004"] ?? "")
        // The snapshot records what was forbidden: its scan gives the same results and findings.
        let file = h.dir + "/forbidden.json.gz"
        XCTAssertEqual(try BulwarkBinary.run(["snapshot", "--kubeconfig", config, "--output-file", file, Self.now], home: h.dir).code, 0)
        let offline = try BulwarkBinary.run(["scan", "--snapshot", file, "-o", "json", Self.now], home: h.dir).json()
        XCTAssertEqual(Self.statuses(offline), statuses)
        XCTAssertEqual(Self.findingKeys(offline), Self.findingKeys(report))
        let offlineReasons = Dictionary(uniqueKeysWithValues: (offline["results"] as? [[String: Any]] ?? []).map { ("\($0["control"] ?? "")", "\($0["reason"] ?? "")") })
        XCTAssertEqual(offlineReasons, reasons)
    }

    /// No planted Secret value or token in any report format, in snapshots, or on standard error.
    func testNoSecretValueOrTokenInAnyOutput() throws {
        let token = "PLANTED-BEARER-TOKEN-6061"
        let h = try LiveHarness(faults: .init(validTokens: [token]), requireClientCertificate: false)
        defer { h.stop() }
        let config = try h.kubeconfig(user: "token: \(token)")
        let planted = [token, "UExBTlRFRC1EQi1QQVNTV09SRC03NzQx", "PLANTED-DB-PASSWORD-7741", "UExBTlRFRC1TQS1UT0tFTi05OTAy", "PLANTED-SA-TOKEN-9902"]
        var outputs: [(String, String)] = []
        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let r = try BulwarkBinary.run(["scan", "--kubeconfig", config, "--read-secrets", "--kubelet-configz", "-o", format, Self.now], home: h.dir)
            XCTAssertEqual(r.code, 1, r.stderr)
            XCTAssertFalse(r.stdout.isEmpty)
            outputs += [("scan -o \(format)", r.stdout), ("scan -o \(format) stderr", r.stderr)]
        }
        let snap = try BulwarkBinary.run(["snapshot", "--kubeconfig", config, "--read-secrets", "--kubelet-configz", Self.now], home: h.dir)
        XCTAssertTrue(snap.stdout.contains("\"password\""))
        outputs += [("snapshot", snap.stdout), ("snapshot stderr", snap.stderr)]
        // A rejected token is not echoed either.
        let wrong = try h.kubeconfig(user: "token: \(token)-WRONG", name: "wrong")
        let refused = try BulwarkBinary.run(["scan", "--kubeconfig", wrong], home: h.dir)
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.stderr.contains("401"), refused.stderr)
        outputs += [("401 stdout", refused.stdout), ("401 stderr", refused.stderr)]
        for (name, text) in outputs {
            for p in planted { XCTAssertFalse(text.contains(p), "\(p) in \(name)") }
        }
    }

    func testUsageErrorsNameTheKubeconfig() throws {
        let home = FileManager.default.temporaryDirectory.path
        let missing = try BulwarkBinary.run(["scan", "--kubeconfig", "/nonexistent/kubeconfig"], home: home)
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/kubeconfig"), missing.stderr)
        let none = try BulwarkBinary.run(["snapshot"], home: "/nonexistent-home")
        XCTAssertEqual(none.code, 2)
        XCTAssertTrue(none.stderr.contains("no kubeconfig found"), none.stderr)
        XCTAssertEqual(try BulwarkBinary.run(["scan", "-n", "a", "-A"], home: home).code, 2)
        XCTAssertEqual(try BulwarkBinary.run(["scan", "--request-timeout", "soon"], home: home).code, 2)
        let role = try BulwarkBinary.run(["scanner-role", "--read-secrets"], home: home)
        XCTAssertEqual(role.code, 0)
        XCTAssertTrue(role.stdout.contains("kind: ClusterRole"))
        XCTAssertTrue(role.stdout.contains("resources: [secrets]"))
    }
}
