import BulwarkModel

/// Turns a finished scan into one output format. Renderers print only what the report's findings,
/// results and issues carry (already redacted upstream); they never see raw objects.
public protocol ReportRenderer: Sendable {
    func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String
}
