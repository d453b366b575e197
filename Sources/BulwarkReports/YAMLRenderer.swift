import BulwarkModel
import Yams

/// The JSON form written as YAML. The report is first turned into its JSON value and that value is
/// emitted, so YAML and JSON always carry the same keys and values. Yams quotes strings that would
/// otherwise read back as numbers, booleans, nulls or timestamps.
public struct YAMLRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        let document = try JSONValue(encoding: report)
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.allowUnicode = true
        encoder.options.width = -1  // no folding: long messages stay on one line
        return try encoder.encode(document)
    }
}
