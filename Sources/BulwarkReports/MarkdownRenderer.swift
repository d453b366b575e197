import BulwarkModel

/// A report for pull requests and wikis: summary table per section, findings by section in tables,
/// not-assessed controls, input issues and the security contacts.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls, style: style)
        var out: [String] = []
        out.append("# Bulwark report")
        out.append("")
        let s = report.settings
        out.append("\(MarkdownText.inline(report.tool.name)) \(MarkdownText.inline(report.tool.version)) · "
                   + "\(MarkdownText.inline(report.generatedAt)) · \(report.summary.objects) objects · "
                   + "PSS \(MarkdownText.inline(s.pssLevel)) \(MarkdownText.inline(s.pssVersion)) · "
                   + "Kubernetes \(MarkdownText.inline(s.kubeVersion))")
        out.append("")
        out.append(verdict(index, report: report))
        out.append("")
        out += summary(index, report: report)
        out += findings(index)
        out += notAssessed(index)
        out += issues(report.errors)
        out.append("## Security contacts")
        out.append("")
        out.append("- Subscribe to security announcements: <\(report.security.announcements)>")
        out.append("- Report a vulnerability: <\(report.security.reportVulnerability)>")
        return out.joined(separator: "\n") + "\n"
    }

    /// One bold line a reviewer reads first.
    private func verdict(_ index: ReportIndex, report: ScanReport) -> String {
        let t = index.totals
        let assessed = t.pass + t.fail
        let failing = t.fail == 0 ? "No failing controls" : "\(t.fail) of \(assessed) assessed controls fail"
        var line = "**\(failing)**, \(t.notAssessed) not assessed, \(report.findings.count) "
            + "finding\(report.findings.count == 1 ? "" : "s") (exit code \(report.summary.exitCode))"
        let errors = report.errors.filter { $0.level == .error }.count
        if errors > 0 { line += "; \(errors) input error\(errors == 1 ? "" : "s")" }
        return line + "."
    }

    private func summary(_ index: ReportIndex, report: ScanReport) -> [String] {
        var out = ["## Summary", ""]
        guard !index.sections.isEmpty else { return out + ["No controls were evaluated.", ""] }
        out.append("| Section | Title | Pass | Fail | Not assessed | Score |")
        out.append("| --- | --- | ---: | ---: | ---: | ---: |")
        for entry in index.sections {
            out.append("| \(entry.section.id) | \(MarkdownText.inline(entry.section.title)) | \(entry.counts.pass) | "
                       + "\(entry.counts.fail) | \(entry.counts.notAssessed) | \(entry.score.map { "\($0)%" } ?? "—") |")
        }
        let t = index.totals
        out.append("| **Total** | | **\(t.pass)** | **\(t.fail)** | **\(t.notAssessed)** | "
                   + "**\(index.totalScore.map { "\($0)%" } ?? "—")** |")
        out.append("")
        let bySeverity = Severity.allCases.reversed().map { "\(report.summary.findings[$0.rawValue] ?? 0) \($0.rawValue)" }
        out.append("Findings: \(report.findings.count) (\(bySeverity.joined(separator: ", "))).")
        out.append("")
        return out
    }

    /// Each failing control under its section: its findings in a table, then its fix once.
    private func findings(_ index: ReportIndex) -> [String] {
        let failing = index.sections.filter { !$0.failing.isEmpty }
        guard !failing.isEmpty else { return [] }
        var out = ["## Findings", ""]
        for entry in failing {
            out.append("### \(entry.section.id) \(MarkdownText.inline(entry.section.title))")
            out.append("")
            for result in entry.failing {
                out.append("#### \(MarkdownText.inline(result.control)) \(MarkdownText.inline(index.title(of: result))) "
                           + "(\(index.severity(of: result).rawValue))")
                out.append("")
                let findings = index.findings(for: result.control)
                if findings.isEmpty {
                    out.append(MarkdownText.inline(result.reason))
                } else {
                    out.append("| Severity | Object | Location | Field | Value | Message |")
                    out.append("| --- | --- | --- | --- | --- | --- |")
                    for finding in findings {
                        let location = FindingLocation(finding)
                        let cells = [
                            finding.severity.rawValue,
                            FindingLocation.objectName(finding).map(MarkdownText.inline) ?? "(cluster)",
                            location.fileAndLine.map(MarkdownText.code) ?? "",
                            MarkdownText.code(finding.path),
                            finding.value.map(MarkdownText.code) ?? "",
                            MarkdownText.inline(finding.message),
                        ]
                        out.append("| " + cells.joined(separator: " | ") + " |")
                    }
                }
                out.append("")
                let fix = index.remediation(of: result)
                if !fix.isEmpty {
                    out.append("**Fix:** " + MarkdownText.inline(fix))
                    out.append("")
                }
            }
        }
        return out
    }

    private func notAssessed(_ index: ReportIndex) -> [String] {
        let results = index.sections.flatMap(\.notAssessed)
        guard !results.isEmpty else { return [] }
        var out = ["## Not assessed", ""]
        for result in results {
            var reason = result.reason.isEmpty ? "no reason given" : result.reason
            if result.cause == .inputUnreadable { reason += " (input unreadable: --strict fails on this)" }
                if result.cause == .controlError { reason += " (control error: --strict fails on this)" }
            out.append("- **\(MarkdownText.inline(result.control))** \(MarkdownText.inline(index.title(of: result))): "
                       + MarkdownText.inline(reason))
        }
        out.append("")
        return out
    }

    private func issues(_ issues: [InputIssue]) -> [String] {
        guard !issues.isEmpty else { return [] }
        var out = ["## Input errors and warnings", "", "| Level | Where | Message |", "| --- | --- | --- |"]
        for issue in issues {
            out.append("| \(issue.level.rawValue) | \(MarkdownText.code(FindingLocation.describe(issue))) | "
                       + "\(MarkdownText.inline(issue.message)) |")
        }
        out.append("")
        return out
    }
}
