import BulwarkModel

/// The report rearranged the way human-facing renderers walk it: by guide section in S1…S17
/// order, controls sorted by ID within a section, and each control's findings at hand.
struct ReportIndex: Sendable {
    struct SectionEntry: Sendable {
        var section: GuideSection
        var counts: ScanReport.Counts
        var score: Int?
        var results: [ControlResult]
        var failing: [ControlResult] { results.filter { $0.status == .fail } }
        var notAssessed: [ControlResult] { results.filter { $0.status == .notAssessed } }
        var passing: [ControlResult] { results.filter { $0.status == .pass } }
    }

    let report: ScanReport
    /// Sections that have at least one result, in guide order.
    let sections: [SectionEntry]
    let totals: ScanReport.Counts
    let findingsByControl: [String: [Finding]]
    let controlsByID: [String: ControlInfo]

    /// Results and findings the display filters left out (for the note saying so).
    let hiddenResults: Int
    let hiddenFindings: Int

    init(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle = .plain) {
        self.report = report
        let allFindings = report.findings
        let shownFindings = allFindings.filter { f in
            (style.sections?.contains(f.section) ?? true) && f.severity >= (style.minimumSeverity ?? .info)
        }
        let findingControls = Set(shownFindings.map(\.control))
        let shownResults = report.results.filter { r in
            guard style.sections?.contains(r.section) ?? true else { return false }
            guard let minimum = style.minimumSeverity else { return true }
            // A failing control is shown when a finding that counts is; others by their own severity.
            return r.status == .fail ? findingControls.contains(r.control) : r.severity >= minimum
        }
        hiddenResults = report.results.count - shownResults.count
        hiddenFindings = allFindings.count - shownFindings.count
        let catalogue = Dictionary(controls.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var grouped: [GuideSection: [ControlResult]] = [:]
        for result in shownResults { grouped[result.section, default: []].append(result) }
        // A finding whose control has no result (an inconsistent report) still gets shown, as a
        // failing control, rather than silently dropped.
        let withResults = Set(report.results.map(\.control))
        let orphans = Dictionary(grouping: shownFindings.filter { !withResults.contains($0.control) }, by: \.control)
        for (control, findings) in orphans {
            guard let first = findings.first else { continue }
            let info = catalogue[control]
            grouped[first.section, default: []].append(ControlResult(
                control: control, section: first.section, severity: info?.severity ?? first.severity,
                title: info?.title ?? control, status: .fail, reason: "", findings: findings.count))
        }
        var totals = ScanReport.Counts()
        self.sections = grouped.keys.sorted().map { section in
            let results = (grouped[section] ?? []).sorted { ControlOrder.precedes($0.control, $1.control) }
            var counts = ScanReport.Counts()
            for result in results { counts.add(result.status); totals.add(result.status) }
            let summary = ScanReport.SectionSummary(section: section, counts: counts)
            return SectionEntry(section: section, counts: counts, score: summary.score, results: results)
        }
        self.totals = totals
        self.findingsByControl = Dictionary(grouping: shownFindings, by: \.control)
        self.controlsByID = catalogue
    }

    /// Score over every assessed control, as sections compute theirs.
    var totalScore: Int? { ScanReport.SectionSummary(section: .s1, counts: totals).score }

    func findings(for control: String) -> [Finding] { findingsByControl[control] ?? [] }

    /// The severity that counts for a result: for a failing control the highest severity among
    /// its findings (what `--fail-on` judges), else the control's own.
    func severity(of result: ControlResult) -> Severity {
        guard result.status == .fail else { return result.severity }
        return findings(for: result.control).map(\.severity).max() ?? result.severity
    }

    /// The catalogue remediation, else the one the findings carry.
    func remediation(of result: ControlResult) -> String {
        let text = controlsByID[result.control]?.remediation ?? ""
        return text.isEmpty ? (findings(for: result.control).first?.remediation ?? "") : text
    }

    /// The catalogue title, else the one the result carries.
    func title(of result: ControlResult) -> String {
        let title = controlsByID[result.control]?.title ?? ""
        return title.isEmpty ? result.title : title
    }
}
