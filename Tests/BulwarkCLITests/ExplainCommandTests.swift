import Foundation
import XCTest

/// `bulwark explain CONTROL` for every control of the catalogue.
final class ExplainCommandTests: XCTestCase {
    func testEveryControlIsExplainedWithItsJudgementFixAndReferences() throws {
        let listing = try BulwarkProcess.run(["controls", "-o", "json"]).json()
        let controls = try XCTUnwrap(listing["controls"] as? [[String: Any]])
        XCTAssertGreaterThan(controls.count, 150)
        var generic: [String] = []
        for control in controls {
            let id = try XCTUnwrap(control["id"] as? String)
            let out = try BulwarkProcess.run(["explain", id, "-o", "json"])
            XCTAssertEqual(out.code, 0, "\(id): \(out.stderr)")
            let e = try out.json()
            XCTAssertEqual(e["id"] as? String, id)
            XCTAssertEqual(e["remediation"] as? String, control["remediation"] as? String)
            XCTAssertFalse((e["why"] as? String ?? "").isEmpty, id)
            let judged = e["judged"] as? String ?? ""
            if judged.hasPrefix("Judged from the objects") { generic.append(id) }
            XCTAssertEqual((e["references"] as? [String: [String]]) ?? [:], (control["references"] as? [String: [String]]) ?? [:], id)
        }
        XCTAssertEqual(generic, [], "controls without a documented judgement")
    }

    func testTableFitsTheTerminalAndUnknownIDsAreUsageErrors() throws {
        let out = try BulwarkProcess.run(["explain", "bw-s3-101"], environment: ["COLUMNS": "72"])
        XCTAssertEqual(out.code, 0)
        XCTAssertTrue(out.stdout.hasPrefix("BW-S3-101  Subjects with cluster-admin"), out.stdout)
        for heading in ["Why the guide asks for it", "How it is judged", "Fix", "References"] {
            XCTAssertTrue(out.stdout.contains("\n\(heading)\n"), heading)
        }
        XCTAssertEqual(out.stdout.split(separator: "\n").filter { $0.count > 72 }, [])
        let unknown = try BulwarkProcess.run(["explain", "BW-S6-999"])
        XCTAssertEqual(unknown.code, 2)
        XCTAssertTrue(unknown.stderr.contains("BW-S6-999 is no control"), unknown.stderr)
    }

    /// The judgement texts are generated from the controls' doc comments: the committed file must
    /// match the source.
    func testGeneratedControlDocsAreUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/gen-control-docs.py", "--check"]
        process.currentDirectoryURL = BulwarkProcess.packageRoot
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "run python3 scripts/gen-control-docs.py")
    }
}
