import BulwarkModel

/// One self-contained HTML page (`-o html`, and `serve`'s `/report`): nothing loads from outside
/// it — styles and the chart are inline, the only links are ones to read — and it is whole with
/// JavaScript off: sections are `<details>` elements, open when they hold failures. The small
/// inline script only adds a text filter and sortable finding tables. Each finding is one table
/// row of escaped text, so 10,000 findings stay a few megabytes.
public struct HTMLRenderer: ReportRenderer {
    public init() {}

    /// Sections with more findings than this start collapsed even when failing, so a huge report
    /// opens fast; the summary still counts them.
    static let openSectionLimit = 400

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let index = ReportIndex(report, controls: controls, style: style)
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>Bulwark report · \(HTMLText.escape(report.generatedAt))</title>")
        out.append("<style>\(Self.css)</style></head><body>")
        out.append("<header><h1>Bulwark report</h1>")
        let s = report.settings
        out.append("<p class=\"meta\">\(HTMLText.escape(report.tool.name)) \(HTMLText.escape(report.tool.version)) · generated \(HTMLText.escape(report.generatedAt)) · \(report.summary.objects) objects · PSS \(HTMLText.escape(s.pssLevel)) \(HTMLText.escape(s.pssVersion)) · Kubernetes \(HTMLText.escape(s.kubeVersion)) · fail on \(s.failOn.rawValue) · exit code \(report.summary.exitCode)</p>")
        out.append("</header><main>")
        out += summary(index, report: report)
        out.append("<section id=\"controls\"><h2>Controls by guide section</h2>")
        out.append("<div id=\"filter\"></div>")
        for entry in index.sections { out += sectionBlock(entry, index: index) }
        out.append("</section>")
        out += exceptions(report)
        out += issues(report.errors)
        out.append("<footer><p>Subscribe to security announcements: <a href=\"\(HTMLText.escape(report.security.announcements))\">\(HTMLText.escape(report.security.announcements))</a><br>")
        out.append("Report a vulnerability: <a href=\"\(HTMLText.escape(report.security.reportVulnerability))\">\(HTMLText.escape(report.security.reportVulnerability))</a></p></footer>")
        out.append("</main><script>\(Self.script)</script></body></html>")
        return out.joined(separator: "\n") + "\n"
    }

    private func summary(_ index: ReportIndex, report: ScanReport) -> [String] {
        var out = ["<section id=\"summary\"><h2>Summary</h2>"]
        let t = index.totals
        out.append("<p class=\"verdict\"><strong>\(t.fail) of \(t.pass + t.fail) assessed controls fail</strong>, \(t.pass) pass, \(t.notAssessed) not assessed; \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s").</p>")
        out.append("<ul class=\"severities\">")
        for severity in Severity.allCases.reversed() {
            let n = report.summary.findings[severity.rawValue] ?? 0
            out.append("<li class=\"sev-\(severity.rawValue)\"><span>\(n)</span> \(severity.rawValue)</li>")
        }
        out.append("</ul>")
        out.append(chart(index))
        out.append("<table class=\"sections\"><thead><tr><th>Section</th><th>Title</th><th>Pass</th><th>Fail</th><th>Not assessed</th><th>Score</th></tr></thead><tbody>")
        for entry in index.sections {
            out.append("<tr><td><a href=\"#\(entry.section.id)\">\(entry.section.id)</a></td><td>\(HTMLText.escape(entry.section.title))</td><td>\(entry.counts.pass)</td><td>\(entry.counts.fail)</td><td>\(entry.counts.notAssessed)</td><td>\(entry.score.map { "\($0)%" } ?? "—")</td></tr>")
        }
        out.append("<tr class=\"total\"><td>Total</td><td></td><td>\(t.pass)</td><td>\(t.fail)</td><td>\(t.notAssessed)</td><td>\(index.totalScore.map { "\($0)%" } ?? "—")</td></tr>")
        out.append("</tbody></table></section>")
        return out
    }

    /// Score per section as horizontal bars, inline SVG with a text label on every bar.
    private func chart(_ index: ReportIndex) -> String {
        let rowHeight = 18, labelWidth = 260, barWidth = 300
        let height = max(rowHeight, index.sections.count * rowHeight)
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"Score per guide section\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\">"
        for (row, entry) in index.sections.enumerated() {
            let y = row * rowHeight
            let score = entry.score ?? 0
            let width = barWidth * score / 100
            let colour = entry.score == nil ? "#bbb" : score >= 80 ? "#2e7d32" : score >= 50 ? "#f9a825" : "#c62828"
            svg += "<text x=\"0\" y=\"\(y + 13)\">\(entry.section.id) \(HTMLText.escape(entry.section.title))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"12\" fill=\"#eee\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"12\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 13)\">\(entry.score.map { "\($0)%" } ?? "n/a")</text>"
        }
        return svg + "</svg>"
    }

    private func sectionBlock(_ entry: ReportIndex.SectionEntry, index: ReportIndex) -> [String] {
        let c = entry.counts
        let findingCount = entry.failing.reduce(0) { $0 + index.findings(for: $1.control).count }
        let open = c.fail > 0 && findingCount <= Self.openSectionLimit
        var out = ["<details class=\"section\" id=\"\(entry.section.id)\"\(open ? " open" : "")>"]
        out.append("<summary><strong>\(entry.section.id) \(HTMLText.escape(entry.section.title))</strong> — \(c.pass) pass, \(c.fail) fail, \(c.notAssessed) not assessed\(entry.score.map { ", score \($0)%" } ?? "")</summary>")
        // What needs work first, then what passed, then what could not be judged.
        for result in entry.failing + entry.passing + entry.notAssessed {
            out += controlBlock(result, index: index)
        }
        out.append("</details>")
        return out
    }

    private func controlBlock(_ result: ControlResult, index: ReportIndex) -> [String] {
        let status = result.status.rawValue
        let label = result.status == .pass ? "PASS" : result.status == .fail ? "FAIL" : "NOT ASSESSED"
        let severity = index.severity(of: result).rawValue
        var out = ["<div class=\"control \(status)\" data-control=\"\(HTMLText.escape(result.control))\">"]
        out.append("<h3><span class=\"status \(status)\">\(label)</span> <code>\(HTMLText.escape(result.control))</code> <span class=\"sev sev-\(severity)\">\(severity)</span> \(HTMLText.escape(index.title(of: result)))</h3>")
        switch result.status {
        case .pass:
            if !result.reason.isEmpty { out.append("<p class=\"reason\">\(HTMLText.escape(result.reason))</p>") }
        case .notAssessed:
            let unreadable = result.cause == .inputUnreadable ? " <em>(input unreadable: --strict fails on this)</em>" : ""
            out.append("<p class=\"reason\">Not assessed: \(HTMLText.escape(result.reason.isEmpty ? "no reason given" : result.reason))\(unreadable)</p>")
        case .fail:
            let findings = index.findings(for: result.control)
            if findings.isEmpty {
                out.append("<p class=\"reason\">\(HTMLText.escape(result.reason))</p>")
            } else {
                out.append("<table class=\"findings\"><thead><tr><th>Severity</th><th>Object</th><th>Location</th><th>Field</th><th>Value</th><th>Message</th></tr></thead><tbody>")
                for finding in findings {
                    let location = FindingLocation(finding)
                    out.append("<tr><td class=\"sev-\(finding.severity.rawValue)\">\(finding.severity.rawValue)</td><td>\(HTMLText.escape(FindingLocation.objectName(finding) ?? "(cluster)"))</td><td><code>\(HTMLText.escape(location.fileAndLine ?? ""))</code></td><td><code>\(HTMLText.escape(finding.path))</code></td><td><code>\(HTMLText.escape(finding.value ?? ""))</code></td><td>\(HTMLText.escape(finding.message))</td></tr>")
                }
                out.append("</tbody></table>")
            }
            let fix = index.remediation(of: result)
            if !fix.isEmpty { out.append("<p class=\"fix\"><strong>Fix:</strong> \(HTMLText.escape(fix))</p>") }
        }
        out.append("</div>")
        return out
    }

    private func exceptions(_ report: ScanReport) -> [String] {
        guard !report.exceptions.isEmpty else { return [] }
        var out = ["<section id=\"exceptions\"><h2>Exceptions</h2><table><thead><tr><th>Control</th><th>Object</th><th>Field</th><th>Status</th><th>Expires</th><th>Source</th><th>Reason</th></tr></thead><tbody>"]
        for use in report.exceptions {
            out.append("<tr><td><code>\(HTMLText.escape(use.control))</code></td><td>\(HTMLText.escape(use.object?.displayName ?? "(cluster)"))</td><td><code>\(HTMLText.escape(use.path))</code></td><td>\(use.status.rawValue)</td><td>\(HTMLText.escape(use.expires ?? ""))</td><td>\(HTMLText.escape(use.source))</td><td>\(HTMLText.escape(use.reason))</td></tr>")
        }
        out.append("</tbody></table></section>")
        return out
    }

    private func issues(_ issues: [InputIssue]) -> [String] {
        guard !issues.isEmpty else { return [] }
        var out = ["<section id=\"errors\"><h2>Input errors and warnings</h2><table><thead><tr><th>Level</th><th>Where</th><th>Message</th></tr></thead><tbody>"]
        for issue in issues {
            out.append("<tr><td>\(issue.level.rawValue)</td><td><code>\(HTMLText.escape(FindingLocation.describe(issue)))</code></td><td>\(HTMLText.escape(issue.message))</td></tr>")
        }
        out.append("</tbody></table></section>")
        return out
    }

    static let css = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#222}\
    h1{margin:16px 0 4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:14px;margin:10px 0 4px}\
    .meta{color:#555}table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}\
    th{background:#f4f4f4;cursor:default}td code,h3 code{word-break:break-all}.section{margin:8px 0;border:1px solid #ddd;border-radius:4px;padding:4px 8px}\
    summary{cursor:pointer;padding:4px 0}.status{display:inline-block;min-width:4.5em;padding:0 4px;border-radius:3px;color:#fff;font-size:12px;text-align:center}\
    .status.pass{background:#2e7d32}.status.fail{background:#c62828}.status.not_assessed{background:#8d6e63}\
    .sev{font-size:12px;padding:0 4px;border-radius:3px;background:#eee}.sev-critical{color:#b71c1c;font-weight:bold}.sev-high{color:#c62828}\
    .sev-medium{color:#e65100}.sev-low{color:#1565c0}.sev-info{color:#555}.reason{color:#555;margin:2px 0 6px}.fix{background:#f1f8e9;padding:4px 6px}\
    .severities{list-style:none;padding:0;display:flex;gap:16px}.severities span{font-size:20px;font-weight:bold}\
    .chart text{font-size:12px}.total td{font-weight:bold}#filter input{width:320px;padding:4px;margin:4px 0}.hidden{display:none}
    """

    /// Optional: a filter box over controls and finding rows, and click-to-sort finding tables.
    /// Nothing depends on it.
    static let script = """
    (function(){var box=document.getElementById('filter');if(!box)return;var i=document.createElement('input');\
    i.type='search';i.placeholder='Filter controls and findings';box.appendChild(i);\
    i.addEventListener('input',function(){var q=i.value.toLowerCase();document.querySelectorAll('.control').forEach(function(c){\
    var rows=c.querySelectorAll('tbody tr');var any=c.textContent.toLowerCase().indexOf(q)>=0;\
    rows.forEach(function(r){r.classList.toggle('hidden',q!==''&&r.textContent.toLowerCase().indexOf(q)<0);});\
    c.classList.toggle('hidden',q!==''&&!any);if(q!==''&&any){var d=c.closest('details');if(d)d.open=true;}});});\
    document.querySelectorAll('table.findings th').forEach(function(th,col){th.style.cursor='pointer';th.addEventListener('click',function(){\
    var body=th.closest('table').tBodies[0];var rows=Array.prototype.slice.call(body.rows);var asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
    var n=th.cellIndex;rows.sort(function(a,b){var x=a.cells[n].textContent,y=b.cells[n].textContent;return asc?x.localeCompare(y):y.localeCompare(x);});\
    rows.forEach(function(r){body.appendChild(r);});});});})();
    """
}

/// Text made safe inside HTML elements and double-quoted attributes: XML's escaping serves both
/// (`&`, `<`, `>`, `"` escaped; control characters no document may hold become U+FFFD).
enum HTMLText {
    static func escape(_ text: String) -> String { XMLText.attribute(text) }
}
