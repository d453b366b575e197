import Foundation
import XCTest

/// `bulwark cve update`, `bulwark cve list`, and the S17 controls in a snapshot scan, end to end.
final class CVECommandTests: XCTestCase {
    static let feed = BulwarkProcess.packageRoot.appendingPathComponent("Tests/BulwarkVersionsTests/Fixtures/cve-feed.json").path
    let now = "--now=2026-11-29T00:00:00Z"

    func results(_ report: [String: Any]) -> [String: [String: Any]] {
        let list = report["results"] as? [[String: Any]] ?? []
        return Dictionary(list.map { (($0["control"] as? String) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testScanOfAnOldClusterSnapshotShowsS17FindingsFromTheBundledData() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dump = dir.appendingPathComponent("nodes.json")
        try Data("""
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "worker-1"},
           "status": {"nodeInfo": {"kubeletVersion": "v1.24.0", "kubeProxyVersion": "v1.24.0", "operatingSystem": "linux"}}}
        ]}
        """.utf8).write(to: dump)
        let snapshot = dir.appendingPathComponent("old.json").path
        let env = ["BULWARK_DATA_DIR": dir.appendingPathComponent("data").path]
        let made = try BulwarkProcess.run(["snapshot", "--from-dump", dump.path, "--server-version", "v1.24.0", "--output-file", snapshot], environment: env)
        XCTAssertEqual(made.code, 0, made.stderr)

        let scan = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", "json", now], environment: env)
        XCTAssertEqual(scan.code, 1, "high findings: end of life")
        let report = try scan.json()
        let byControl = results(report)
        for id in ["BW-S17-001", "BW-S17-002", "BW-S17-003", "BW-S17-004", "BW-S17-006"] {
            XCTAssertEqual(byControl[id]?["status"] as? String, "fail", id)
        }
        XCTAssertEqual(byControl["BW-S17-005"]?["status"] as? String, "pass")
        let findings = report["findings"] as? [[String: Any]] ?? []
        let s17 = findings.filter { ($0["control"] as? String)?.hasPrefix("BW-S17-") == true }
        XCTAssertTrue(s17.contains { ($0["message"] as? String)?.contains("CVE-2022-3162") == true && $0["severity"] as? String == "medium" })
        XCTAssertTrue(s17.contains { ($0["message"] as? String)?.contains("reached end of life on 2023-07-28") == true && $0["severity"] as? String == "high" })
        XCTAssertTrue(s17.allSatisfy { $0["control"] as? String == "BW-S17-002" || $0["control"] as? String == "BW-S17-004"
            || ($0["message"] as? String)?.contains("[bundled CVE data as of 2026-09]") == true })

        // Manifests carry no server version: the cluster controls say why they are not assessed.
        let manifests = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", now], environment: env).json()
        XCTAssertEqual(results(manifests)["BW-S17-001"]?["reason"] as? String, "no server version: scan a snapshot or a live cluster")
        XCTAssertEqual(results(manifests)["BW-S17-001"]?["status"] as? String, "not_assessed")
    }

    func testUpdateStoresTheFeedAndLaterRunsUseIt() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["BULWARK_DATA_DIR": dir.appendingPathComponent("data").path]

        let update = try BulwarkProcess.run(["cve", "update", Self.feed], environment: env)
        XCTAssertEqual(update.code, 0, update.stderr)
        XCTAssertTrue(update.stdout.contains("Imported 5 CVEs"), update.stdout)
        XCTAssertTrue(update.stdout.contains("CVE-2026-2270"), "the entry without versions is named")
        XCTAssertTrue(update.stderr.contains("items[6]: \"id\" is not a string"), update.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/cve-feed.json").path))

        let list = try BulwarkProcess.run(["cve", "list", "--version", "v1.31.4-eks-1234", "-o", "json", now], environment: env)
        XCTAssertEqual(list.code, 0, list.stderr)
        let listing = try list.json()
        XCTAssertTrue((listing["source"] as? String)?.contains("imported Kubernetes CVE feed") == true)
        XCTAssertEqual(listing["upstreamVersion"] as? String, "1.31.4")
        let cves = listing["cves"] as? [[String: Any]] ?? []
        let logQuery = cves.first { $0["id"] as? String == "CVE-2024-9042" }
        XCTAssertEqual(logQuery?["verdict"] as? String, "affected")
        XCTAssertEqual(logQuery?["fixedIn"] as? String, "1.31.5")
        XCTAssertEqual(cves.first { $0["id"] as? String == "CVE-2026-2270" }?["verdict"] as? String, "not assessed")
        XCTAssertNil(cves.first { $0["id"] as? String == "CVE-2021-25741" }, "the feed replaces the bundled table")

        // A scan of a Windows node now judges against the feed and says so.
        let dump = dir.appendingPathComponent("nodes.json")
        try Data("""
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "win-1"},
         "status": {"nodeInfo": {"kubeletVersion": "v1.31.4", "operatingSystem": "windows"}}}
        """.utf8).write(to: dump)
        let snapshot = dir.appendingPathComponent("s.json").path
        XCTAssertEqual(try BulwarkProcess.run(["snapshot", "--from-dump", dump.path, "--server-version", "v1.31.4", "--output-file", snapshot], environment: env).code, 0)
        let report = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", "json", now], environment: env).json()
        let findings = (report["findings"] as? [[String: Any]] ?? []).filter { $0["control"] as? String == "BW-S17-003" }
        XCTAssertEqual(findings.count, 1)
        XCTAssertTrue((findings.first?["message"] as? String)?.contains("CVE-2024-9042") == true)
        XCTAssertTrue((findings.first?["message"] as? String)?.contains("[imported CVE feed updated 2026-09-20T08:00:00Z]") == true)
        XCTAssertTrue((results(report)["BW-S17-001"]?["reason"] as? String)?.contains("imported Kubernetes CVE feed") == true)
    }

    func testBadFeedsAreUsageErrorsAndLeaveNothingBehind() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["BULWARK_DATA_DIR": dir.appendingPathComponent("data").path]
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"items\": [{\"id\": 7}]}".utf8).write(to: bad)
        let noEntries = try BulwarkProcess.run(["cve", "update", bad.path], environment: env)
        XCTAssertEqual(noEntries.code, 2)
        XCTAssertTrue(noEntries.stderr.contains("no usable CVE entries"), noEntries.stderr)
        XCTAssertEqual(try BulwarkProcess.run(["cve", "update", "/nonexistent/feed.json"], environment: env).code, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/cve-feed.json").path))
        XCTAssertEqual(try BulwarkProcess.run(["cve", "list", "--version", "latest"], environment: env).code, 2)

        // A stored feed that became unreadable stops scans instead of silently using older data.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("data/cve-feed.json"))
        let scan = try BulwarkProcess.run(["scan", "examples/insecure"], environment: env)
        XCTAssertEqual(scan.code, 2)
        XCTAssertTrue(scan.stderr.contains("cve update"), scan.stderr)
    }

    func testListWithoutAVersionShowsTheBundledTable() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try BulwarkProcess.run(["cve", "list"], environment: ["BULWARK_DATA_DIR": dir.path])
        XCTAssertEqual(out.code, 0)
        XCTAssertTrue(out.stdout.hasPrefix("Source: the bundled CVE database (data as of 2026-09)"))
        XCTAssertTrue(out.stdout.contains("CVE-2021-25741"))
        XCTAssertTrue(out.stdout.contains("fixed: 1.19.15, 1.20.11, 1.21.5, 1.22.2"))
    }
}
