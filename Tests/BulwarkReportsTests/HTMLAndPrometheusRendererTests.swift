import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkReports

final class HTMLAndPrometheusRendererTests: XCTestCase {
    func testHTMLIsSelfContainedAndEscapesInput() throws {
        let html = try ReportFixtures.render(.html)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["<link", "src=", "@import", "url(", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(external), "loads something from outside: \(external)")
        }
        // The only links lead to pages to read, and to the page's own sections.
        let links = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertTrue(links.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("https://") }, "\(links)")
        XCTAssertFalse(html.contains("<runs>"), "input text is escaped")
        XCTAssertTrue(html.contains("&lt;runs&gt; privileged &amp; unsafe"))
        XCTAssertFalse(html.contains("\u{1B}"))
        for result in ReportFixtures.results {
            XCTAssertTrue(html.contains("data-control=\"\(result.control)\""), result.control)
        }
        XCTAssertTrue(html.contains("<strong>Fix:</strong> Remove securityContext.privileged"))
        XCTAssertTrue(html.contains("<details class=\"section\" id=\"S6\" open>"), "failing sections start open")
        XCTAssertTrue(html.contains("<details class=\"section\" id=\"S17\">"), "passing sections start closed")
    }

    func testTenThousandFindingsStayUnderTenMegabytesAndCollapsed() throws {
        var report = ReportFixtures.report()
        let template = ReportFixtures.findings[0]
        report.findings = (0..<10_000).map { i in
            var f = template
            f.object?.name = "web-\(i)"
            f.message = "Container \"web\" runs privileged (replica \(i))"
            return f
        }
        let html = try HTMLRenderer().render(report, controls: ReportFixtures.controls, style: .plain)
        XCTAssertLessThan(html.utf8.count, 10_000_000)
        XCTAssertTrue(html.contains("<details class=\"section\" id=\"S6\">"), "a huge section starts collapsed")
        XCTAssertEqual(html.components(separatedBy: "<tr><td class=\"sev-").count - 1, 10_000, "one row per finding")
    }

    func testPrometheusExpositionHasBoundedLabelsAndAgreesWithTheReport() throws {
        let text = try ReportFixtures.render(.prometheus)
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let results = samples.filter { $0.hasPrefix("bulwark_control_result{") }
        XCTAssertEqual(results.count, ReportFixtures.results.count)
        XCTAssertEqual(results.filter { $0.contains("status=\"fail\"") }.count, ReportFixtures.results.filter { $0.status == .fail }.count)
        XCTAssertFalse(text.contains("name=\""), "no per-object labels by default")
        XCTAssertTrue(samples.contains { $0.hasPrefix("bulwark_findings{section=\"S6\",severity=\"critical\"} 2") }, text)
        XCTAssertTrue(samples.contains { $0.hasPrefix("bulwark_scan_objects 7") })
        XCTAssertTrue(samples.contains { $0.hasPrefix("bulwark_section_score{section=\"S2\"} 50") })
        var style = RenderStyle()
        style.metricsPerObject = true
        let perObject = try ReportFixtures.render(.prometheus, style: style)
        XCTAssertTrue(perObject.contains("bulwark_object_findings{control=\"BW-S6-001\",kind=\"Deployment\",namespace=\"shop\",name=\"web\""), perObject)
        guard let promtool = PythonCheck.which("promtool") else {
            // scripts/test.sh installs it and sets BULWARK_REQUIRE_TOOLS: there a missing tool fails.
            XCTAssertNil(ProcessInfo.processInfo.environment["BULWARK_REQUIRE_TOOLS"], "promtool missing")
            print("promtool not installed (apt-get install -y prometheus); skipping its check")
            return
        }
        for exposition in [text, perObject] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-\(UUID().uuidString).prom")
            try Data(exposition.utf8).write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let outcome = try PythonCheck.execute("/bin/sh", ["-c", "\(promtool) check metrics < '\(path.path)'"])
            XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        }
    }
}
