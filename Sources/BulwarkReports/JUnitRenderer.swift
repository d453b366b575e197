import BulwarkModel

/// JUnit XML for CI systems: one `<testsuite>` per guide section with results, one `<testcase>` per
/// control. A failing control is a `<failure>` listing its findings; a control that could not be
/// assessed is `<skipped>`. Input errors form a last suite of `<error>` cases so a CI run shows
/// that part of the input was unreadable; input warnings go to that suite's `<system-err>`.
public struct JUnitRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls)
        let timestamp = Self.junitTimestamp(report.generatedAt)
        var suites: [String] = []
        var totals = Tally()
        for entry in index.sections {
            let (xml, tally) = sectionSuite(entry, index: index, timestamp: timestamp)
            suites.append(xml)
            totals.add(tally)
        }
        if !report.errors.isEmpty {
            let (xml, tally) = inputSuite(report.errors, timestamp: timestamp)
            suites.append(xml)
            totals.add(tally)
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append("<testsuites name=\"\(XMLText.attribute(report.tool.name))\"\(totals.attributes)>")
        lines += suites
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The common JUnit schema's timestamp has no zone designator; `generatedAt` is always UTC, so
    /// only the trailing `Z` goes.
    static func junitTimestamp(_ generatedAt: String) -> String {
        generatedAt.hasSuffix("Z") ? String(generatedAt.dropLast()) : generatedAt
    }

    /// Counts for a suite's or the whole document's attributes.
    private struct Tally {
        var tests = 0, failures = 0, errors = 0, skipped = 0

        mutating func add(_ other: Tally) {
            tests += other.tests; failures += other.failures; errors += other.errors; skipped += other.skipped
        }

        /// Bulwark does not time controls one by one; `time` is required by common schemas, so 0.
        var attributes: String {
            " tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
        }
    }

    private func sectionSuite(_ entry: ReportIndex.SectionEntry, index: ReportIndex, timestamp: String) -> (String, Tally) {
        var tally = Tally()
        var cases: [String] = []
        for result in entry.results {
            tally.tests += 1
            let name = "\(result.control) \(index.title(of: result))"
            let open = "    <testcase classname=\"\(entry.section.id)\" name=\"\(XMLText.attribute(name))\" time=\"0\""
            switch result.status {
            case .pass:
                cases.append(open + "/>")
            case .notAssessed:
                tally.skipped += 1
                let reason = result.reason.isEmpty ? "not assessed" : result.reason
                cases.append(open + ">\n      <skipped message=\"\(XMLText.attribute(reason))\"/>\n    </testcase>")
            case .fail:
                tally.failures += 1
                let findings = index.findings(for: result.control)
                let message = findings.isEmpty ? result.reason : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
                let body = failureText(result, findings: findings, remediation: index.controlsByID[result.control]?.remediation)
                cases.append(open + ">\n      <failure message=\"\(XMLText.attribute(message))\" type=\"\(result.severity.rawValue)\">"
                             + XMLText.content(body) + "</failure>\n    </testcase>")
            }
        }
        let name = "\(entry.section.id) \(entry.section.title)"
        let head = "  <testsuite name=\"\(XMLText.attribute(name))\"\(tally.attributes)"
            + " timestamp=\"\(XMLText.attribute(timestamp))\">"
        return (([head] + cases + ["  </testsuite>"]).joined(separator: "\n"), tally)
    }

    /// Plain text inside `<failure>`: one block per finding, then the fix.
    private func failureText(_ result: ControlResult, findings: [Finding], remediation: String?) -> String {
        var blocks: [String] = findings.map { finding in
            var lines: [String] = []
            let location = FindingLocation(finding)
            var subject = FindingLocation.objectName(finding) ?? "(cluster)"
            if let place = location.fileAndLine { subject += " at \(place)" }
            lines.append(subject)
            var field = finding.path
            if let value = finding.value { field += " = \(value)" }
            if !field.isEmpty { lines.append("  " + field) }
            lines.append("  " + finding.message)
            return lines.joined(separator: "\n")
        }
        if findings.isEmpty, !result.reason.isEmpty { blocks.append(result.reason) }
        let fix = findings.first?.remediation ?? remediation ?? ""
        if !fix.isEmpty { blocks.append("Remediation: \(fix)") }
        return "\n" + blocks.joined(separator: "\n\n") + "\n      "
    }

    private func inputSuite(_ issues: [InputIssue], timestamp: String) -> (String, Tally) {
        var tally = Tally()
        var lines: [String] = []
        for issue in issues where issue.level == .error {
            tally.tests += 1
            tally.errors += 1
            let name = FindingLocation.describe(issue)
            lines.append("    <testcase classname=\"input\" name=\"\(XMLText.attribute(name))\" time=\"0\">")
            lines.append("      <error message=\"\(XMLText.attribute(issue.message))\" type=\"input\"/>")
            lines.append("    </testcase>")
        }
        let warnings = issues.filter { $0.level == .warning }
        if !warnings.isEmpty {
            let text = warnings.map { "warning: \(FindingLocation.describe($0)): \($0.message)" }.joined(separator: "\n")
            lines.append("    <system-err>" + XMLText.content(text) + "</system-err>")
        }
        let head = "  <testsuite name=\"input\"\(tally.attributes) timestamp=\"\(XMLText.attribute(timestamp))\">"
        return (([head] + lines + ["  </testsuite>"]).joined(separator: "\n"), tally)
    }
}
