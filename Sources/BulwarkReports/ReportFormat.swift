import BulwarkModel

/// The output formats `--format` accepts; each names one renderer.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, yaml, sarif, junit, markdown, html, prometheus

    /// The renderer for this format.
    public var renderer: any ReportRenderer {
        switch self {
        case .table: return TableRenderer()
        case .json: return JSONRenderer()
        case .yaml: return YAMLRenderer()
        case .sarif: return SARIFRenderer()
        case .junit: return JUnitRenderer()
        case .markdown: return MarkdownRenderer()
        case .html: return HTMLRenderer()
        case .prometheus: return PrometheusRenderer()
        }
    }

    /// Renders `report` in this format. `controls` is the full control catalogue (SARIF lists every
    /// rule; JUnit and Markdown take titles from it); `style` only matters for the human formats.
    ///
    /// Findings and input issues are redacted when made; the rendered document passes the same
    /// redaction once more, so that no text a report carries (a result's reason, a source name)
    /// can show a credential in any format. It only replaces characters inside values and stops
    /// before escapes and tags, so the document stays valid JSON, YAML, XML, HTML or SARIF.
    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle = .plain) throws -> String {
        CredentialRedaction.redact(text: try renderer.render(report, controls: controls, style: style))
    }
}
