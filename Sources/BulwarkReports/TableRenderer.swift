import BulwarkModel

/// Human output for a terminal or a log: results by guide section, failing controls with their
/// findings, not-assessed controls with the reason, then per-section counts, input issues and the
/// security contacts. Colour only when `style.colour` is set.
public struct TableRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls)
        let paint = ANSIPalette(enabled: style.colour)
        var lines: [String] = []
        lines.append(paint.bold(header(report)))
        lines.append("")
        if index.sections.isEmpty {
            lines.append("No controls were evaluated.")
            lines.append("")
        }
        for entry in index.sections {
            lines += sectionBlock(entry, index: index, paint: paint)
            lines.append("")
        }
        lines += countsTable(index, paint: paint)
        lines.append("")
        lines.append(findingsLine(report))
        lines += exceptionsLines(report)
        if !report.errors.isEmpty {
            lines.append("")
            lines += issueLines(report.errors, paint: paint)
        }
        lines.append("")
        lines.append("Security announcements: \(TerminalText.line(report.security.announcements))")
        lines.append("Report a vulnerability: \(TerminalText.line(report.security.reportVulnerability))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 error`, `2 errors`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private func header(_ report: ScanReport) -> String {
        let s = report.settings
        return TerminalText.line(
            "\(report.tool.name) \(report.tool.version) · \(report.generatedAt) · \(report.summary.objects) objects"
            + " · PSS \(s.pssLevel) \(s.pssVersion) · Kubernetes \(s.kubeVersion) · fail on \(s.failOn.rawValue)")
    }

    private func sectionBlock(_ entry: ReportIndex.SectionEntry, index: ReportIndex, paint: ANSIPalette) -> [String] {
        let counts = entry.counts
        let score = entry.score.map { "score \($0)%" } ?? "not scored"
        var lines = [
            paint.bold(Self.sectionLabel(entry.section))
            + paint.dim("  (\(counts.pass) pass, \(counts.fail) fail, \(counts.notAssessed) not assessed, \(score))"),
        ]
        let severityWidth = Severity.allCases.map(\.rawValue.count).max() ?? 8
        let idWidth = index.sections.flatMap(\.results).map { TerminalText.line($0.control).count }.max() ?? 9
        for result in entry.failing {
            lines.append("  " + controlLine(result, label: "FAIL", index: index, idWidth: idWidth,
                                             severityWidth: severityWidth, paint: paint))
            for finding in index.findings(for: result.control) {
                lines += findingLines(finding, paint: paint)
            }
            if index.findings(for: result.control).isEmpty, !result.reason.isEmpty {
                lines.append("        " + TerminalText.line(result.reason))
            }
        }
        for result in entry.notAssessed {
            lines.append("  " + controlLine(result, label: "N/A ", index: index, idWidth: idWidth,
                                             severityWidth: severityWidth, paint: paint))
            let reason = result.reason.isEmpty ? "no reason given" : result.reason
            lines.append("        " + paint.dim("reason: ") + TerminalText.line(reason))
        }
        if !entry.passing.isEmpty {
            let ids = entry.passing.map(\.control).joined(separator: ", ")
            lines.append("  " + paint.status(.pass, "PASS") + "  " + TerminalText.line(ids))
        }
        return lines
    }

    /// `S6   Container privileges`: IDs padded so titles line up from S1 to S17.
    static func sectionLabel(_ section: GuideSection) -> String {
        TerminalText.pad(section.id, 3) + "  " + section.title
    }

    private func controlLine(_ result: ControlResult, label: String, index: ReportIndex, idWidth: Int,
                             severityWidth: Int, paint: ANSIPalette) -> String {
        paint.status(result.status, label) + "  "
            + TerminalText.pad(TerminalText.line(result.control), idWidth) + "  "
            + paint.severity(result.severity, TerminalText.pad(result.severity.rawValue, severityWidth)) + "  "
            + TerminalText.line(index.title(of: result))
    }

    private func findingLines(_ finding: Finding, paint: ANSIPalette) -> [String] {
        let location = FindingLocation(finding)
        var subject = FindingLocation.objectName(finding).map(TerminalText.line) ?? "(cluster)"
        if let place = location.fileAndLine { subject += "  " + paint.dim(TerminalText.line(place)) }
        var lines = ["        • " + subject]
        var field = TerminalText.line(finding.path)
        if let value = finding.value { field += " = " + TerminalText.line(value) }
        if !field.isEmpty { lines.append("          " + paint.cyan(field)) }
        lines.append("          " + TerminalText.line(finding.message))
        return lines
    }

    private func countsTable(_ index: ReportIndex, paint: ANSIPalette) -> [String] {
        let headers = ["Section", "Pass", "Fail", "Not assessed", "Score"]
        var rows: [[String]] = index.sections.map { entry in
            [Self.sectionLabel(entry.section), "\(entry.counts.pass)", "\(entry.counts.fail)",
             "\(entry.counts.notAssessed)", entry.score.map { "\($0)%" } ?? "—"]
        }
        let totals = index.totals
        rows.append(["Total", "\(totals.pass)", "\(totals.fail)", "\(totals.notAssessed)",
                     index.totalScore.map { "\($0)%" } ?? "—"])
        let widths = headers.indices.map { column in
            max(headers[column].count, rows.map { $0[column].count }.max() ?? 0)
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == 0 ? TerminalText.pad(cell, widths[column]) : TerminalText.padLeft(cell, widths[column])
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [paint.bold(format(headers)), rule]
        lines += rows.dropLast().map(format)
        lines.append(rule)
        lines.append(paint.bold(format(rows[rows.count - 1])))
        return lines
    }

    private func findingsLine(_ report: ScanReport) -> String {
        let counts = Severity.allCases.reversed().map { "\(report.summary.findings[$0.rawValue] ?? 0) \($0.rawValue)" }
        return "Findings: \(report.findings.count) (" + counts.joined(separator: ", ") + ")"
    }

    private func exceptionsLines(_ report: ScanReport) -> [String] {
        guard !report.exceptions.isEmpty else { return [] }
        let expired = report.exceptions.filter { $0.status == .expired }.count
        var line = "Exceptions: \(report.exceptions.count - expired) applied"
        if expired > 0 { line += ", \(expired) expired (no longer hiding findings)" }
        return [line]
    }

    private func issueLines(_ issues: [InputIssue], paint: ANSIPalette) -> [String] {
        let errors = issues.filter { $0.level == .error }.count
        let warnings = issues.count - errors
        var lines = [paint.bold("Input issues: \(Self.count(errors, "error")), \(Self.count(warnings, "warning"))")]
        for issue in issues {
            let level = TerminalText.pad(issue.level.rawValue, 7)
            let coloured = issue.level == .error ? paint.red(level) : paint.yellow(level)
            lines.append("  " + coloured + "  " + TerminalText.line(FindingLocation.describe(issue))
                         + "  " + TerminalText.line(issue.message))
        }
        return lines
    }
}
