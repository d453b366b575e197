import Foundation
import XCTest

/// `bulwark snapshot --from-dump` and `bulwark scan --snapshot`.
final class SnapshotCommandTests: XCTestCase {
    func testScanningASnapshotGivesTheSameFindingsAsTheManifests() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("shop.json.gz").path
        let made = try BulwarkProcess.run(["snapshot", "--from-dump", "examples/insecure", "--server-version", "v1.24.9",
                                           "--output-file", snapshot, "--now", "2026-11-29T00:00:00Z"])
        XCTAssertEqual(made.code, 0, made.stderr)
        XCTAssertTrue(made.stderr.contains("wrote 23 objects"), made.stderr)

        let now = "--now=2026-11-29T00:00:00Z"
        let fromFiles = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", "--kube-version", "1.24", now]).json()
        let fromSnapshot = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", "json", now]).json()
        // The snapshot's server version is the target: batch/v1beta1 CronJob is still served in 1.24.
        XCTAssertEqual((fromSnapshot["settings"] as? [String: Any])?["kubeVersion"] as? String, "1.24")
        func key(_ f: [String: Any]) -> String {
            let o = f["object"] as? [String: Any] ?? [:]
            return [f["control"], o["kind"], o["namespace"], o["name"], f["path"], f["value"]].map { "\($0 ?? "")" }.joined(separator: "|")
        }
        // S17 judges the cluster's own versions, which only the snapshot carries.
        func objectFindings(_ report: [String: Any]) -> [[String: Any]] {
            (report["findings"] as? [[String: Any]] ?? []).filter { ($0["control"] as? String)?.hasPrefix("BW-S17-") != true }
        }
        let a = objectFindings(fromFiles).map(key).sorted()
        let b = objectFindings(fromSnapshot).map(key).sorted()
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a, b)
        XCTAssertEqual((fromSnapshot["summary"] as? [String: Any])?["objects"] as? Int, 23)
    }

    func testSecretValuesStayOutOfSnapshotsAndScansOfThem() throws {
        let out = try BulwarkProcess.run(["snapshot", "--from-dump", "examples/insecure/secret.yaml"])
        XCTAssertEqual(out.code, 0)
        XCTAssertTrue(out.stdout.contains("shop-db-credentials"))
        for planted in ["RkFLRS1ub3QtYS1yZWFsLXBhc3N3b3JkLTAwMDA=", "c2hvcA=="] {
            XCTAssertFalse(out.stdout.contains(planted))
        }
    }

    func testUsageErrors() throws {
        XCTAssertEqual(try BulwarkProcess.run(["snapshot"], environment: ["KUBECONFIG": "/nonexistent/kubeconfig", "KUBERNETES_SERVICE_HOST": ""]).code, 2,
                       "live collection without any kubeconfig")
        XCTAssertEqual(try BulwarkProcess.run(["snapshot", "--from-dump", "examples", "--server-version", "latest"]).code, 2)
        let missing = try BulwarkProcess.run(["scan", "--snapshot", "/nonexistent/snap.json"])
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/snap.json"), missing.stderr)
        let notASnapshot = try BulwarkProcess.run(["scan", "--snapshot", "examples/insecure/rbac.json"])
        XCTAssertEqual(notASnapshot.code, 2)
        XCTAssertTrue(notASnapshot.stderr.contains("not a Bulwark snapshot"), notASnapshot.stderr)
    }
}

/// The query commands read snapshots like `scan` does.
final class SnapshotQueryTests: XCTestCase {
    func testNetpolAndRBACAnswerTheSameFromASnapshot() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("cluster.json").path
        let made = try BulwarkProcess.run(["snapshot", "--from-dump", "examples/netpol", "examples/insecure", "--output-file", snapshot])
        XCTAssertEqual(made.code, 0, made.stderr)

        let reachFiles = try BulwarkProcess.run(["netpol", "reach", "examples/netpol", "examples/insecure", "--format", "json"])
        let reachSnapshot = try BulwarkProcess.run(["netpol", "reach", "--snapshot", snapshot, "--format", "json"])
        XCTAssertEqual(reachFiles.code, 0)
        XCTAssertFalse((try reachFiles.json()["connections"] as? [Any] ?? []).isEmpty)
        XCTAssertEqual(reachSnapshot.stdout, reachFiles.stdout)

        let whoFiles = try BulwarkProcess.run(["rbac", "who-can", "list", "secrets", "examples/insecure", "-o", "json"])
        let whoSnapshot = try BulwarkProcess.run(["rbac", "who-can", "list", "secrets", "--snapshot", snapshot, "-o", "json"])
        XCTAssertEqual(whoFiles.code, 0)
        XCTAssertEqual(whoSnapshot.stdout, whoFiles.stdout)
    }
}
