import Foundation
import BulwarkModel

/// The report's documented JSON form: `ScanReport` as Codable encodes it, keys sorted so output is
/// stable between runs and diffs well.
public struct JSONRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        try Self.encode(report) + "\n"
    }

    /// The JSON text of any Encodable value, formatted as every Bulwark JSON output is.
    static func encode(_ value: some Encodable) throws -> String {
        let data = try encoder().encode(value)
        guard let text = String(data: data, encoding: .utf8) else { throw ReportRenderError.notUTF8(format: "json") }
        return text
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
