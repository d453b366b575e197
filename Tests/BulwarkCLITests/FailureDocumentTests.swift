import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 10 point 4: with a machine format, standard output is one complete document even when
/// the run fails (exit 2), with `errors` filled in — never an empty stream.
final class FailureDocumentTests: XCTestCase {
    let missing = "/nonexistent/bulwark-test-input"

    /// Every kind of exit-2 path: unreadable input, a bad option value checked in run(), an unknown
    /// option (ArgumentParser's own error), and a question the input cannot answer.
    func testJSONCommandsPrintOneDocumentWithErrorsOnExit2() throws {
        let cases: [([String], String?)] = [
            (["scan", missing, "-o", "json"], "results"),
            (["scan", "examples/insecure", "-o", "json", "--pss-level", "nope"], "results"),
            (["scan", "--no-such-option", "-o", "json"], "results"),
            (["scan", "--format=json", missing], "results"),
            (["node", "--root", missing, "-o", "json"], "results"),
            (["pss", missing, "-o", "json"], "results"),
            (["netpol", "reach", missing, "-o", "json"], "connections"),
            (["netpol", "can", "shop/Deployment/none", "10.0.0.1", "80/TCP", "examples/netpol", "-o", "json"], nil),
            (["rbac", "who-can", "get", "secrets", missing, "-o", "json"], "subjects"),
            (["rbac", "paths", missing, "-o", "json"], "paths"),
            (["scan", "--snapshot", missing, "-o", "json"], "results"),
        ]
        for (args, list) in cases {
            let r = try BulwarkProcess.run(args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.stderr)")
            let json = try r.json()
            let errors = try XCTUnwrap(json["errors"] as? [[String: Any]], "\(args)")
            XCTAssertFalse(errors.isEmpty, "\(args)")
            XCTAssertTrue(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false }, "\(args)")
            if let list { XCTAssertNotNil(json[list] as? [Any], "\(args) keeps its \(list) list") }
        }
        // Unreadable input names the file in errors, as stderr does.
        let scan = try BulwarkProcess.run(["scan", missing, "-o", "json"]).json()
        let files = (scan["errors"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertTrue(files.contains(missing))
        XCTAssertEqual((scan["summary"] as? [String: Any])?["exitCode"] as? Int, 2)
    }

    func testEveryMachineReportFormatIsOneDocumentOnExit2() throws {
        let yaml = try BulwarkProcess.run(["scan", missing, "-o", "yaml"])
        XCTAssertEqual(yaml.code, 2)
        // One YAML document (no second `---`), with a non-empty top-level errors list.
        XCTAssertFalse(yaml.stdout.dropFirst(3).contains("\n---"))
        let lines = yaml.stdout.split(separator: "\n").map(String.init)
        let errorsAt = try XCTUnwrap(lines.firstIndex(of: "errors:"), yaml.stdout)
        XCTAssertTrue(lines[errorsAt + 1].hasPrefix("- ") || lines[errorsAt + 1].hasPrefix("  - "), yaml.stdout)

        let sarif = try BulwarkProcess.run(["scan", missing, "-o", "sarif"])
        XCTAssertEqual(sarif.code, 2)
        let runs = try XCTUnwrap(try sarif.json()["runs"] as? [[String: Any]])
        let invocation = try XCTUnwrap((runs.first?["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["exitCode"] as? Int, 2)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, false, "nothing was scanned")

        let junit = try BulwarkProcess.run(["scan", missing, "-o", "junit"])
        XCTAssertEqual(junit.code, 2)
        XCTAssertNoThrow(try XMLDocument(xmlString: junit.stdout, options: []))
    }

    /// People's formats stay quiet on standard output (the message is on stderr), and a report
    /// already written (--strict, exit 2) is not followed by a second document.
    func testTableStaysEmptyAndStrictReportIsNotDoubled() throws {
        let table = try BulwarkProcess.run(["scan", missing])
        XCTAssertEqual(table.code, 2)
        XCTAssertEqual(table.stdout, "")
        XCTAssertTrue(table.stderr.contains("no input could be read"))

        // An input error makes a --strict scan incomplete: exit 2 after the report.
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n"
            .write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: [unclosed\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let strict = try BulwarkProcess.run(["scan", dir.path, "--strict", "-o", "json"])
        XCTAssertEqual(strict.code, 2)
        let json = try strict.json()
        XCTAssertFalse((json["results"] as? [Any] ?? []).isEmpty, "the real report, not a failure document: \(strict.stdout.prefix(300))")
    }

    /// audit-log writes its own report before exit 2: no failure document after it (two
    /// concatenated JSON documents would not parse as one).
    func testAuditLogExit2KeepsItsOwnSingleDocument() throws {
        let r = try BulwarkProcess.run(["audit-log", missing, "-o", "json"])
        XCTAssertEqual(r.code, 2)
        let json = try r.json()
        XCTAssertNil(json["exitCode"] as? Int == 2 && json.count == 2 ? json : nil, "the audit report, not the generic failure document")
    }
}
