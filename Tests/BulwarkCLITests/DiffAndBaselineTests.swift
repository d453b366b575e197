import Foundation
import XCTest

/// `bulwark diff` and `scan --baseline`: what a change made worse, and only that fails CI.
final class DiffAndBaselineTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try BulwarkProcess.temporaryDirectory()
        for example in ["insecure", "hardened"] {
            let out = try BulwarkProcess.run(["scan", "examples/\(example)", "-o", "json", "--output-file", path("\(example).json")])
            XCTAssertNotEqual(out.code, 2, out.stderr)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func summary(_ old: String, _ new: String) throws -> [String: Int] {
        let out = try BulwarkProcess.run(["diff", path(old), path(new), "-o", "json"])
        XCTAssertNotEqual(out.code, 2, out.stderr)
        return try XCTUnwrap(out.json()["summary"] as? [String: Int])
    }

    func testAReportAgainstItselfChangesNothing() throws {
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("insecure.json")))) as? [String: Any])
        let findings = try XCTUnwrap(report["findings"] as? [Any]).count
        XCTAssertGreaterThan(findings, 0)
        XCTAssertEqual(try summary("insecure.json", "insecure.json"), ["new": 0, "resolved": 0, "unchanged": findings, "incomparable": 0])
        XCTAssertEqual(try BulwarkProcess.run(["diff", path("insecure.json"), path("insecure.json")]).code, 0)
    }

    func testHardeningResolvesAndAddsNothing() throws {
        let s = try summary("insecure.json", "hardened.json")
        XCTAssertEqual(s["new"], 0, "\(s)")
        XCTAssertGreaterThan(s["resolved"] ?? 0, 0)
        // The other way round, the insecure app's findings are new: exit 1, and Markdown for a PR.
        let worse = try BulwarkProcess.run(["diff", path("hardened.json"), path("insecure.json"), "-o", "markdown"])
        XCTAssertEqual(worse.code, 1)
        XCTAssertTrue(worse.stdout.contains("### New findings"), worse.stdout)
        XCTAssertTrue(worse.stdout.hasPrefix("## Bulwark: what this change does"))
    }

    func testBaselineCountsOnlyNewFindings() throws {
        let same = try BulwarkProcess.run(["scan", "examples/insecure", "--baseline", path("insecure.json"), "-o", "json"])
        XCTAssertEqual(same.code, 0, "nothing new since the baseline")
        XCTAssertEqual((try same.json()["summary"] as? [String: Any])?["exitCode"] as? Int, 0)
        XCTAssertTrue(same.stderr.contains("0 new"), same.stderr)
        let worse = try BulwarkProcess.run(["scan", "examples/insecure", "--baseline", path("hardened.json")])
        XCTAssertEqual(worse.code, 1)
    }

    /// The baseline is read from JSON, where names are redacted; the scan in memory is not. A
    /// workload whose name looks like a credential URL is still the same finding (found by the
    /// fuzzer: every finding of such an object was "new" and "resolved" at once).
    func testCredentialLookingNamesMatchTheirRedactedBaseline() throws {
        let manifest = path("odd.yaml")
        try """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: "https://user:pw@host:1/p?token=x", namespace: shop}
        spec:
          template:
            spec:
              containers: [{name: app, image: nginx}]
        """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let base = try BulwarkProcess.run(["scan", manifest, "-o", "json", "--output-file", path("odd.json")])
        XCTAssertNotEqual(base.code, 2, base.stderr)
        let report = try String(contentsOfFile: path("odd.json"), encoding: .utf8)
        XCTAssertFalse(report.contains("user:pw"))
        XCTAssertTrue(report.contains("https://(redacted)@host:1/p?token=(redacted)"), "the workload has findings")
        let again = try BulwarkProcess.run(["scan", manifest, "--baseline", path("odd.json"), "-o", "json"])
        XCTAssertEqual(again.code, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("0 new"), again.stderr)
    }

    /// A control not assessed in one scan makes its findings incomparable, not new.
    func testControlsNotAssessedInOneScanAreIncomparable() throws {
        let old = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("insecure.json")))) as? [String: Any])
        var edited = old
        var results = try XCTUnwrap(old["results"] as? [[String: Any]])
        let failing = try XCTUnwrap(results.firstIndex { $0["status"] as? String == "fail" })
        let control = try XCTUnwrap(results[failing]["control"] as? String)
        results[failing]["status"] = "not_assessed"
        results[failing]["cause"] = "input_not_given"
        edited["results"] = results
        edited["findings"] = (old["findings"] as? [[String: Any]] ?? []).filter { $0["control"] as? String != control }
        try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: path("partial.json")))
        let out = try BulwarkProcess.run(["diff", path("partial.json"), path("insecure.json"), "-o", "json"]).json()
        let s = try XCTUnwrap(out["summary"] as? [String: Int])
        XCTAssertEqual(s["new"], 0, "\(s)")
        XCTAssertGreaterThan(s["incomparable"] ?? 0, 0)
        let incomparable = try XCTUnwrap(out["incomparable"] as? [[String: Any]])
        XCTAssertTrue(incomparable.allSatisfy { $0["control"] as? String == control })
    }

    func testBrokenReportsAreUsageErrors() throws {
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path("bad.json")))
        let bad = try BulwarkProcess.run(["diff", path("bad.json"), path("insecure.json")])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("bad.json: not a Bulwark JSON report"), bad.stderr)
        // The JSON a failed scan prints is a report with no results: refused, not "nothing new".
        let failed = try BulwarkProcess.run(["scan", "--snapshot", path("none.json"), "-o", "json", "--output-file", path("failed.json")])
        XCTAssertEqual(failed.code, 2)
        for args in [["diff", path("failed.json"), path("insecure.json")], ["scan", "examples/insecure", "--baseline", path("failed.json")]] {
            let out = try BulwarkProcess.run(args)
            XCTAssertEqual(out.code, 2, "\(args): \(out.stderr)")
            XCTAssertTrue(out.stderr.contains("failed.json: holds no control results"), out.stderr)
        }
        let missing = try BulwarkProcess.run(["scan", "examples/insecure", "--baseline", path("none.json")])
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.stderr.contains("none.json"), missing.stderr)
    }
}
