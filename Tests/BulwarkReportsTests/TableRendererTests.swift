import XCTest
import BulwarkModel
@testable import BulwarkReports

final class TableRendererTests: XCTestCase {
    private func stripANSI(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    func testColourOnlyWhenAsked() throws {
        let plain = try ReportFixtures.render(.table, colour: false)
        let coloured = try ReportFixtures.render(.table, colour: true)
        XCTAssertFalse(plain.contains("\u{1B}"), "no escape codes, not even from the input")
        XCTAssertTrue(coloured.contains("\u{1B}[1;31mFAIL\u{1B}[0m"))
        XCTAssertEqual(stripANSI(coloured), plain, "colour changes nothing but the escape codes")
    }

    func testInputControlCharactersCannotReachTheTerminal() throws {
        let coloured = try ReportFixtures.render(.table, colour: true)
        // The only ESCs are our own SGR sequences; the input's "\e[31m" is shown escaped.
        XCTAssertFalse(stripANSI(coloured).contains("\u{1B}"))
        XCTAssertFalse(coloured.contains("\u{07}"))
        XCTAssertTrue(coloured.contains("\\u{1B}[31mred\\u{7}\\u{1}"))
        XCTAssertTrue(coloured.contains("see\\nnext line"), "newlines in a message do not break the layout")
    }

    func testSectionsInGuideOrderWithFindingsAndReasons() throws {
        let table = try ReportFixtures.render(.table)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = lines.filter { $0.range(of: "^S[0-9]+  ", options: .regularExpression) != nil && $0.contains("(") }
        XCTAssertEqual(headings.map { String($0.prefix(while: { $0 != " " })) }, ["S2", "S6", "S10", "S17"])
        XCTAssertTrue(table.contains("FAIL  BW-S6-001   critical  No privileged containers"))
        XCTAssertTrue(table.contains("N/A   BW-S6-010   low       TLS Secrets not expiring soon"))
        XCTAssertTrue(table.contains("reason: Needs --read-secrets."))
        XCTAssertTrue(table.contains("• Deployment/shop/web  ./manifests/web app.yaml:14"))
        XCTAssertTrue(table.contains("• Pod/kube-system/etcd-node1  /etc/kubernetes/manifests/etcd.yaml:3"))
        XCTAssertTrue(table.contains("• DaemonSet/monitoring/node-exporter\n"), "live objects have no file")
        XCTAssertTrue(table.contains("• (cluster)\n          --anonymous-auth\n"))
        XCTAssertTrue(table.contains("spec.template.spec.containers[0].securityContext.privileged = true"))
        XCTAssertTrue(table.contains("PASS  BW-S6-002"))
        XCTAssertTrue(table.contains("\nS2   API authentication  (1 pass, 1 fail, 0 not assessed, score 50%)\n"))
        XCTAssertTrue(table.contains("\nS10  Where pods may run  (0 pass, 0 fail, 1 not assessed, not scored)\n"))
    }

    func testEndsWithCountsIssuesAndContacts() throws {
        let table = try ReportFixtures.render(.table)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func index(_ prefix: String) -> Int { lines.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        let header = index("Section")
        let total = index("Total")
        let issues = index("Input issues")
        let announcements = index("Security announcements:")
        XCTAssertGreaterThan(header, 0)
        XCTAssertTrue(header < total && total < issues && issues < announcements, "\(header) \(total) \(issues) \(announcements)")
        let rows = lines[(header + 2)..<(total - 1)].map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.map { $0.first ?? "" }, ["S2", "S6", "S10", "S17"])
        XCTAssertEqual(rows[1].suffix(4), ["1", "2", "1", "33%"])
        XCTAssertEqual(rows[2].suffix(4), ["0", "0", "1", "—"])
        XCTAssertEqual(lines[total].split(separator: " ").map(String.init), ["Total", "3", "3", "2", "50%"])
        // Every row of the counts table has the same width.
        let widths = Set(lines[header...total].filter { !$0.hasPrefix("─") }.map(\.count))
        XCTAssertEqual(widths.count, 1, "\(widths)")
        XCTAssertTrue(lines[issues + 1].contains("error    manifests/bad.yaml:7 (document 2)  mapping values"))
        XCTAssertTrue(lines[issues...].contains { $0.contains("warning  manifests/dup.yaml:3 (document 0)  duplicate key") })
        XCTAssertEqual(lines.suffix(3), [
            "Security announcements: https://groups.google.com/g/kubernetes-security-announce",
            "Report a vulnerability: https://kubernetes.io/docs/reference/issues-security/security/",
            "",
        ])
    }

    func testCleanReport() throws {
        let table = try ReportFixtures.render(.table, ReportFixtures.cleanReport())
        XCTAssertFalse(table.contains("FAIL"))
        XCTAssertFalse(table.contains("Input issues"))
        XCTAssertTrue(table.contains("Findings: 0"))
    }

    func testFindingWithoutAResultIsStillShown() throws {
        var report = ReportFixtures.report()
        report.findings.append(Finding(control: "BW-S9-001", section: .s9, severity: .high, object: nil,
                                       path: "egress", value: nil, message: "Metadata API reachable.", remediation: "Block it."))
        let table = try TableRenderer().render(report, controls: ReportFixtures.controls, style: .plain)
        XCTAssertTrue(table.contains("FAIL  BW-S9-001   high      Metadata API blocked by egress policy"), table)
        XCTAssertTrue(table.contains("Metadata API reachable."))
        let junit = try JUnitRenderer().render(report, controls: ReportFixtures.controls, style: .plain)
        XCTAssertTrue(junit.contains("<testsuites name=\"bulwark\" tests=\"9\" failures=\"4\""), junit)
    }

    /// Not-assessed controls are one count per section unless asked for; the fix is shown once
    /// under each failing control's findings; the severity shown is the one that counts.
    func testNotAssessedCollapsedAndRemediationShown() throws {
        let table = try ReportFixtures.render(.table, style: .plain)
        XCTAssertFalse(table.contains("BW-S6-010"), table)
        XCTAssertTrue(table.contains("  N/A   1 control not assessed (--show-not-assessed lists them with the reason)"), table)
        XCTAssertEqual(table.components(separatedBy: "fix: Remove securityContext.privileged").count, 2, "once per control")
        XCTAssertTrue(table.contains("        fix: Use an emptyDir"), table)
        let listed = try ReportFixtures.render(.table, style: RenderStyle(showNotAssessed: true))
        XCTAssertTrue(listed.contains("N/A   BW-S6-010"))
    }

    /// Every line fits the width asked for, long messages wrapped with a hanging indent.
    func testLinesFitTheWidth() throws {
        var report = ReportFixtures.report()
        report.findings[0].message = String(repeating: "word ", count: 60) + "https://example.com/" + String(repeating: "x", count: 150)
        for width in [40, 60, 80, 100, 132] {
            let table = try TableRenderer().render(report, controls: ReportFixtures.controls, style: RenderStyle(width: width, showNotAssessed: true))
            let long = table.split(separator: "\n").filter { $0.count > width }
            XCTAssertEqual(long, [], "width \(width)")
            XCTAssertTrue(table.contains("\n          word word"), "continuation lines are indented")
        }
        // Colour does not change the layout.
        let coloured = try TableRenderer().render(report, controls: ReportFixtures.controls, style: RenderStyle(colour: true, width: 60))
        let plain = try TableRenderer().render(report, controls: ReportFixtures.controls, style: RenderStyle(width: 60))
        XCTAssertEqual(stripANSI(coloured), plain)
    }

    /// --severity and --section are display filters that say what they hide.
    func testDisplayFilters() throws {
        let high = try ReportFixtures.render(.table, style: RenderStyle(minimumSeverity: .critical))
        XCTAssertTrue(high.contains("BW-S6-001"))
        XCTAssertFalse(high.contains("FAIL  BW-S6-003"), high)
        XCTAssertFalse(high.contains("FAIL  BW-S2-002"), high)
        XCTAssertTrue(high.contains("Showing severity critical and above"), high)
        let s2 = try ReportFixtures.render(.table, style: RenderStyle(sections: [.s2]))
        XCTAssertTrue(s2.contains("BW-S2-002"))
        XCTAssertFalse(s2.contains("BW-S6-001"))
        let markdown = try ReportFixtures.render(.markdown, style: RenderStyle(sections: [.s6]))
        XCTAssertFalse(markdown.contains("BW-S2-002"))
        XCTAssertTrue(markdown.contains("**Fix:** Remove securityContext.privileged"))
        // Machine formats keep everything.
        let json = try ReportFixtures.render(.json, style: RenderStyle(sections: [.s6]))
        XCTAssertTrue(json.contains("BW-S2-002"))
    }

    /// Objects piped in (`scan -`) keep their line in human formats and SARIF.
    func testStandardInputKeepsLines() throws {
        var report = ReportFixtures.report()
        report.findings[0].object?.file = "-"
        let table = try ReportFixtures.render(.table, report)
        XCTAssertTrue(table.contains("• Deployment/shop/web  <stdin>:14"), table)
        let markdown = try ReportFixtures.render(.markdown, report)
        XCTAssertTrue(markdown.contains("`<stdin>:14`"))
        let sarif = try ReportFixtures.render(.sarif, report)
        XCTAssertTrue(sarif.contains("\"uri\" : \"stdin\"") || sarif.contains("\"uri\":\"stdin\""), sarif)
    }

    func testControlOrder() {
        let ids = ["BW-S10-001", "BW-S6-010", "BW-S6-002", "BW-S2-001", "BW-S6-001"]
        XCTAssertEqual(ids.sorted(by: ControlOrder.precedes), ["BW-S2-001", "BW-S6-001", "BW-S6-002", "BW-S6-010", "BW-S10-001"])
    }
}
