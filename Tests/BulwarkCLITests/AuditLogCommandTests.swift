import Foundation
import XCTest

/// `bulwark audit-log` end to end: exit codes as `scan`, the JSON document on exit 2, stdin,
/// `--list-rules -o json`, `--rules`, `--exceptions`.
final class AuditLogCommandTests: XCTestCase {
    private let exec = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"9b1f0c2e-1111-4aaa-8bbb-000000000001","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/shop/pods/web-1/exec?command=sh&container=app&stdin=true&tty=true","verb":"create","user":{"username":"alice@example.com","groups":["system:authenticated"]},"sourceIPs":["10.1.2.3"],"userAgent":"kubectl/v1.31.0","objectRef":{"resource":"pods","namespace":"shop","name":"web-1","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":101},"requestReceivedTimestamp":"2026-01-30T10:00:00.000000Z","stageTimestamp":"2026-01-30T10:00:00.000000Z"}"#

    func testExitCodesAndJSONDocument() throws {
        // An exec is medium: below the default --fail-on high, at --fail-on medium.
        let clean = try BulwarkProcess.run(["audit-log", "-", "-o", "json"], stdin: exec + "\n")
        XCTAssertEqual(clean.code, 0, clean.stderr)
        let doc = try clean.json()
        XCTAssertEqual((doc["detections"] as? [[String: Any]])?.first?["rule"] as? String, "BW-S3-401")
        XCTAssertEqual((doc["summary"] as? [String: Any])?["events"] as? Int, 1)
        XCTAssertEqual(try BulwarkProcess.run(["audit-log", "-", "--fail-on", "medium"], stdin: exec + "\n").code, 1)
        // Nothing readable: exit 2, with the whole JSON document and its errors.
        let broken = try BulwarkProcess.run(["audit-log", "-", "-o", "json"], stdin: "{\"kind\":\"Event\",\"verb\n")
        XCTAssertEqual(broken.code, 2)
        XCTAssertEqual((try broken.json()["errors"] as? [[String: Any]])?.first?["line"] as? Int, 1)
        // A partly unreadable log is read (exit 0) unless --strict.
        let partial = exec + "\nnot json\n"
        XCTAssertEqual(try BulwarkProcess.run(["audit-log", "-"], stdin: partial).code, 0)
        XCTAssertEqual(try BulwarkProcess.run(["audit-log", "-", "--strict"], stdin: partial).code, 2)
        // An empty log is a quiet cluster.
        XCTAssertEqual(try BulwarkProcess.run(["audit-log", "-"], stdin: "").code, 0)
    }

    func testListRulesRulesFilterAndExceptions() throws {
        let list = try BulwarkProcess.run(["audit-log", "--list-rules", "-o", "json"])
        XCTAssertEqual(list.code, 0)
        let rules = try XCTUnwrap(try list.json()["rules"] as? [[String: Any]])
        let exec = try XCTUnwrap(rules.first { $0["id"] as? String == "BW-S3-401" })
        XCTAssertEqual((exec["references"] as? [String: [String]])?["falco"], ["Attach/Exec Pod"])
        XCTAssertEqual(exec["section"] as? String, "S3")
        XCTAssertNotNil(rules.first { $0["id"] as? String == "BW-S6-401" })

        let only = try BulwarkProcess.run(["audit-log", "-", "--rules", "BW-S6-*", "-o", "json"], stdin: self.exec + "\n")
        XCTAssertEqual((try only.json()["detections"] as? [Any])?.count, 0)
        XCTAssertEqual(try BulwarkProcess.run(["audit-log", "-", "--rules", "BW-S99-1"], stdin: "").code, 2)

        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("exceptions.yaml")
        try "- control: BW-S3-401\n  kind: Pod\n  namespace: shop\n  name: web-*\n  reason: debugging\n  expires: 2026-02-01\n".write(to: file, atomically: true, encoding: .utf8)
        let hidden = try BulwarkProcess.run(["audit-log", "-", "-o", "json", "--fail-on", "medium", "--exceptions", file.path,
                                             "--now", "2026-01-31T00:00:00Z"], stdin: self.exec + "\n")
        XCTAssertEqual(hidden.code, 0)
        XCTAssertEqual(((try hidden.json()["summary"] as? [String: Any])?["excepted"] as? [String: Int])?["BW-S3-401"], 1)
    }
}
