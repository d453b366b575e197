import BulwarkModel

/// JUnit XML for CI systems: one `<testsuite>` per guide section with results, one `<testcase>` per
/// control. The document fails exactly when the exit code does: a control is a `<failure>` only
/// when a finding at or above `--fail-on` remains (listing its findings); a failing control whose
/// findings are all below it passes, its findings in `<system-out>`; a control that could not be
/// assessed is `<skipped>`. Input errors form a last suite: `<error>` cases when they decided the
/// exit code (`--strict`, exit 2), else listed in its `<system-err>` with the warnings.
public struct JUnitRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls)
        let timestamp = Self.junitTimestamp(report.generatedAt)
        var suites: [String] = []
        var totals = Tally()
        let failOn = report.settings.failOn
        for entry in index.sections {
            let (xml, tally) = sectionSuite(entry, index: index, failOn: failOn, timestamp: timestamp)
            suites.append(xml)
            totals.add(tally)
        }
        if !report.errors.isEmpty {
            let (xml, tally) = inputSuite(report.errors, errorsCount: report.summary.exitCode == 2, timestamp: timestamp)
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

    private func sectionSuite(_ entry: ReportIndex.SectionEntry, index: ReportIndex, failOn: Severity,
                              timestamp: String) -> (String, Tally) {
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
                let findings = index.findings(for: result.control)
                let body = failureText(result, findings: findings, remediation: index.remediation(of: result))
                let counted = findings.isEmpty || findings.contains { $0.severity >= failOn }
                guard counted else {
                    // Below --fail-on: the exit code does not count it, so neither does CI.
                    let note = "\(findings.count) finding\(findings.count == 1 ? "" : "s") below --fail-on \(failOn.rawValue) (highest \(index.severity(of: result).rawValue)):\n"
                    cases.append(open + ">\n      <system-out>" + XMLText.content(note + body) + "</system-out>\n    </testcase>")
                    continue
                }
                tally.failures += 1
                let message = findings.isEmpty ? result.reason : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
                cases.append(open + ">\n      <failure message=\"\(XMLText.attribute(message))\" type=\"\(index.severity(of: result).rawValue)\">"
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

    private func inputSuite(_ issues: [InputIssue], errorsCount: Bool, timestamp: String) -> (String, Tally) {
        var tally = Tally()
        var lines: [String] = []
        for issue in issues where issue.level == .error && errorsCount {
            tally.tests += 1
            tally.errors += 1
            let name = FindingLocation.describe(issue)
            lines.append("    <testcase classname=\"input\" name=\"\(XMLText.attribute(name))\" time=\"0\">")
            lines.append("      <error message=\"\(XMLText.attribute(issue.message))\" type=\"input\"/>")
            lines.append("    </testcase>")
        }
        let listed = issues.filter { $0.level == .warning || !errorsCount }
        if !listed.isEmpty {
            let text = listed.map { "\($0.level.rawValue): \(FindingLocation.describe($0)): \($0.message)" }.joined(separator: "\n")
            lines.append("    <system-err>" + XMLText.content(text) + "</system-err>")
        }
        let head = "  <testsuite name=\"input\"\(tally.attributes) timestamp=\"\(XMLText.attribute(timestamp))\">"
        return (([head] + lines + ["  </testsuite>"]).joined(separator: "\n"), tally)
    }
}
