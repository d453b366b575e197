import BulwarkModel
import BulwarkReports

/// Renders a report in the format asked for, with every control known to the catalogue.
enum ReportRendering {
    static func render(_ report: ScanReport, format: ReportFormat, style: RenderStyle) throws -> String {
        try format.render(report, controls: Catalog.controls.map(\.info), style: style)
    }
}
