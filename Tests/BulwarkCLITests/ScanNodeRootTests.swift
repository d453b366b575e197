import Foundation
import XCTest

/// `bulwark scan --node-root`: a node's filesystem scanned together with manifests, in one report.
final class ScanNodeRootTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"

    private func statuses(_ report: [String: Any]) -> [String: String] {
        let results = report["results"] as? [[String: Any]] ?? []
        return Dictionary(results.compactMap { r in (r["control"] as? String).flatMap { id in (r["status"] as? String).map { (id, $0) } } },
                          uniquingKeysWith: { a, _ in a })
    }

    func testNodeFactsJoinTheManifestScan() throws {
        let without = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", now])
        let with = try BulwarkProcess.run(["scan", "examples/insecure", "--node-root", "examples/node", "-o", "json", now])
        XCTAssertEqual(with.code, 1, with.stderr)
        let before = statuses(try without.json()), after = statuses(try with.json())
        // Kernel-module facts exist only on the node: not assessed from manifests, judged with the node.
        XCTAssertEqual(before["BW-S7-101"], "not_assessed", "\(before["BW-S7-101"] ?? "nil")")
        XCTAssertEqual(after["BW-S7-101"], "fail")
        // The manifests' own findings are still there.
        let findings = (try with.json())["findings"] as? [[String: Any]] ?? []
        XCTAssertTrue(findings.contains { $0["control"] as? String == "BW-S6-002" })
        XCTAssertTrue(findings.contains { $0["control"] as? String == "BW-S7-101" }, "the node's finding joins the manifest report")
    }

    func testANodeRootAloneDoesNotReachForALiveCluster() throws {
        // No kubeconfig in this environment: if --node-root alone fell through to a live scan it would fail with exit 2.
        let r = try BulwarkProcess.run(["scan", "--node-root", "examples/node", "-o", "json", now],
                                       environment: ["KUBECONFIG": "/nonexistent/kubeconfig", "HOME": "/nonexistent"])
        XCTAssertEqual(r.code, 1, r.stderr)
        XCTAssertEqual(statuses(try r.json())["BW-S7-101"], "fail")
    }

    func testAMissingNodeRootIsAUsageError() throws {
        let r = try BulwarkProcess.run(["scan", "examples/insecure", "--node-root", "/nonexistent/node", now])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.stderr.contains("--node-root /nonexistent/node is not a directory"), r.stderr)
    }
}
