import BulwarkModel
import BulwarkReports

/// Renders a report in the format asked for, with every control known to the catalogue.
enum ReportRendering {
    /// Findings and input issues are redacted when made; the rendered document passes the same
    /// redaction once more, so that no text a report carries (a result's reason, a source name)
    /// can show a credential in any format. It only replaces characters inside values, so the
    /// document stays valid JSON, YAML, XML or SARIF.
    static func render(_ report: ScanReport, format: ReportFormat, style: RenderStyle) throws -> String {
        CredentialRedaction.redact(text: try format.render(report, controls: Catalog.controls.map(\.info), style: style))
    }
}
