import BulwarkModel

/// Human output for a terminal or a log: results by guide section, failing controls with their
/// findings, not-assessed controls with the reason, then per-section counts, input issues and the
/// security contacts. Colour only when `style.colour` is set.
public struct TableRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls, style: style)
        let layout = Layout(width: style.width, paint: ANSIPalette(enabled: style.colour))
        let paint = layout.paint
        var lines: [String] = []
        lines += layout.wrap(header(report), first: 0, hanging: 2).map(paint.bold)
        if style.filters {
            lines += layout.wrap(filterNote(style, index: index), first: 0, hanging: 2).map(paint.dim)
        }
        lines.append("")
        if index.sections.isEmpty {
            lines.append(style.filters ? "No results match the display filters." : "No controls were evaluated.")
            lines.append("")
        }
        for entry in index.sections {
            lines += sectionBlock(entry, index: index, layout: layout, style: style)
            lines.append("")
        }
        lines += countsTable(index, layout: layout)
        lines.append("")
        lines += layout.wrap(findingsLine(report), first: 0, hanging: 2)
        for (i, line) in exceptionsLines(report).enumerated() {
            lines += i == 0 ? layout.wrap(line, first: 0, hanging: 2) : layout.line("  ", prefixWidth: 2, line, hanging: 4)
        }
        if !report.errors.isEmpty {
            lines.append("")
            lines += issueLines(report.errors, layout: layout)
        }
        lines.append("")
        lines += layout.wrap("Security announcements: \(TerminalText.line(report.security.announcements))", first: 0, hanging: 2)
        lines += layout.wrap("Report a vulnerability: \(TerminalText.line(report.security.reportVulnerability))", first: 0, hanging: 2)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Width and colour of one rendering; every line of text goes through `wrap`.
    struct Layout {
        var width: Int
        var paint: ANSIPalette

        /// `text` (sanitised here) wrapped after `first` used columns, continuation lines indented.
        func wrap(_ text: String, first: Int, hanging: Int) -> [String] {
            TerminalText.wrap(TerminalText.line(text), width: width, first: first, hanging: hanging)
        }

        /// `prefix` (already sanitised, `prefixWidth` visible columns, may be painted) followed by
        /// `text` wrapped to hang under the text's first column.
        func line(_ prefix: String, prefixWidth: Int, _ text: String, hanging: Int? = nil,
                  style: (String) -> String = { $0 }) -> [String] {
            let wrapped = wrap(text, first: prefixWidth, hanging: hanging ?? prefixWidth)
            guard let head = wrapped.first, !head.isEmpty else {
                // The text starts on the next line: no trailing blanks after the prefix.
                return [String(prefix.reversed().drop { $0 == " " }.reversed())] + wrapped.dropFirst().map(style)
            }
            return [prefix + style(head)] + wrapped.dropFirst().map(style)
        }
    }

    private func filterNote(_ style: RenderStyle, index: ReportIndex) -> String {
        var shown: [String] = []
        if let sections = style.sections { shown.append("sections " + sections.sorted().map(\.id).joined(separator: ", ")) }
        if let minimum = style.minimumSeverity { shown.append("severity \(minimum.rawValue) and above") }
        return "Showing \(shown.joined(separator: "; ")): \(Self.count(index.hiddenResults, "control")) and "
            + "\(Self.count(index.hiddenFindings, "finding")) hidden (display only: the exit code and machine formats count everything)"
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

    private func sectionBlock(_ entry: ReportIndex.SectionEntry, index: ReportIndex, layout: Layout,
                              style: RenderStyle) -> [String] {
        let paint = layout.paint
        let counts = entry.counts
        let score = entry.score.map { "score \($0)%" } ?? "not scored"
        let label = Self.sectionLabel(entry.section)
        var lines = layout.line(paint.bold(TerminalText.line(label)) + "  ", prefixWidth: label.count + 2,
                                "(\(counts.pass) pass, \(counts.fail) fail, \(counts.notAssessed) not assessed, \(score))",
                                hanging: 5, style: paint.dim)
        let severityWidth = Severity.allCases.map(\.rawValue.count).max() ?? 8
        let idWidth = index.sections.flatMap(\.results).map { TerminalText.line($0.control).count }.max() ?? 9
        for result in entry.failing {
            lines += controlLines(result, label: "FAIL", index: index, idWidth: idWidth, severityWidth: severityWidth, layout: layout)
            let findings = index.findings(for: result.control)
            for finding in findings {
                lines += findingLines(finding, layout: layout)
            }
            if findings.isEmpty, !result.reason.isEmpty {
                lines += layout.line("        ", prefixWidth: 8, result.reason)
            }
            let fix = index.remediation(of: result)
            if !fix.isEmpty {
                lines += layout.line("        " + paint.bold("fix:") + " ", prefixWidth: 13, fix)
            }
        }
        if style.showNotAssessed {
            for result in entry.notAssessed {
                lines += controlLines(result, label: "N/A ", index: index, idWidth: idWidth, severityWidth: severityWidth, layout: layout)
                var reason = result.reason.isEmpty ? "no reason given" : result.reason
                if result.cause == .inputUnreadable { reason += " (input unreadable: --strict fails on this)" }
                if result.cause == .controlError { reason += " (control error: --strict fails on this)" }
                lines += layout.line("        " + paint.dim("reason:") + " ", prefixWidth: 16, reason)
            }
        } else if !entry.notAssessed.isEmpty {
            let n = entry.notAssessed.count
            let unreadable = entry.notAssessed.filter { $0.cause == .inputUnreadable }.count
            let note = unreadable == 0 ? "" : ", \(unreadable) of them because input could not be read"
            lines += layout.line("  " + paint.status(.notAssessed, "N/A ") + "  ", prefixWidth: 8,
                                 "\(n) control\(n == 1 ? "" : "s") not assessed\(note) (--show-not-assessed lists them with the reason)",
                                 style: paint.dim)
        }
        if !entry.passing.isEmpty {
            let ids = entry.passing.map(\.control).joined(separator: ", ")
            lines += layout.line("  " + paint.status(.pass, "PASS") + "  ", prefixWidth: 8, ids)
        }
        return lines
    }

    /// `S6   Container privileges`: IDs padded so titles line up from S1 to S17.
    static func sectionLabel(_ section: GuideSection) -> String {
        TerminalText.pad(section.id, 3) + "  " + section.title
    }

    /// `  FAIL  BW-S6-103  high      Title…`, the title wrapped under itself; the severity shown
    /// is the one that counts (`ReportIndex.severity(of:)`).
    private func controlLines(_ result: ControlResult, label: String, index: ReportIndex, idWidth: Int,
                              severityWidth: Int, layout: Layout) -> [String] {
        let paint = layout.paint
        let severity = index.severity(of: result)
        let prefix = "  " + paint.status(result.status, label) + "  "
            + TerminalText.pad(TerminalText.line(result.control), idWidth) + "  "
            + paint.severity(severity, TerminalText.pad(severity.rawValue, severityWidth)) + "  "
        let prefixWidth = 2 + 4 + 2 + idWidth + 2 + severityWidth + 2
        // Titles hang under themselves unless that leaves too narrow a column.
        let hanging = layout.width - prefixWidth >= 30 ? prefixWidth : 8
        return layout.line(prefix, prefixWidth: prefixWidth, index.title(of: result), hanging: hanging)
    }

    private func findingLines(_ finding: Finding, layout: Layout) -> [String] {
        let paint = layout.paint
        let location = FindingLocation(finding)
        var lines = layout.line("        • ", prefixWidth: 10, FindingLocation.objectName(finding) ?? "(cluster)")
        if let place = location.fileAndLine {
            let last = lines.removeLast()
            let lastWidth = TerminalText.visibleWidth(last)
            if lastWidth + 2 + place.count <= layout.width {
                lines.append(last + "  " + paint.dim(TerminalText.line(place)))
            } else {
                lines.append(last)
                lines += layout.line("          ", prefixWidth: 10, place, style: paint.dim)
            }
        }
        var field = finding.path
        if let value = finding.value { field += " = " + value }
        if !field.isEmpty { lines += layout.line("          ", prefixWidth: 10, field, hanging: 12, style: paint.cyan) }
        lines += layout.line("          ", prefixWidth: 10, finding.message)
        return lines
    }

    private func countsTable(_ index: ReportIndex, layout: Layout) -> [String] {
        let paint = layout.paint
        let headers = ["Section", "Pass", "Fail", "Not assessed", "Score"]
        // Section titles only where they fit (the longest is 26 characters).
        let titled = 5 + 26 + 2 + 4 + 2 + 4 + 2 + 12 + 2 + 5 <= layout.width
        var rows: [[String]] = index.sections.map { entry in
            [titled ? Self.sectionLabel(entry.section) : entry.section.id, "\(entry.counts.pass)", "\(entry.counts.fail)",
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

    /// The count of exceptions applied, and each expired one by name: an expired exception is a
    /// decision someone has to renew or drop.
    private func exceptionsLines(_ report: ScanReport) -> [String] {
        guard !report.exceptions.isEmpty else { return [] }
        let expired = report.exceptions.filter { $0.status == .expired }
        var line = "Exceptions: \(report.exceptions.count - expired.count) applied"
        if !expired.isEmpty { line += ", \(expired.count) expired (no longer hiding findings):" }
        return [line] + expired.map { use in
            let object = use.object?.displayName ?? "(cluster)"
            return "\(use.control) on \(object) \(use.path) — expired \(use.expires ?? "?") (\(use.source)): \(use.reason)"
        }
    }

    private func issueLines(_ issues: [InputIssue], layout: Layout) -> [String] {
        let paint = layout.paint
        let errors = issues.filter { $0.level == .error }.count
        let warnings = issues.count - errors
        var lines = layout.wrap("Input issues: \(Self.count(errors, "error")), \(Self.count(warnings, "warning"))", first: 0, hanging: 2).map(paint.bold)
        for issue in issues {
            let level = TerminalText.pad(issue.level.rawValue, 7)
            let coloured = issue.level == .error ? paint.red(level) : paint.yellow(level)
            let place = TerminalText.line(FindingLocation.describe(issue))
            if 11 + place.count + 2 <= layout.width - 20 {
                lines += layout.line("  " + coloured + "  " + place + "  ", prefixWidth: 11 + place.count + 2, issue.message, hanging: 11)
            } else {
                lines += layout.line("  " + coloured + "  ", prefixWidth: 11, place)
                lines += layout.line(String(repeating: " ", count: 11), prefixWidth: 11, issue.message)
            }
        }
        return lines
    }
}
