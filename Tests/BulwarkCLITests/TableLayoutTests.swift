import Foundation
import XCTest

/// The table as an administrator reads it in a terminal: it fits `COLUMNS`, shows the fix of
/// every failing control, and says what the JSON says.
final class TableLayoutTests: XCTestCase {
    func testInsecureExampleFitsHundredColumnsShowsEveryFixAndMatchesJSON() throws {
        let table = try BulwarkProcess.run(["scan", "examples/insecure"], environment: ["COLUMNS": "100"])
        XCTAssertEqual(table.code, 1, table.stderr)
        let long = table.stdout.split(separator: "\n").filter { $0.count > 100 }
        XCTAssertEqual(long, [], "lines over 100 columns")
        let json = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json"]).json()
        let results = try XCTUnwrap(json["results"] as? [[String: Any]])
        let failing = results.filter { $0["status"] as? String == "fail" }.compactMap { $0["control"] as? String }
        XCTAssertFalse(failing.isEmpty)
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for id in failing {
            let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  FAIL  \(id) ") }, "\(id) not shown as failing")
            let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  FAIL") || $0.hasPrefix("  PASS") || $0.hasPrefix("  N/A") || $0.isEmpty } ?? lines.count
            let block = lines[start..<end]
            XCTAssertEqual(block.filter { $0.hasPrefix("        fix: ") }.count, 1, "\(id): one remediation under its findings")
            let expected = findings.filter { $0["control"] as? String == id }.count
            XCTAssertEqual(block.filter { $0.hasPrefix("        • ") }.count, expected, "\(id): findings as in the JSON")
        }
        let passing = results.filter { $0["status"] as? String == "pass" }.compactMap { $0["control"] as? String }
        let passText = lines.filter { $0.hasPrefix("  PASS") || $0.hasPrefix("        BW-") }.joined(separator: " ")
        for id in passing { XCTAssertTrue(passText.contains(id), "\(id) passes in JSON") }
        // Not assessed: one count per section, listed on request.
        XCTAssertFalse(table.stdout.contains("reason: "))
        let listed = try BulwarkProcess.run(["scan", "examples/insecure", "--show-not-assessed"], environment: ["COLUMNS": "100"])
        let notAssessed = results.filter { $0["status"] as? String == "not_assessed" }.count
        XCTAssertEqual(listed.stdout.components(separatedBy: "reason: ").count - 1, notAssessed)
        XCTAssertEqual(listed.stdout.split(separator: "\n").filter { $0.count > 100 }, [])
    }

    func testNarrowAndWideTerminals() throws {
        for columns in ["60", "200"] {
            let out = try BulwarkProcess.run(["scan", "examples/insecure"], environment: ["COLUMNS": columns])
            XCTAssertEqual(out.stdout.split(separator: "\n").filter { $0.count > Int(columns)! }, [], columns)
        }
    }

    func testRBACTablesFitTheTerminal() throws {
        for columns in [60, 80, 120] {
            for command in [["rbac", "who-can", "list", "secrets", "examples/insecure"], ["rbac", "subject", "sa:ci/deployer", "examples/insecure"],
                            ["rbac", "who-can", "create", "deployments", "-A", "examples/insecure"]] {
                let out = try BulwarkProcess.run(command, environment: ["COLUMNS": "\(columns)"])
                XCTAssertEqual(out.code, 0, out.stderr)
                XCTAssertEqual(out.stdout.split(separator: "\n").filter { $0.count > columns }, [], "\(command) at \(columns)")
            }
        }
        // Cells that wrap keep every character: the wide table's text is in the narrow one.
        let wide = try BulwarkProcess.run(["rbac", "who-can", "list", "secrets", "examples/insecure"], environment: ["COLUMNS": "200"]).stdout
        let narrow = try BulwarkProcess.run(["rbac", "who-can", "list", "secrets", "examples/insecure"], environment: ["COLUMNS": "60"]).stdout
        XCTAssertTrue(wide.contains("ClusterRoleBinding/backup-operator-secrets"))
        XCTAssertEqual(narrow.filter { !$0.isWhitespace }.count, wide.filter { !$0.isWhitespace }.count)
    }

    func testDisplayFiltersLeaveTheExitCodeAlone() throws {
        let filtered = try BulwarkProcess.run(["scan", "examples/insecure", "--section", "S13", "--severity", "critical"])
        XCTAssertEqual(filtered.code, 1, "display filters do not change what counts")
        XCTAssertTrue(filtered.stdout.contains("Showing sections S13; severity critical and above"), filtered.stdout)
        XCTAssertFalse(filtered.stdout.contains("FAIL  BW-S6-"))
        let bad = try BulwarkProcess.run(["scan", "examples/insecure", "--section", "S99"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("--section S99"), bad.stderr)
    }

    func testStandardInputFindingsKeepTheirLines() throws {
        let manifest = try String(contentsOfFile: BulwarkProcess.packageRoot.appendingPathComponent("examples/insecure/debug-pod.yaml").path, encoding: .utf8)
        let table = try BulwarkProcess.run(["scan", "-"], stdin: manifest)
        XCTAssertTrue(table.stdout.contains("<stdin>:"), table.stdout)
        let sarif = try BulwarkProcess.run(["scan", "-", "-o", "sarif"], stdin: manifest).json()
        let runs = try XCTUnwrap(sarif["runs"] as? [[String: Any]])
        let result = try XCTUnwrap((runs.first?["results"] as? [[String: Any]])?.first)
        let physical = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String, "stdin")
        XCTAssertNotNil((physical?["region"] as? [String: Any])?["startLine"])
    }
}
