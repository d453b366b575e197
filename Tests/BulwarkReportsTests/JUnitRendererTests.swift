import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkReports

final class JUnitRendererTests: XCTestCase {
    /// Reads the file with junitparser and prints what it understood as JSON.
    static let parseScript = """
    import json, sys
    try:
        from junitparser import JUnitXml, TestSuite
    except ImportError as error:
        print(error); sys.exit(3)
    xml = JUnitXml.fromfile(sys.argv[1])
    suites = [xml] if isinstance(xml, TestSuite) else list(xml)
    out = {"totals": {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped}, "suites": []}
    for suite in suites:
        cases = []
        for case in suite:
            cases.append({"classname": case.classname, "name": case.name,
                          "results": [{"kind": type(r).__name__, "message": r.message, "type": r.type, "text": r.text}
                                      for r in case.result]})
        out["suites"].append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                              "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
    print(json.dumps(out))
    """

    struct Parsed: Decodable {
        struct Counts: Decodable, Equatable { var tests, failures, errors, skipped: Int }
        struct Outcome: Decodable { var kind: String; var message: String?; var type: String?; var text: String? }
        struct Case: Decodable { var classname: String; var name: String; var results: [Outcome] }
        struct Suite: Decodable {
            var name: String; var tests, failures, errors, skipped: Int; var cases: [Case]
            var counts: Counts { Counts(tests: tests, failures: failures, errors: errors, skipped: skipped) }
        }
        var totals: Counts
        var suites: [Suite]
    }

    private func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Parsed? {
        guard let outcome = try PythonCheck.run(Self.parseScript, on: xml, suffix: "xml", file: file, line: line) else { return nil }
        XCTAssertEqual(outcome.status, 0, outcome.stderr, file: file, line: line)
        guard outcome.status == 0 else { return nil }
        return try JSONDecoder().decode(Parsed.self, from: Data(outcome.stdout.utf8))
    }

    func testJUnitParserReadsCounts() throws {
        guard let parsed = try parse(ReportFixtures.render(.junit, ReportFixtures.strictReport())) else { return }
        XCTAssertEqual(parsed.totals, .init(tests: 9, failures: 3, errors: 1, skipped: 2))
        XCTAssertEqual(parsed.suites.map(\.name),
                       ["S2 API authentication", "S6 Container privileges", "S10 Where pods may run",
                        "S17 Security updates", "input"])
        XCTAssertEqual(parsed.suites.map(\.counts), [
            .init(tests: 2, failures: 1, errors: 0, skipped: 0),
            .init(tests: 4, failures: 2, errors: 0, skipped: 1),
            .init(tests: 1, failures: 0, errors: 0, skipped: 1),
            .init(tests: 1, failures: 0, errors: 0, skipped: 0),
            .init(tests: 1, failures: 0, errors: 1, skipped: 0),
        ])
        // The attributes agree with the cases themselves.
        for suite in parsed.suites {
            XCTAssertEqual(suite.cases.count, suite.tests, suite.name)
            XCTAssertEqual(suite.cases.filter { $0.results.contains { $0.kind == "Failure" } }.count, suite.failures)
            XCTAssertEqual(suite.cases.filter { $0.results.contains { $0.kind == "Skipped" } }.count, suite.skipped)
            XCTAssertEqual(suite.cases.filter { $0.results.contains { $0.kind == "Error" } }.count, suite.errors)
        }
    }

    func testCasesCarryControlsFindingsAndReasons() throws {
        guard let parsed = try parse(ReportFixtures.render(.junit, ReportFixtures.strictReport())) else { return }
        let s6 = parsed.suites[1]
        XCTAssertEqual(s6.cases.map(\.classname), ["S6", "S6", "S6", "S6"])
        XCTAssertEqual(s6.cases.map(\.name), [
            "BW-S6-001 No privileged containers", "BW-S6-002 Read-only root filesystem",
            "BW-S6-003 No host path <volumes> & \"mounts\"", "BW-S6-010 TLS Secrets not expiring soon",
        ])
        let failure = try XCTUnwrap(s6.cases[0].results.first)
        XCTAssertEqual(failure.kind, "Failure")
        XCTAssertEqual(failure.type, "critical")
        XCTAssertEqual(failure.message, "2 findings")
        let text = failure.text ?? ""
        XCTAssertTrue(text.contains("Deployment/shop/web at ./manifests/web app.yaml:14"), text)
        XCTAssertTrue(text.contains("Pod/kube-system/etcd-node1 at /etc/kubernetes/manifests/etcd.yaml:3"), text)
        XCTAssertTrue(text.contains("spec.template.spec.containers[0].securityContext.privileged = true"), text)
        XCTAssertTrue(text.contains("Container \"web\" <runs> privileged & unsafe | see\nnext line: Ünïcödé ☸ 日本"), text)
        XCTAssertFalse(text.contains("\u{1B}"), "characters XML 1.0 forbids are replaced")
        XCTAssertTrue(text.contains("\u{FFFD}[31mred\u{FFFD}\u{FFFD}"), text)
        XCTAssertTrue(text.contains("Remediation: Remove securityContext.privileged"), text)

        let skipped = try XCTUnwrap(s6.cases[3].results.first)
        XCTAssertEqual(skipped.kind, "Skipped")
        XCTAssertEqual(skipped.message, "Needs --read-secrets.")
        XCTAssertEqual(parsed.suites[2].cases[0].results.first?.message,
                       "Node labels unavailable: \"nodes\" <forbidden> & more | see RBAC")

        let inputError = try XCTUnwrap(parsed.suites[4].cases.first)
        XCTAssertEqual(inputError.name, "manifests/bad.yaml:7 (document 2)")
        XCTAssertEqual(inputError.results.first?.message, ReportFixtures.errors[0].message)
        // Newlines survive inside attributes as character references.
        let hostPath = try XCTUnwrap(s6.cases[2].results.first?.text)
        XCTAssertTrue(hostPath.contains("= a|b\nc <d> & \"e\""), hostPath)
    }

    func testWellFormedForXmllint() throws {
        guard let xmllint = PythonCheck.which("xmllint") else {
            // Optional: junitparser above already parses the document with a real XML parser.
            print("xmllint not installed (apt-get install -y libxml2-utils); skipping the extra well-formedness check")
            return
        }
        for report in [ReportFixtures.report(), ReportFixtures.cleanReport()] {
            let xml = try ReportFixtures.render(.junit, report)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-junit-\(UUID().uuidString).xml")
            try Data(xml.utf8).write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let outcome = try PythonCheck.execute(xmllint, ["--noout", path.path])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
        }
    }

    func testCleanReportHasNoInputSuite() throws {
        let xml = try ReportFixtures.render(.junit, ReportFixtures.cleanReport())
        XCTAssertFalse(xml.contains("name=\"input\""))
        XCTAssertTrue(xml.contains("<testsuites name=\"bulwark\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">"))
    }

    /// CI fails exactly when the exit code does: findings below --fail-on pass (listed in
    /// system-out), and input errors count only when they decided the exit code (--strict).
    func testFailuresAreWhatTheExitCodeCounts() throws {
        var lenient = ReportFixtures.report()
        lenient.settings.failOn = .critical
        guard let parsed = try parse(ReportFixtures.render(.junit, lenient)) else { return }
        // BW-S6-001 has critical findings; BW-S6-003 (high) and BW-S2-002 (high) are below the line.
        XCTAssertEqual(parsed.totals, .init(tests: 8, failures: 1, errors: 0, skipped: 2))
        let s6 = parsed.suites[1]
        XCTAssertEqual(s6.cases[2].results.map(\.kind), [], "below --fail-on: a passing case")
        let xml = try ReportFixtures.render(.junit, lenient)
        XCTAssertTrue(xml.contains("<system-out>1 finding below --fail-on critical (highest high):"), xml)
        XCTAssertTrue(xml.contains("error: manifests/bad.yaml:7 (document 2): mapping values"), "errors listed, not counted, at exit 1")
        var clean = ReportFixtures.cleanReport()
        clean.errors = ReportFixtures.errors
        guard let cleanParsed = try parse(ReportFixtures.render(.junit, clean)) else { return }
        XCTAssertEqual(cleanParsed.totals.failures + cleanParsed.totals.errors, 0, "exit 0: nothing fails CI")
    }

    func testSuiteAttributes() throws {
        let xml = try ReportFixtures.render(.junit, ReportFixtures.strictReport())
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bulwark\" tests=\"9\""))
        XCTAssertTrue(xml.contains("<testsuite name=\"S6 Container privileges\" tests=\"4\" failures=\"2\" errors=\"0\" "
                                   + "skipped=\"1\" time=\"0\" timestamp=\"2026-05-28T20:26:40\">"), xml)
        XCTAssertEqual(JUnitRenderer.junitTimestamp("2026-05-28T20:26:40Z"), "2026-05-28T20:26:40")
    }

    func testXMLEscaping() {
        XCTAssertEqual(XMLText.attribute("a<b>&\"c\"\n\td"), "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#9;d")
        XCTAssertEqual(XMLText.content("a<b>&\"c\"\n"), "a&lt;b&gt;&amp;\"c\"\n")
        XCTAssertEqual(XMLText.content("x\u{0}y\u{1B}z\u{FFFE}"), "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        XCTAssertEqual(XMLText.content("☸ 𝄞 é"), "☸ 𝄞 é")
        XCTAssertEqual(XMLText.content("a\r\nb"), "a&#13;\nb")
    }
}
