import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkReports

final class JSONRendererTests: XCTestCase {
    func testRoundTripsToTheSameReport() throws {
        let report = ReportFixtures.report()
        let json = try ReportFixtures.render(.json, report)
        let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.findings, report.findings)
        XCTAssertEqual(decoded.results, report.results)
        XCTAssertEqual(decoded.errors, report.errors)
        XCTAssertEqual(decoded.exceptions, report.exceptions)
        XCTAssertEqual(decoded.summary.results, report.summary.results)
        XCTAssertEqual(decoded.summary.findings, report.summary.findings)
        XCTAssertEqual(decoded.summary.sections.map(\.section), [.s2, .s6, .s10, .s17])
        XCTAssertEqual(decoded.generatedAt, report.generatedAt)
        // Encoding the decoded value again gives identical text: nothing is lost or reordered.
        XCTAssertEqual(try ReportFixtures.render(.json, decoded), json)
    }

    func testFormatting() throws {
        let json = try ReportFixtures.render(.json)
        XCTAssertTrue(json.hasPrefix("{\n"), "pretty-printed")
        XCTAssertTrue(json.hasSuffix("}\n"))
        XCTAssertFalse(json.contains("\\/"), "slashes are not escaped")
        XCTAssertTrue(json.contains("\"https://groups.google.com/g/kubernetes-security-announce\""))
        XCTAssertTrue(json.contains("\"not_assessed\" : 2"))
        XCTAssertTrue(json.contains("\"section\" : \"S6\""))
        // Sorted keys: top-level members in alphabetical order.
        let topLevel = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { line in
            String(line.dropFirst(3).prefix { $0 != "\"" })
        }
        XCTAssertEqual(topLevel, topLevel.sorted())
        XCTAssertEqual(topLevel.first, "errors")
        // The nasty message is encoded, not dropped: ESC appears as a JSON escape, never raw.
        XCTAssertFalse(json.contains("\u{1B}"))
        XCTAssertTrue(json.contains("\\u001b[31mred"))
    }

    func testEmptyReportRenders() throws {
        let empty = ScanReport(toolVersion: "0.0.1", generatedAt: ReportFixtures.generatedAt,
                               settings: .init(pssLevel: "baseline", pssVersion: "latest", kubeVersion: "", failOn: .high),
                               objects: 0, findings: [], results: [], exceptions: [], errors: [], exitCode: 0)
        for format in ReportFormat.allCases {
            let text = try format.render(empty, controls: [], style: .plain)
            XCTAssertFalse(text.isEmpty, format.rawValue)
        }
    }

    func testFormatNames() {
        XCTAssertEqual(ReportFormat.allCases.map(\.rawValue), ["table", "json", "yaml", "sarif", "junit", "markdown", "html", "prometheus"])
        XCTAssertEqual(ReportFormat(rawValue: "sarif"), .sarif)
        XCTAssertNil(ReportFormat(rawValue: "pdf"))
    }
}
