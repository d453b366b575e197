import Foundation
import BulwarkModel

/// Picks the renderer for `--format`.
enum ReportRendering {
    static func render(_ report: ScanReport, format: ReportFormatName, colour: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
